import { isDomainError } from '@tessera/domain';
import { Command, CommanderError } from 'commander';
import { registerBackupCommands } from './commands/backup';
import { registerDatabaseCommands } from './commands/database';
import { registerImportCommands } from './commands/import';
import { registerKeyCommands } from './commands/key';
import { registerActivityCommands, registerListCommands } from './commands/lists';
import { registerReportCommands } from './commands/report';
import { describeMessageKey } from './commands/shared';
import { registerUserCommands } from './commands/users';

/** The admin CLI: one module per command group in ./commands. */
export function buildCli(): Command {
  const program = new Command('tessera')
    .description('Tessera admin CLI. Uses DATABASE_URL (default ./data/tessera.db).')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('help')
    .description('show this help')
    .action(() => program.outputHelp());

  registerDatabaseCommands(program);
  registerUserCommands(program);
  registerListCommands(program);
  registerImportCommands(program);
  registerReportCommands(program);
  registerActivityCommands(program);
  registerBackupCommands(program);
  registerKeyCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code.startsWith('tessera.')) console.error(error.message);
      return error.exitCode || 1;
    }
    if (isDomainError(error)) {
      console.error(error.message);
      for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
        console.error(`  ${field}: ${messages.map(describeMessageKey).join('; ')}`);
      }
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}

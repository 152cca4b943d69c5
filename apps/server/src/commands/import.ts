import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importForCli, importTemplateCsv, importTemplateForCli, parseImportFile } from '@tessera/api';
import { type ImportKind, type ImportProblem, importKinds, parseMessageKey, slugField } from '@tessera/domain';
import { type Command, CommanderError } from 'commander';
import { loadEnv } from '../env';
import { describeMessageKey, parseOrFail, requireKey, withDatabase } from './shared';

/** import participants|attendance. */
export function registerImportCommands(program: Command): void {
  const imports = program.command('import').description('import participants or attendance from a CSV or XLSX file');
  for (const kind of importKinds) {
    imports
      .command(kind)
      .description(
        kind === 'participants'
          ? 'create or update participants by code (columns: see --template)'
          : 'record attendance by activity, session date and participant code, enrolling newcomers (columns: see --template)',
      )
      .option('--org <slug>', 'organisation slug')
      .option('--file <path>', 'the CSV (UTF-8) or XLSX file')
      .option('--dry-run', 'check the file and say what would change, writing nothing')
      .option(
        '--template',
        'print the expected columns and an example row as CSV (with --org: its attribute columns too)',
      )
      .action(async (opts: { org?: string; file?: string; dryRun?: boolean; template?: boolean }) => {
        if (opts.template) {
          const org = opts.org ? parseOrFail(slugField, opts.org, '--org') : null;
          process.stdout.write(
            org ? await withDatabase(({ db }) => importTemplateForCli(db, org, kind)) : importTemplateCsv(kind),
          );
          return;
        }
        if (!opts.org || !opts.file) {
          throw new CommanderError(2, 'tessera.invalid', 'Give --org and --file (or --template).');
        }
        await runImport(kind, parseOrFail(slugField, opts.org, '--org'), opts.file, opts.dryRun ?? false);
      });
  }
}

/**
 * One import: reads the file, checks it, and (unless a dry run) writes it in one transaction.
 * Progress goes to stderr; problems are printed by row and column, never with a cell's value.
 */
async function runImport(kind: ImportKind, org: string, fileName: string, dryRun: boolean): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(fileName));
  } catch {
    throw new CommanderError(2, 'tessera.file', `Cannot read ${fileName}.`);
  }
  const file = await parseImportFile(bytes, path.basename(fileName));
  // The key must be the server's, or sealed contact details could never be read again: with no
  // key found and participants already stored, withDatabase refuses rather than make a new one.
  const outcome = await withDatabase(
    async ({ db, secret }) => {
      const key = requireKey(secret);
      if (secret?.created) {
        console.error(
          `Created a new secret key at ${path.resolve(loadEnv().SECRET_KEY_FILE)}: keep it safe, and out of backups.`,
        );
      }
      return importForCli(db, org, { secretKey: key }, kind, file, {
        dryRun,
        onProgress: (p) => {
          if (p.phase !== 'reading') console.error(`${p.phase} ${p.done}/${p.total}`);
        },
      });
    },
    { key: 'create' },
  );
  const { summary } = outcome;
  if (!outcome.ok) {
    for (const problem of outcome.problems) console.error(describeProblem(problem));
    const count = outcome.problems.length;
    throw new CommanderError(
      1,
      'tessera.import',
      `${count} problem${count === 1 ? '' : 's'} in the file; nothing was imported.`,
    );
  }
  const enrolled = kind === 'attendance' ? `, ${summary.enrolled} enrolled` : '';
  console.log(
    dryRun
      ? `Dry run, nothing written: ${summary.rows} rows would give ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} already there${enrolled}.`
      : `${kind === 'participants' ? 'Participants' : 'Attendance'} imported: ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} already there${enrolled}.`,
  );
}

/** English for the messages an import can give (the CLI has no translations). */
const importMessages: Record<string, string> = {
  'validation.required': 'required',
  'validation.invalid': 'cannot be read',
  'validation.invalidCode': 'not a code (letters, digits and dashes, up to 32)',
  'validation.invalidChoice': 'not one of the accepted values',
  'validation.invalidDate': 'not a date (YYYY-MM-DD)',
  'validation.invalidNumber': 'not a whole number',
  'validation.negative': 'cannot be negative',
  'validation.tooLong': 'longer than {max} characters',
  'validation.duplicate': 'already given in an earlier row',
  'validation.minutesOverSession': 'more than the session’s {minutes} minutes',
  'validation.unknownParticipant': 'no participant has this code',
  'validation.unknownActivity': 'no activity has this id, reference or title',
  'validation.ambiguousActivity': 'several activities have this title: use the reference',
  'validation.noSession': 'the activity has no single session on this date',
  'validation.wrongAttendanceMode': 'this activity keeps head counts, not a register',
  'validation.unknownAttribute': 'the organisation does not ask this attribute',
  'validation.erased': 'this participant was erased',
  'validation.unknownColumns': 'unknown columns: {columns}',
  'validation.missingColumns': 'missing required columns: {columns}',
};

function describeProblem(problem: ImportProblem): string {
  const { key, params } = parseMessageKey(problem.message);
  const template = importMessages[key];
  const text = template
    ? template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
    : describeMessageKey(problem.message);
  return `row ${problem.row}${problem.column ? `, ${problem.column}` : ''}: ${text}`;
}

import { createUserWithMembership, generatePassword, resetSecondFactorByEmail, setUserRole } from '@tessera/api';
import { emailField, roleSchema, slugField } from '@tessera/domain';
import type { Command } from 'commander';
import { parseOrFail, readStdin, withDatabase } from './shared';

/** user:create, user:set-role, user:reset-second-factor. */
export function registerUserCommands(program: Command): void {
  program
    .command('user:create')
    .description('add a user to an organisation; the password is read from stdin, or generated and printed once')
    .requiredOption('--email <email>', 'the user’s email')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--role <role>', 'admin | coordinator | finance | viewer')
    .option('--name <name>', 'display name (defaults to the part of the email before @)')
    .action(async (opts: { email: string; org: string; role: string; name?: string }) => {
      const email = parseOrFail(emailField, opts.email, '--email');
      const org = parseOrFail(slugField, opts.org, '--org');
      const role = parseOrFail(roleSchema, opts.role, '--role');
      const piped = (await readStdin())?.replace(/\r?\n$/, '') ?? '';
      const generated = piped === '' ? generatePassword() : null;
      const result = await withDatabase(({ db }) =>
        createUserWithMembership(db, {
          email,
          orgSlug: org,
          role,
          password: generated ?? piped,
          displayName: opts.name,
        }),
      );
      console.log(`${result.created ? 'Created' : 'Added existing user'} ${email} as ${role} in ${org}.`);
      if (!result.created) {
        // An existing account keeps its own password: never print one that was not set.
        if (piped) console.log('The account already existed: its password was not changed.');
      } else if (generated) {
        console.log(`Password (shown once, hand it over safely): ${generated}`);
      }
    });

  program
    .command('user:set-role')
    .description('change a member’s role in an organisation')
    .requiredOption('--email <email>', 'the user’s email')
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--role <role>', 'admin | coordinator | finance | viewer')
    .action(async (opts: { email: string; org: string; role: string }) => {
      const email = parseOrFail(emailField, opts.email, '--email');
      const org = parseOrFail(slugField, opts.org, '--org');
      const role = parseOrFail(roleSchema, opts.role, '--role');
      await withDatabase(({ db }) => setUserRole(db, { email, orgSlug: org, role }));
      console.log(`${email} is now ${role} in ${org}.`);
    });

  program
    .command('user:reset-second-factor')
    .description(
      'remove a user’s second factor and recovery codes and sign them out everywhere (a lost phone, and no admin left to reset it in the app)',
    )
    .requiredOption('--email <email>', 'the user’s email')
    .action(async (opts: { email: string }) => {
      const email = parseOrFail(emailField, opts.email, '--email');
      const result = await withDatabase(({ db }) => resetSecondFactorByEmail(db, { email }));
      console.log(
        result.hadSecondFactor
          ? `${email}: second factor and recovery codes removed, every session signed out.`
          : `${email} had no second factor; every session signed out.`,
      );
      console.log(
        'At the next sign-in they set up a new authenticator where their organisation requires one. Check who asked: this is the way into an account.',
      );
    });
}

import { sealOutcomeDescriptions, seedDemo } from '@tessera/api';
import { migrateToLatest, openDatabase } from '@tessera/db';
import { type Command, CommanderError } from 'commander';
import { loadEnv } from '../env';
import { SecretKeyRefused, secretKeyForDatabase } from '../key-guard';
import { withDatabase } from './shared';

/** migrate, seed-demo. */
export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('create the database if needed and apply pending migrations')
    .action(async () => {
      const env = loadEnv();
      const opened = openDatabase(env.DATABASE_URL);
      try {
        const results = await migrateToLatest(opened.db);
        console.log(
          results.length === 0
            ? 'Database is up to date.'
            : results.map((r) => `applied ${r.migrationName}`).join('\n'),
        );
        let secret: Awaited<ReturnType<typeof secretKeyForDatabase>>;
        try {
          secret = await secretKeyForDatabase(opened.db, env, { create: false });
        } catch (error) {
          if (error instanceof SecretKeyRefused) throw new CommanderError(1, 'tessera.key', error.message);
          throw error;
        }
        // Outcome descriptions left in clear by an older version are sealed, when the key is here.
        const sealed = secret ? (await sealOutcomeDescriptions(opened.db, secret.key)).sealed : null;
        if (sealed) console.log(`sealed ${sealed} outcome descriptions written in clear`);
        if (sealed === null) {
          console.log('No secret key found: outcome descriptions written in clear are sealed when the server starts.');
        }
      } finally {
        await opened.close();
      }
    });

  program
    .command('seed-demo')
    .description('load the demo organisations, users and funders (safe to run again)')
    .action(async () => {
      // The server's key, so the demo's sealed contact details open in the app.
      const { created } = await withDatabase(({ db, secret }) => seedDemo(db, new Date(), secret?.key ?? null), {
        key: 'create',
      });
      console.log(
        created === 0 ? 'Demo data already present; nothing changed.' : `Demo data loaded (${created} records).`,
      );
    });
}

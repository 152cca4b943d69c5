import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rotatedSecret, rotateSecretKey, SecretKeyMismatch, verifySecretKey } from '@tessera/api';
import { claimExclusiveUse, migrateToLatest } from '@tessera/db';
import { openCliDatabase } from '../cli-database';
import { type Command, CommanderError } from 'commander';
import { loadEnv } from '../env';
import { describeKeySource, interruptedRotationHint } from '../key-guard';
import { loadSecretKey, parseSecretKey, writeSecretKeyFile } from '../secret-key';

/** key:rotate (docs/operations.md "Rotating the secret key"). */
export function registerKeyCommands(program: Command): void {
  program
    .command('key:rotate')
    .description('re-seal all sealed data under a new secret key in one transaction (stop the server first)')
    .option(
      '--new-key-file <file>',
      'where to write the new key (default: SECRET_KEY_FILE, the old key renamed beside it; required with SECRET_KEY)',
    )
    .action(async (opts: { newKeyFile?: string }) => {
      const env = loadEnv();
      let current: Uint8Array;
      try {
        current = loadSecretKey({ key: env.SECRET_KEY, file: env.SECRET_KEY_FILE, mayCreate: false }).key;
      } catch (error) {
        throw new CommanderError(1, 'tessera.key', (error as Error).message);
      }
      if (env.SECRET_KEY && !opts.newKeyFile) {
        throw new CommanderError(
          2,
          'tessera.invalid',
          'The key comes from SECRET_KEY: give --new-key-file, where the new key is written for you to move into SECRET_KEY.',
        );
      }
      const keyFile = path.resolve(env.SECRET_KEY_FILE);
      const newKeyFile = path.resolve(opts.newKeyFile ?? `${keyFile}.new`);
      // NEW_SECRET_KEY lets a secrets manager supply the new key; otherwise 32 random bytes.
      const fresh = process.env.NEW_SECRET_KEY ? parseSecretKey(process.env.NEW_SECRET_KEY) : randomKey();
      if (fresh?.length !== 32) {
        throw new CommanderError(2, 'tessera.invalid', 'NEW_SECRET_KEY must be 64 hexadecimal characters (32 bytes).');
      }
      const next = rotatedSecret(current, fresh);

      const opened = openCliDatabase(env);
      try {
        await migrateToLatest(opened.db);
        if (!(await claimExclusiveUse(opened.db))) {
          throw new CommanderError(
            1,
            'tessera.busy',
            'The database is in use (the server or another CLI command has it open): stop the server, then rotate the key. Nothing changed.',
          );
        }
        try {
          await verifySecretKey(opened.db, current);
        } catch (error) {
          if (error instanceof SecretKeyMismatch) {
            throw new CommanderError(
              1,
              'tessera.key',
              `${error.message} The key was read from ${describeKeySource(env)}.${await interruptedRotationHint(opened.db, env)}`,
            );
          }
          throw error;
        }
        if (existsSync(newKeyFile)) {
          // The database opens with the current key, so that file is left by a rotation that was undone.
          throw new CommanderError(
            1,
            'tessera.key',
            `${newKeyFile} exists already, left by an earlier rotation that did not finish: the database is still sealed with the current key, so that file is not needed. Delete it, then rotate again.`,
          );
        }
        // The new key is on disk before any data depends on it.
        writeSecretKeyFile(newKeyFile, next);
        let result: Awaited<ReturnType<typeof rotateSecretKey>>;
        try {
          result = await rotateSecretKey(opened.db, current, next, {
            onProgress: (done, total) => console.error(`re-sealed ${done}/${total}`),
          });
        } catch (error) {
          rmSync(newKeyFile, { force: true });
          throw new CommanderError(
            1,
            'tessera.key',
            `Key rotation failed and was undone: everything is still under the current key. (${(error as Error).message})`,
          );
        }
        const counts = Object.entries(result.resealed).map(([column, n]) => `${column} ${n}`);
        console.log(
          `Re-sealed ${result.total} values under the new key${counts.length ? ` (${counts.join(', ')})` : ''}.`,
        );
        if (!env.SECRET_KEY && !opts.newKeyFile) {
          const retired = `${keyFile}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          renameSync(keyFile, retired);
          renameSync(newKeyFile, keyFile);
          console.log(`The new key is in ${keyFile} (SECRET_KEY_FILE): start the server as usual.`);
          console.log(
            `The old key is kept in ${retired}: backups made before now need it. Store it with those backups' keys, apart from the backups, and delete it only when the last of those backups is gone.`,
          );
        } else {
          console.log(
            `The new key is in ${newKeyFile}. Before starting the server, point SECRET_KEY_FILE at it or put its contents in SECRET_KEY: with the old key the server now refuses to start.`,
          );
          console.log(
            `Keep the old key (${describeKeySource(env)}) for backups made before now, apart from the backups.`,
          );
        }
        console.log('Make a new backup now: it goes with the new key.');
      } finally {
        await opened.close();
      }
    });
}

function randomKey(): Uint8Array {
  const key = new Uint8Array(32);
  crypto.getRandomValues(key);
  return key;
}

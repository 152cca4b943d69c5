import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  demoPassword,
  demoTotpSecrets,
  demoUsers,
  isDatabaseEmpty,
  sealOutcomeDescriptions,
  seedDemo,
} from '@tessera/api';
import {
  deleteExpiredSessions,
  findOrganizationBySlug,
  migrateToLatest,
  openDatabase,
  pruneLoginAttempts,
  pruneTrustedLoginAddresses,
  purgeWriteAheadLog,
} from '@tessera/db';
import { loginThrottle } from '@tessera/domain';
import { buildApp, loggerOptions } from './app';
import { loadEnv } from './env';
import { backupScheduleOptions, startBackupSchedule } from './backup-schedule';
import { secretKeyForDatabase } from './key-guard';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The CLI beside this entry point: cli.ts under tsx, cli.js in the build. */
const cliEntry = path.join(here, path.basename(fileURLToPath(import.meta.url)).replace(/^main/, 'cli'));

async function main(): Promise<void> {
  const env = loadEnv();
  if (!/^postgres/i.test(env.DATABASE_URL) && env.DATABASE_URL !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(env.DATABASE_URL)), { recursive: true });
  }
  const database = openDatabase(env.DATABASE_URL, { busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
  await migrateToLatest(database.db);
  // Refuses a key that cannot open this database's sealed data, and never makes a new key for a
  // database that holds some (a restore without its key would otherwise answer 500 everywhere).
  const secret = await secretKeyForDatabase(database.db, env, { create: true });
  if (!secret) throw new Error('unreachable: a key is made when none is given');
  // Outcome descriptions written in clear by an older version are sealed now that the key is here.
  await sealOutcomeDescriptions(database.db, secret.key);
  // A crash between an erasure and its purge (docs/decisions/0008) leaves old pages in the WAL.
  if (!(await purgeWriteAheadLog(database.db)).completed) {
    console.warn('Another process is reading the database: the write-ahead log could not be purged at start.');
  }

  let seeded = false;
  if (env.SEED_DEMO === 'auto' && (await isDatabaseEmpty(database.db))) {
    await seedDemo(database.db, new Date(), secret.key);
    seeded = true;
  }

  const app = await buildApp({
    db: database.db,
    webRoot: env.WEB_ROOT ?? path.resolve(here, '../../web/dist'),
    sessionLifetimeMs: env.SESSION_HOURS * 3600_000,
    cookieSecure: env.COOKIE_SECURE === 'auto' ? 'auto' : env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY,
    secretKey: secret.key,
    logger: loggerOptions(env.LOG_LEVEL),
  });

  // Hourly: drop lapsed sessions, sign-in attempts older than the throttling window, and trusted
  // sign-in addresses not used for `trustDays`.
  const prune = async () => {
    await deleteExpiredSessions(database.db);
    await pruneLoginAttempts(database.db, new Date(Date.now() - loginThrottle.windowMinutes * 60_000));
    await pruneTrustedLoginAddresses(database.db, new Date(Date.now() - loginThrottle.trustDays * 86_400_000));
  };
  await prune();
  const cleanup = setInterval(() => void prune().catch(() => {}), 3600_000);
  cleanup.unref();
  const backups = env.BACKUP_DIR ? startBackupSchedule(backupScheduleOptions(env, database.location, cliEntry)) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping…`);
    clearInterval(cleanup);
    await backups?.stop();
    await app.close();
    await purgeWriteAheadLog(database.db).catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
  console.log('');
  console.log(`Tessera is running at http://${shownHost}:${port}`);
  console.log(`Data: ${path.resolve(database.location)}${seeded ? ' (new database, demo data loaded)' : ''}`);
  if (!env.SECRET_KEY) {
    console.log(
      `Secret key: ${path.resolve(env.SECRET_KEY_FILE)}${secret.created ? ' (new: keep it safe, and out of database backups)' : ''}`,
    );
  }
  if (await findOrganizationBySlug(database.db, 'demo')) {
    console.log(`Demo sign-ins (password for all: ${demoPassword}):`);
    for (const user of demoUsers) {
      const key = demoTotpSecrets[user.email];
      const roles = user.memberships.map((m) => `${m.role} in ${m.org}`).join(', ');
      console.log(`  ${user.email.padEnd(26)} ${roles}${key ? `; authenticator key ${key}` : ''}`);
    }
  }
  if (env.BACKUP_DIR) {
    console.log(
      `Backups: every ${env.BACKUP_EVERY_HOURS} h into ${path.resolve(env.BACKUP_DIR)}, the newest ${env.BACKUP_KEEP} kept (the secret key is not in them)`,
    );
  }
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

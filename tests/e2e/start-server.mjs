// Starts the built server on a fresh, demo-seeded database (see playwright.config.ts).
import { rmSync } from 'node:fs';

const database = process.env.DATABASE_URL;
if (!database?.includes('tessera-e2e')) throw new Error(`Refusing to delete ${database}`);
const removeDatabase = () => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(database + suffix, { force: true });
};
removeDatabase();
// The server closes its database and exits when Playwright stops it: leave nothing in the temp dir.
process.on('exit', removeDatabase);

await import('../../apps/server/dist/main.js');

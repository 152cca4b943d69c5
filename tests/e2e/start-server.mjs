// Starts the built server on a fresh, demo-seeded database (see playwright.config.ts).
import { rmSync } from 'node:fs';

const database = process.env.DATABASE_URL;
if (!database?.includes('tessera-e2e')) throw new Error(`Refusing to delete ${database}`);
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(database + suffix, { force: true });

await import('../../apps/server/dist/main.js');

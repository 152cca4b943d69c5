import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Debian's Chromium; Playwright's own browsers cannot be downloaded on this machine. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const skipReason = `No Chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH. Skipping the browser tests.`;

export const port = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://127.0.0.1:${port}`;
/** A throwaway database, deleted before every run by start-server.mjs. */
export const databasePath = path.join(os.tmpdir(), `tessera-e2e-${port}.db`);

import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Debian's Chromium; Playwright's own browsers cannot be downloaded on this machine.
 * TESSERA_CHROMIUM (or the older CHROMIUM_PATH) points elsewhere, e.g. to prove that CI fails
 * without it: `CI=true TESSERA_CHROMIUM=/nowhere pnpm --filter @tessera/e2e test`.
 */
export const defaultChromiumPath = '/usr/bin/chromium';
export const chromiumPath = process.env.TESSERA_CHROMIUM || process.env.CHROMIUM_PATH || defaultChromiumPath;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
export const hasChromium = isExecutable(chromiumPath);

/** Whether CI is set the way CI services set it (`true`, `1`, a name); `false`, `0` and empty are not. */
export function isCi(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}

export type BrowserSuiteDecision =
  | { action: 'run' }
  | { action: 'skip'; message: string }
  | { action: 'fail'; message: string };

/**
 * What the browser suite does: run with Chromium; without it skip locally (saying so), but fail
 * under CI, where a skipped suite would let a green run hide untested journeys.
 */
export function browserSuiteDecision(input: {
  ci: string | undefined;
  chromiumPath: string;
  hasChromium: boolean;
}): BrowserSuiteDecision {
  if (input.hasChromium) return { action: 'run' };
  if (isCi(input.ci)) {
    return {
      action: 'fail',
      message: `CI=${input.ci} but Chromium is missing at ${input.chromiumPath}: the browser suite cannot be skipped in CI. Install it (apt-get install chromium) or point TESSERA_CHROMIUM at it.`,
    };
  }
  return {
    action: 'skip',
    message: `No Chromium at ${input.chromiumPath}: install it (apt-get install chromium) or set TESSERA_CHROMIUM. Skipping the browser tests (CI would fail here).`,
  };
}

export const decision = browserSuiteDecision({ ci: process.env.CI, chromiumPath, hasChromium });
/** Kept for the specs: the reason they skip, when they do. */
export const skipReason = decision.action === 'run' ? '' : decision.message;

export const port = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://127.0.0.1:${port}`;
/** A throwaway database, deleted before every run by start-server.mjs. */
export const databasePath = path.join(os.tmpdir(), `tessera-e2e-${port}.db`);

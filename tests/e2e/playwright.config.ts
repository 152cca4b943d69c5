import { defineConfig, devices } from '@playwright/test';
import { baseURL, chromiumPath, databasePath, decision, hasChromium, port } from './environment';

if (decision.action === 'fail') {
  console.error(`\n[e2e] ${decision.message}\n`);
  process.exit(1);
}
if (decision.action === 'skip') console.warn(`\n[e2e] ${decision.message}\n`);

export default defineConfig({
  testDir: './tests',
  // One shared database; some journeys change a user's saved language or active organisation.
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Admin and finance sign-ins include the two-step code (and may wait for the next 30-second
  // step when this worker used the current ones), on a machine shared with other work.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Under CI a skipped journey fails the run (see ci-skips.ts).
  reporter: [['list'], ['./ci-skips.ts']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    locale: 'en-US',
    timezoneId: 'Europe/Skopje',
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
      ],
    },
  },
  webServer: hasChromium
    ? {
        command: 'node start-server.mjs',
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        // Admin and finance sign-ins include the two-step code (and may wait for the next 30-second
        // step when this worker used the current ones), on a machine shared with other work.
        timeout: 120_000,
        // Let start-server.mjs close the database and delete it (the default is SIGKILL).
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databasePath,
          LOG_LEVEL: 'warn',
          SEED_DEMO: 'auto',
          // A throwaway key for a throwaway database; real servers keep theirs in SECRET_KEY_FILE.
          SECRET_KEY: 'e2e0'.repeat(16),
          NODE_ENV: 'production',
        },
      }
    : undefined,
});

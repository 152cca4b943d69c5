// The slow-phone script (issue 15, docs/benchmarks.md "At the venue"): not a test. Builds what
// is missing, starts the server on demo data, and in Chromium at 390×844 with a 4× CPU
// slow-down, 1.6 Mbps down / 750 kbps up and a 150 ms round trip measures, over several runs:
//   - the sign-in page cold (empty cache): first paint (the loading screen) and when the form is
//     usable (rendered by the app, handlers attached);
//   - the register warm (after one visit): from a tap on "Take attendance" on Today until the
//     register's rows are shown, and a reload of the register's address until its rows are shown.
// Prints medians against the targets (<= 5 s cold sign-in, <= 1.5 s warm register).
//
//   pnpm bench:venue [--runs 5] [--port 3190]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : fallback;
};
const runs = option('runs', 5);
const port = option('port', Number(process.env.BENCH_PORT ?? 3190));
const baseURL = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.TESSERA_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The slow phone: CPU and network as in the issue. */
const phone = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1_000_000) / 8,
  uploadBytesPerSecond: (750 * 1_000) / 8,
  viewport: { width: 390, height: 844 },
};
const targets = { coldSignInMs: 5_000, warmRegisterMs: 1_500 };

function build() {
  const built =
    existsSync(path.join(root, 'apps/web/dist/index.html')) && existsSync(path.join(root, 'apps/server/dist/main.js'));
  console.log(built ? 'Checking the build (turbo skips what is up to date)…' : 'Building the server and the web app…');
  const result = spawnSync(
    'npx',
    ['-y', 'pnpm@10.34.9', 'exec', 'turbo', 'run', 'build', '--filter=@tessera/server...', '--filter=@tessera/web'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error('The build failed');
}

async function startServer() {
  // start-server.mjs deletes this throwaway database before and after.
  const database = path.join(os.tmpdir(), `tessera-e2e-bench-${port}.db`);
  const server = spawn(process.execPath, [path.join(here, '../start-server.mjs')], {
    cwd: path.join(here, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'auto',
      // A throwaway key for a throwaway database.
      SECRET_KEY: 'be7c'.repeat(16),
      NODE_ENV: 'production',
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('The server exited');
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGTERM');
  throw new Error('The server did not start within two minutes');
}

/** A fresh browser context (empty cache) throttled like the phone. */
async function slowPhone(browser) {
  const context = await browser.newContext({ viewport: phone.viewport, locale: 'en-GB', timezoneId: 'Europe/Skopje' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: phone.cpuSlowdown });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: phone.latencyMs,
    downloadThroughput: phone.downloadBytesPerSecond,
    uploadThroughput: phone.uploadBytesPerSecond,
  });
  // Marks, in the page's own clock, when the sign-in form and the register's rows first appear.
  await page.addInitScript(() => {
    const marks = {};
    window.__venueMarks = marks;
    const check = () => {
      const button = document.querySelector('form[aria-labelledby="sign-in-title"] button[type="submit"]');
      if (!marks.signInUsable && button && !button.disabled) marks.signInUsable = performance.now();
      if (!marks.registerRows && document.querySelector('[data-testid^="register-row-"]')) {
        marks.registerRows = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  });
  return { context, page };
}

async function coldSignIn(browser) {
  const { context, page } = await slowPhone(browser);
  await page.goto(`${baseURL}/sign-in`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__venueMarks?.signInUsable, null, { timeout: 120_000, polling: 100 });
  const result = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? Number.NaN,
    usable: window.__venueMarks.signInUsable,
  }));
  await context.close();
  return result;
}

async function warmRegister(browser) {
  const { context, page } = await slowPhone(browser);
  // One visit: sign in as the coordinator (who lands on Today) and open a register once.
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel('Email').fill('coordinator@demo.test');
  await page.getByRole('textbox', { name: 'Password' }).fill('tessera-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const take = page.getByTestId('take-attendance').first();
  await take.waitFor({ timeout: 120_000 });
  await take.click();
  await page.locator('[data-testid^="register-row-"]').first().waitFor({ timeout: 120_000 });
  const registerUrl = page.url();
  await page.goBack();
  await take.waitFor({ timeout: 120_000 });

  // Warm, in the app: a tap on "Take attendance" until the rows are shown.
  await page.evaluate(() => {
    window.__venueMarks.registerRows = undefined;
    window.__venueMarks.tap = performance.now();
  });
  await take.click();
  await page.waitForFunction(() => window.__venueMarks.registerRows, null, { timeout: 120_000, polling: 50 });
  const tap = await page.evaluate(() => window.__venueMarks.registerRows - window.__venueMarks.tap);

  // Warm, from the address (the phone's browser reopened on the register): a reload.
  await page.goto(registerUrl, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__venueMarks?.registerRows, null, { timeout: 120_000, polling: 100 });
  const reload = await page.evaluate(() => window.__venueMarks.registerRows);
  await context.close();
  return { tap, reload };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ms, target) => (ms <= target ? 'pass' : 'FAIL');

build();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const cold = [];
  const warm = [];
  for (let run = 1; run <= runs; run += 1) {
    cold.push(await coldSignIn(browser));
    warm.push(await warmRegister(browser));
    const c = cold.at(-1);
    const w = warm.at(-1);
    console.log(
      `run ${run}/${runs}: first paint ${seconds(c.firstPaint)}, sign-in usable ${seconds(c.usable)}, ` +
        `register after a tap ${seconds(w.tap)}, register reloaded ${seconds(w.reload)}`,
    );
  }
  const firstPaint = median(cold.map((c) => c.firstPaint));
  const usable = median(cold.map((c) => c.usable));
  const tap = median(warm.map((w) => w.tap));
  const reload = median(warm.map((w) => w.reload));
  console.log(
    `\nSlow phone: ${phone.cpuSlowdown}× CPU, ${((phone.downloadBytesPerSecond * 8) / 1e6).toFixed(1)} Mbps down, ` +
      `${(phone.uploadBytesPerSecond * 8) / 1e3} kbps up, ${phone.latencyMs} ms round trip, ` +
      `${phone.viewport.width}×${phone.viewport.height}; medians of ${runs} runs`,
  );
  console.log(`  first paint (loading screen), cold      ${seconds(firstPaint)}`);
  console.log(
    `  sign-in page usable, cold               ${seconds(usable)}  target <= ${seconds(targets.coldSignInMs)}  ${verdict(usable, targets.coldSignInMs)}`,
  );
  console.log(
    `  register shown after a tap, warm        ${seconds(tap)}  target <= ${seconds(targets.warmRegisterMs)}  ${verdict(tap, targets.warmRegisterMs)}`,
  );
  console.log(`  register shown on reload, warm cache    ${seconds(reload)}  (for comparison)`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

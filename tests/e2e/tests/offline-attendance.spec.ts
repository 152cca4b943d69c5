import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, signOut, todayInSkopje, useEnglish } from './helpers';

requireChromium();

// A coordinator's phone at a venue with a weak signal (docs/offline.md). The service worker is
// allowed: Chromium runs service workers on 127.0.0.1 as on any secure origin.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });

const workshop = 'Digital safety workshop — Skopje';
const headers = { 'x-tessera-request': '1' };

// The API as the browser calls it, through the signed-in context's cookies. Playwright's request
// context is not the page's network, so it still reaches the server while the page is offline.
async function query<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/trpc/${path}${search}`, { headers });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data as T;
}
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { headers, data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data as T;
}

function tomorrowInSkopje(): string {
  const [y, m, d] = todayInSkopje().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

interface RegisterAnswer {
  version: number;
  entries: { participantId: string; code: string; status: string | null }[];
}

/** A session of the workshop tomorrow, of this test alone (the demo's today session is shared). */
async function tomorrowSession(request: APIRequestContext, module: string): Promise<string> {
  const today = await query<{ sessions: { activityId: string; activityTitle: string }[] }>(request, 'sessions.today');
  const activityId = today.sessions.find((s) => s.activityTitle === workshop)?.activityId;
  expect(activityId).toBeTruthy();
  const created = await mutate<{ id: string }>(request, 'sessions.create', {
    activityId,
    date: tomorrowInSkopje(),
    minutes: 120,
    module,
    note: null,
  });
  return created.id;
}

async function serverRegister(request: APIRequestContext, sessionId: string): Promise<RegisterAnswer> {
  return query<RegisterAnswer>(request, 'register.get', { sessionId, search: '', limit: 500, offset: 0 });
}

/** One online visit: the registers are kept and the app's files cached, the register's among them. */
async function visitOnline(page: Page, module: string): Promise<void> {
  await page.goto('/today');
  await expect(page.getByTestId('kept-tomorrow').getByTestId('kept-session').filter({ hasText: module })).toBeVisible({
    timeout: 30_000,
  });
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller && !(await navigator.serviceWorker.getRegistration())) return false;
          const cache = await caches.open('tessera-assets');
          return (await cache.keys()).some((request) => /register-page-/.test(request.url));
        }),
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

async function openKeptRegister(page: Page, module: string): Promise<void> {
  await page
    .getByTestId('kept-tomorrow')
    .getByTestId('kept-session')
    .filter({ hasText: module })
    .getByTestId('take-attendance-tomorrow')
    .click();
  await expect(page.getByTestId('register-title')).toHaveText(workshop);
}

async function markAndSave(page: Page, marks: Record<string, 'Present' | 'Absent'>): Promise<void> {
  for (const [code, status] of Object.entries(marks)) {
    await page.getByTestId(`register-row-${code}`).getByRole('button', { name: status, exact: true }).click();
  }
  await page.getByTestId('register-save').click();
}

async function offlineState(page: Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

async function signedInCoordinator(page: Page): Promise<void> {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
}

test('without a signal: reload, take the register, see it waiting, and it is sent when the signal returns', async ({
  page,
  context,
}) => {
  await signedInCoordinator(page);
  const module = `Offline ${Date.now().toString(36)}`;
  const sessionId = await tomorrowSession(page.request, module);
  await visitOnline(page, module);

  await context.setOffline(true);
  await page.reload();
  // The app from the service worker, not the browser's error page, with the kept registers.
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-indicator')).toBeVisible();
  await openKeptRegister(page, module);
  // Codes only, as kept on the phone.
  await expect(page.getByTestId('register-row-ZR-0003')).toBeVisible();

  await markAndSave(page, { 'ZR-0003': 'Absent', 'ZR-0032': 'Present' });
  await expect(page.getByText(/waiting to send/).first()).toBeVisible();
  await expect(page.getByTestId('outbox-waiting')).toBeVisible();
  await expect(page.getByTestId('outbox-indicator')).toHaveText('1 register waiting to send');
  // The marks show on the register as they will be, and the server has none of them yet.
  await expect(page.getByTestId('register-row-ZR-0003').getByRole('button', { name: 'Absent' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const before = await serverRegister(page.request, sessionId);
  expect(before.version).toBe(1);
  expect(before.entries.every((entry) => entry.status === null)).toBe(true);

  await context.setOffline(false);
  await expect(page.getByTestId('outbox-waiting')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('outbox-indicator')).toBeHidden();
  const after = await serverRegister(page.request, sessionId);
  expect(after.version).toBe(2);
  const status = (code: string) => after.entries.find((entry) => entry.code === code)?.status;
  expect(status('ZR-0003')).toBe('absent');
  expect(status('ZR-0032')).toBe('present');
});

test('a register someone changed while the phone was offline shows both versions; nothing is overwritten silently', async ({
  page,
  context,
  browser,
}) => {
  await signedInCoordinator(page);
  const module = `Conflict ${Date.now().toString(36)}`;
  const sessionId = await tomorrowSession(page.request, module);
  await visitOnline(page, module);

  await context.setOffline(true);
  await openKeptRegister(page, module);
  await markAndSave(page, { 'ZR-0003': 'Present' });
  await expect(page.getByTestId('outbox-waiting')).toBeVisible();

  // Meanwhile an admin, on another device, marks the same person absent.
  const other: BrowserContext = await browser.newContext();
  try {
    const adminPage = await other.newPage();
    await signIn(adminPage, 'admin@demo.test');
    const server = await serverRegister(adminPage.request, sessionId);
    const person = server.entries.find((entry) => entry.code === 'ZR-0003');
    await mutate(adminPage.request, 'register.save', {
      sessionId,
      version: server.version,
      entries: [{ participantId: person?.participantId, status: 'absent' }],
      markRest: null,
    });
  } finally {
    await other.close();
  }

  await context.setOffline(false);
  const conflict = page.getByTestId('outbox-conflict');
  await expect(conflict).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('outbox-conflict-indicator')).toBeVisible();
  const row = conflict.getByTestId('outbox-row-ZR-0003');
  await expect(row.getByTestId('outbox-mine')).toHaveText('Present');
  await expect(row.getByTestId('outbox-theirs')).toHaveText('Absent');
  // The server keeps the admin's mark until the coordinator chooses.
  const kept = await serverRegister(page.request, sessionId);
  expect(kept.version).toBe(2);
  expect(kept.entries.find((entry) => entry.code === 'ZR-0003')?.status).toBe('absent');

  await conflict.getByTestId('outbox-send-mine').click();
  await expect(conflict).toBeHidden({ timeout: 30_000 });
  const chosen = await serverRegister(page.request, sessionId);
  expect(chosen.version).toBe(3);
  expect(chosen.entries.find((entry) => entry.code === 'ZR-0003')?.status).toBe('present');
});

test('signing out, or a session the server no longer knows, wipes what the phone kept', async ({ page, context }) => {
  await signedInCoordinator(page);
  const module = `Wipe ${Date.now().toString(36)}`;
  await tomorrowSession(page.request, module);
  await visitOnline(page, module);
  const kept = await offlineState(page);
  expect(kept.databases).toContain('tessera-offline');
  expect(kept.caches.length).toBeGreaterThan(0);
  expect(kept.workers).toBe(1);

  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect.poll(() => offlineState(page)).toEqual({ databases: [], caches: [], workers: 0 });

  // Signed in again, then the session is gone on the server's side (as after "sign out everywhere"):
  // the next contact with the server wipes the phone.
  await signedInCoordinator(page);
  await visitOnline(page, module);
  await context.clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/, { timeout: 30_000 });
  await expect.poll(() => offlineState(page)).toEqual({ databases: [], caches: [], workers: 0 });
});

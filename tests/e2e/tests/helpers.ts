import { expect, type Page, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { decision, skipReason } from '../environment';

export const demoPassword = 'tessera-demo';

/**
 * The demo accounts' fixed TOTP secrets (packages/api/src/seed-demo-security.ts, README "Demo
 * sign-ins"): the demo organisation requires a second factor of admins and finance.
 */
export const demoTotpSecrets: Record<string, string> = {
  'admin@demo.test': 'TESSERADEMOADMIN',
  'finance@demo.test': 'TESSERADEMOFINAN',
};

const period = 30_000;
/** The last 30-second step whose code this worker sent, per secret: the server never takes one twice. */
const lastStepSent = new Map<string, number>();

export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: step * period });
}

/**
 * A code for `secret` the server will take: of the current step or one either side (its
 * window), never a step already sent (replay). Null when all three are spent: the caller retries
 * once the clock reaches the next step.
 */
export function nextTotpCode(secret: string): string | null {
  const now = Math.floor(Date.now() / period);
  const last = lastStepSent.get(secret) ?? Number.NEGATIVE_INFINITY;
  const step = [now - 1, now, now + 1].find((s) => s > last);
  if (step === undefined) return null;
  lastStepSent.set(secret, step);
  return totpCode(secret, step);
}

/**
 * Types a code from `secret` into the two-step sign-in form until the app opens. A code can be
 * refused as used when another worker or an earlier run sent its step; the next step is then
 * tried as the clock reaches it.
 */
export async function enterTotpCode(page: Page, secret: string): Promise<void> {
  const field = page.getByLabel('Code from your authenticator app');
  await expect(field).toBeVisible({ timeout: 30_000 });
  await expect(async () => {
    if (await page.getByTestId('user-menu').isVisible()) return;
    const code = nextTotpCode(secret);
    if (!code) throw new Error('every code of the current window was used; waiting for the next step');
    await field.fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 75_000, intervals: [1_000, 2_000, 5_000] });
}

/**
 * Call at the top of every spec file: without Chromium the suite skips instead of failing, except
 * under CI, where playwright.config.ts stops the run first (see browserSuiteDecision).
 */
export function requireChromium(): void {
  test.skip(decision.action !== 'run', skipReason);
}

export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  // The first load can be slow on a busy machine.
  await expect(page.getByLabel('Email')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secret = demoTotpSecrets[email];
  if (secret) await enterTotpCode(page, secret);
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 30_000 });
}

/** Back to English if an earlier journey left this user in another language (it is saved per user). */
export async function useEnglish(page: Page): Promise<void> {
  // Always choose: right after sign-in the saved language may not be applied yet.
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

export async function signOut(page: Page, signOutLabel = 'Sign out'): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: signOutLabel }).click();
}

/** Makes `organization` the active one for a user in several (the server remembers the last). */
export async function useOrganization(page: Page, organization: string): Promise<void> {
  const switcher = page.getByRole('textbox', { name: 'Switch organisation' });
  if ((await switcher.inputValue()) === organization) return;
  await switcher.click();
  await page.getByRole('option', { name: organization }).click();
  await expect(switcher).toHaveValue(organization);
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}`;
}

/** Finance and admin land on the dashboard; this opens the funders list from the navigation. */
export async function openFunders(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Funders', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Funders' })).toBeVisible();
}

/** Today in the organisation's time zone (the demo org is in Skopje), as YYYY-MM-DD. */
export function todayInSkopje(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Skopje',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Reads "US$1,234.50" or "MKD 12,300.00" (British English formatting) back into a number. */
export function readMoney(text: string | null): number {
  return Number((text ?? '').replace(/[^\d.-]/g, ''));
}

export function formatUsd(amount: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(amount);
}

import { expect, type Page, test } from '@playwright/test';
import { decision, skipReason } from '../environment';

export const demoPassword = 'tessera-demo';

/**
 * Call at the top of every spec file: without Chromium the suite skips instead of failing, except
 * under CI, where playwright.config.ts stops the run first (see browserSuiteDecision).
 */
export function requireChromium(): void {
  test.skip(decision.action !== 'run', skipReason);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
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

/** Reads "$1,234.50" or "MKD 12,300.00" (en-US formatting) back into a number. */
export function readMoney(text: string | null): number {
  return Number((text ?? '').replace(/[^\d.-]/g, ''));
}

export function formatUsd(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);
}

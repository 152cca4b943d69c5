import { expect, type Page, test } from '@playwright/test';
import { hasChromium, skipReason } from '../environment';

export const demoPassword = 'tessera-demo';

/** Call at the top of every spec file: without Chromium the suite skips instead of failing. */
export function requireChromium(): void {
  test.skip(!hasChromium, skipReason);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
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

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { localeNames } from '../../../packages/domain/src/locales';
import { nextTotpCode } from './helpers';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (docs/accessibility.md). */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type UiLocale = 'en' | 'mk' | 'sv' | 'sq';
export const uiLocales: readonly UiLocale[] = ['en', 'mk', 'sv', 'sq'];

/** One serious or critical finding, readable in the test's failure message. */
export type Finding = string;

/**
 * Waits for the screen to settle: no loader, no running transition, a heading in view. Axe reads
 * colours as painted, so a modal still fading in would report false contrast failures.
 */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('#start')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('.mantine-Loader-root:visible')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('h1:visible, h2:visible').first()).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** Runs axe on the page as it is and returns its serious and critical findings, one line each. */
export async function audit(page: Page, screen: string, locale: UiLocale): Promise<Finding[]> {
  const started = Date.now();
  await settle(page);
  const settled = Date.now();
  const result = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (process.env.A11Y_TIMING) console.log(`${screen}: settle ${settled - started} ms, axe ${Date.now() - settled} ms`);
  const findings: Finding[] = [];
  for (const violation of result.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    for (const node of violation.nodes) {
      findings.push(
        `${screen} [${locale}] ${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? violation.help}`,
      );
    }
  }
  return findings;
}

/** Chooses the UI language from the menu on the sign-in page or in the header. */
export async function chooseLanguage(page: Page, locale: UiLocale): Promise<void> {
  await page.getByTestId('language-menu').filter({ visible: true }).click();
  await page.getByRole('menuitem', { name: localeNames[locale] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** The sign-in and two-step screens with language-independent selectors. */
export async function signInAnyLanguage(page: Page, email: string, password: string): Promise<void> {
  await page.locator('input[autocomplete="username"]').fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

export async function enterCodeAnyLanguage(page: Page, secret: string): Promise<void> {
  const field = page.locator('input[autocomplete="one-time-code"]');
  await expect(async () => {
    if (await page.getByTestId('user-menu').isVisible()) return;
    const code = nextTotpCode(secret);
    if (!code) throw new Error('every code of the current window was used; waiting for the next step');
    await field.fill(code);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 75_000, intervals: [1_000, 2_000, 5_000] });
}

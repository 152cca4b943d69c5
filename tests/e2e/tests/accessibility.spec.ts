import { expect, type Page, test } from '@playwright/test';
import {
  audit,
  chooseLanguage,
  enterCodeAnyLanguage,
  type Finding,
  signInAnyLanguage,
  type UiLocale,
  uiLocales,
} from './a11y';
import { demoPassword, demoTotpSecrets, requireChromium } from './helpers';

requireChromium();

// Every main screen in every UI language: 0 serious or critical axe-core violations of WCAG 2.2
// A and AA (docs/accessibility.md). The app has only a light theme (index.html: color-scheme).
// Reduced motion: the theme then skips transitions, so axe reads colours as they settle.
// Generous action timeouts: the machines running CI are shared and slow.
test.use({ reducedMotion: 'reduce', actionTimeout: 30_000 });
test.describe.configure({ timeout: 600_000 });

const admin = 'admin@demo.test';
// A grant and an activity no other journey counts packs or sessions of.
const grantReference = 'BCRN-SG-2026-07';
const activityCode = 'DS-SK';

/** Follows the first link of a list's first row. */
async function openFirst(page: Page, rows: string): Promise<void> {
  const row = page.getByTestId(rows).filter({ visible: true }).first();
  await row.getByRole('link').first().click();
  await expect(page).not.toHaveURL(/\/(grants|activities|funders|participants)$/);
}

/** Opens a screen from the navigation (in the app: reloading the page each time would be slow). */
async function go(page: Page, path: string): Promise<void> {
  await page.locator(`nav a[href="${path}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function auditAt(page: Page, path: string, screen: string, locale: UiLocale, findings: Finding[]) {
  await go(page, path);
  findings.push(...(await audit(page, screen, locale)));
}

/** Audits each tab of the screen in view, in order (tab names change with the language). */
async function auditTabs(page: Page, names: readonly string[], locale: UiLocale, findings: Finding[]) {
  for (const [index, name] of names.entries()) {
    const tab = page.getByRole('tab').nth(index);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    findings.push(...(await audit(page, name, locale)));
  }
}

async function openTab(page: Page, index: number): Promise<void> {
  const tab = page.getByRole('tab').nth(index);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Opens a modal from `opener`, audits it, closes it with Escape. */
async function auditModal(page: Page, opener: string, screen: string, locale: UiLocale, findings: Finding[]) {
  await page.getByTestId(opener).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  findings.push(...(await audit(page, screen, locale)));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function grantScreens(page: Page, locale: UiLocale, findings: Finding[]) {
  await auditAt(page, '/grants', 'grants', locale, findings);
  await page.getByTestId('new-grant').click();
  await expect(page).toHaveURL(/\/grants\/new$/);
  findings.push(...(await audit(page, 'new grant', locale)));
  await go(page, '/grants');
  await page.getByTestId('grant-search').fill(grantReference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await openFirst(page, 'grant-row');
  const tabs = ['overview', 'budget', 'tranches', 'ledger', 'deadlines', 'actual', 'results', 'reports'] as const;
  await auditTabs(
    page,
    tabs.map((tab) => `grant ${tab}`),
    locale,
    findings,
  );
  await openTab(page, tabs.indexOf('ledger'));
  await auditModal(page, 'expenditure-add', 'new expenditure', locale, findings);

  // A report pack: the first run prepares one for the grant's first period; later runs reuse it.
  await openTab(page, tabs.indexOf('reports'));
  await expect(page.getByTestId('report-prepare')).toBeVisible();
  if ((await page.getByTestId('report-row').count()) === 0) {
    await page.getByTestId('report-prepare').click();
    await page.getByTestId('report-period-choices').getByRole('radio').first().check();
    await page.getByTestId('report-prepare-submit').click();
  } else {
    await page.getByTestId('report-row').first().getByRole('link').first().click();
  }
  await expect(page).toHaveURL(/\/grants\/[^/]+\/reports\/[^/?]+$/);
  findings.push(...(await audit(page, 'report pack', locale)));
}

async function programmeScreens(page: Page, locale: UiLocale, findings: Finding[]) {
  await auditAt(page, '/activities', 'activities', locale, findings);
  await page.getByTestId('activity-search').fill(activityCode);
  await expect(page.getByTestId('activity-row').filter({ visible: true })).toHaveCount(1);
  await openFirst(page, 'activity-row');
  const tabs = ['overview', 'sessions', 'participants', 'outputs'] as const;
  await auditTabs(
    page,
    tabs.map((tab) => `activity ${tab}`),
    locale,
    findings,
  );
  await openTab(page, tabs.indexOf('sessions'));
  await auditModal(page, 'session-add', 'session form', locale, findings);
  await auditAt(page, '/projects', 'projects', locale, findings);
  await auditAt(page, '/partners', 'partners', locale, findings);

  // Today's register with one participant of each mark (never saved: discarded after).
  await auditAt(page, '/today', 'today', locale, findings);
  await page.getByTestId('take-attendance').first().click();
  const rows = page.locator('[data-testid^="register-row-"]');
  await expect(rows.first()).toBeVisible();
  for (const [index, mark] of [0, 1, 2].entries()) {
    await rows.nth(index).locator('button[aria-pressed]').nth(mark).click();
    await expect(rows.nth(index).locator('button[aria-pressed="true"]')).toHaveCount(1);
  }
  findings.push(...(await audit(page, 'register', locale)));
  await page.getByTestId('register-discard').click();
  await expect(page.getByTestId('register-discard')).toHaveCount(0);
}

async function peopleScreens(page: Page, locale: UiLocale, findings: Finding[]) {
  await auditAt(page, '/participants', 'participants', locale, findings);
  await page.locator('[data-testid^="participant-row-"]').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/participants\/[^/]+$/);
  findings.push(...(await audit(page, 'participant', locale)));
  await auditAt(page, '/settings/participants', 'participant settings', locale, findings);
  await auditAt(page, '/funders', 'funders', locale, findings);
  await openFirst(page, 'funder-row');
  findings.push(...(await audit(page, 'funder', locale)));
  await auditAt(page, '/exchange-rates', 'exchange rates', locale, findings);
  await auditAt(page, '/members', 'members', locale, findings);
  await auditAt(page, '/audit', 'audit log', locale, findings);

  // The profile: password and two-step settings open from the user menu.
  for (const [index, screen] of ['change password', 'two-step settings'].entries()) {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem').nth(index).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    findings.push(...(await audit(page, screen, locale)));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
}

for (const locale of uiLocales) {
  test(`every main screen meets WCAG 2.2 AA in ${locale}`, async ({ page }) => {
    const findings: Finding[] = [];
    await page.goto('/sign-in');
    await chooseLanguage(page, locale);
    findings.push(...(await audit(page, 'sign-in', locale)));
    await signInAnyLanguage(page, admin, demoPassword);
    await expect(page.locator('input[autocomplete="one-time-code"]')).toBeVisible({ timeout: 30_000 });
    findings.push(...(await audit(page, 'two-step code', locale)));
    await enterCodeAnyLanguage(page, demoTotpSecrets[admin] ?? '');
    // The user's saved language wins after sign-in: choose again (saved for them).
    await chooseLanguage(page, locale);

    await auditAt(page, '/dashboard', 'dashboard', locale, findings);
    await grantScreens(page, locale, findings);
    await programmeScreens(page, locale, findings);
    await peopleScreens(page, locale, findings);

    // Leave the admin in English for the journeys after this one.
    if (locale !== 'en') await chooseLanguage(page, 'en');
    expect(findings, `serious or critical WCAG violations:\n${findings.join('\n')}`).toEqual([]);
  });
}

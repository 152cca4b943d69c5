import { expect, type Page, test } from '@playwright/test';
import { baseURL } from '../environment';
import { readMoney, requireChromium, signIn, todayInSkopje } from './helpers';

requireChromium();

/**
 * Issue 11 item 7, as a finance officer would meet it: a contribution in kind recorded against a
 * grant's match beside budget vs actual, saved once for a double click; a coordinator sees what
 * the match adds up to but not the contributions' sources and evidence. On the core-support
 * grant, which no other journey reads the match of.
 */
const reference = 'OHWF-2026-112';

async function openBudgetVsActual(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: 'Core support 2026' }).click();
  await expect(page.getByTestId('grant-title')).toHaveText('Core support 2026');
  await page.getByRole('tab', { name: 'Budget vs actual' }).click();
  await expect(page.getByTestId('match-section')).toBeVisible();
}

test('a contribution in kind is recorded once and counted towards the match; a coordinator sees only the sums', async ({
  page,
  browser,
}) => {
  await signIn(page, 'finance@demo.test');
  await openBudgetVsActual(page);
  const contributed = page.getByTestId('match-contributed');
  const before = readMoney(await contributed.textContent());

  const source = `Municipality of Bitola ${Date.now()}`;
  await page.getByTestId('match-add').click();
  const form = page.getByTestId('match-form');
  await form.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'In kind' }).click();
  await form.getByLabel('Source').fill(source);
  await form.getByLabel('Date').fill(todayInSkopje());
  // Typed with a decimal comma in English: read as 1,234.50, and shown so before saving.
  await form.getByLabel('Amount').fill('1234,50');
  await expect(form.getByTestId('amount-reading')).toHaveText('Read as €1,234.50');
  await form.getByLabel('Evidence').fill('Letter 08-1123');
  await form.getByTestId('match-save').dblclick();
  await expect(page.getByText('Contribution saved.').first()).toBeVisible();
  await expect(form).toBeHidden();

  const rows = page.getByTestId('match-row').filter({ hasText: source });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('In kind');
  await expect(rows).toContainText('€1,234.50');
  await expect(contributed).toContainText(
    `€${(before + 1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
  );
  await page.reload();
  await expect(page.getByTestId('match-row').filter({ hasText: source })).toHaveCount(1);

  const coordinator = await (
    await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Europe/Skopje' })
  ).newPage();
  await signIn(coordinator, 'coordinator@demo.test');
  await openBudgetVsActual(coordinator);
  await expect(coordinator.getByTestId('match-contributed')).toContainText(
    `€${(before + 1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
  );
  await expect(coordinator.getByTestId('match-table')).toHaveCount(0);
  await expect(coordinator.getByText(source)).toHaveCount(0);
  await coordinator.context().close();
});

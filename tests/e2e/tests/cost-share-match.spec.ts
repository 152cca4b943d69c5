import { expect, type Page, test } from '@playwright/test';
import { baseURL } from '../environment';
import { readMoney, requireChromium, signIn, todayInSkopje } from './helpers';

requireChromium();

/**
 * Issue 11 item 7, as a finance officer would meet it: a contribution in kind recorded against a
 * grant's match beside budget vs actual, with its evidence file (a refused file leaves the saved
 * contribution open for editing), saved once for a double click; a coordinator sees what
 * the match adds up to but not the contributions' sources and evidence. On the core-support
 * grant, which no other journey reads the match of.
 */
const reference = 'OHWF-2026-112';

async function openBudgetVsActual(page: Page): Promise<void> {
  await page.goto('/grants');
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
  // Two people, two sign-ins and a file round trip: a long journey, given time on a busy machine.
  test.slow();
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
  await form.getByLabel('Evidence', { exact: true }).fill('Letter 08-1123');
  // Evidence that is not a PDF or an image is refused by its bytes: the contribution is saved and
  // the form goes on editing it, so saving again with a good file makes no second contribution.
  await form.locator('input[type="file"]').setInputFiles({
    name: 'letter.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('#!/bin/sh\necho not a letter\n'),
  });
  await form.getByTestId('match-save').click();
  await expect(page.getByText(/not its evidence file/)).toBeVisible();
  await expect(page.getByRole('dialog').getByText('Edit contribution')).toBeVisible();
  await form.locator('input[type="file"]').setInputFiles({
    name: 'letter-08-1123.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% letter from the municipality\n'),
  });
  await form.getByTestId('match-save').dblclick();
  await expect(page.getByText('Contribution saved.').first()).toBeVisible();
  await expect(form).toBeHidden();

  const rows = page.getByTestId('match-row').filter({ hasText: source });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('In kind');
  await expect(rows).toContainText('€1,234.50');
  const link = rows.getByTestId('match-evidence-link');
  await expect(link).toHaveText('letter-08-1123.pdf');
  const download = await page.request.get((await link.getAttribute('href')) ?? '');
  expect(download.status()).toBe(200);
  expect((await download.body()).toString()).toContain('letter from the municipality');
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

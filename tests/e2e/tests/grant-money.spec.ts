import { expect, type Page, test } from '@playwright/test';
import { formatUsd, readMoney, requireChromium, signIn, todayInSkopje } from './helpers';

requireChromium();

const reference = 'S-MK100-26-GR-014';
const grantTitle = 'Career counselling training for women';
const payee = 'Hotel Bistra Skopje';

async function openEmbassyGrant(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: grantTitle }).click();
  await expect(page.getByTestId('grant-title')).toHaveText(grantTitle);
}

async function budgetVsActual(page: Page) {
  await page.getByRole('tab', { name: 'Budget vs actual' }).click();
  await expect(page.getByTestId('bva-table')).toBeVisible();
  return {
    spent: readMoney(await page.getByTestId('bva-total-spent').textContent()),
    received: readMoney(await page.getByTestId('bva-cash-received').textContent()),
    receivedBase: readMoney(await page.getByTestId('bva-cash-received-base').textContent()),
  };
}

async function dashboardUsd(page: Page) {
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  const row = page.getByTestId('dashboard-total-USD');
  await expect(row).toBeVisible();
  return {
    received: readMoney(await row.getByTestId('dashboard-received').textContent()),
    spent: readMoney(await row.getByTestId('dashboard-spent').textContent()),
  };
}

test('finance records a tranche and an MKD expenditure with a receipt; the figures follow', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await expect(page.getByRole('heading', { name: 'Finance dashboard' })).toBeVisible();
  const dashboardBefore = await dashboardUsd(page);

  await openEmbassyGrant(page);
  const before = await budgetVsActual(page);
  const today = todayInSkopje();

  // A tranche of USD 5,000.00 arrives as MKD 283,750.00 on the bank statement.
  await page.getByRole('tab', { name: 'Tranches' }).click();
  await page.getByTestId('tranche-add').click();
  const tranche = page.getByTestId('tranche-form');
  await tranche.getByLabel('Expected date').fill(today);
  await tranche.getByLabel('Expected amount (USD)').fill('5,000');
  await tranche.getByLabel('Received on').fill(today);
  await tranche.getByLabel('Received amount (USD)').fill('5000.00');
  await tranche.getByLabel('Received in MKD').fill('283750');
  await tranche.getByTestId('tranche-save').click();
  await expect(page.getByText('Tranche saved.')).toBeVisible();
  const trancheRow = page.getByTestId('tranche-row').filter({ hasText: 'MKD' }).last();
  await expect(trancheRow).toContainText('US$5,000.00');
  await expect(trancheRow).toContainText('56.75');

  // An expenditure paid in MKD on line 1, converted with the table rate (no rate typed).
  await page.getByRole('tab', { name: 'Expenditures' }).click();
  await page.getByTestId('expenditure-add').click();
  const form = page.getByTestId('expenditure-form');
  await form.getByRole('textbox', { name: 'Budget line' }).click();
  await page.getByRole('option').filter({ hasText: /^1 ·/ }).click();
  await form.getByLabel('Date').fill(today);
  await form.getByLabel('Payee').fill(payee);
  await form.getByLabel('Description').fill('Training venue, week 1');
  await expect(form.getByLabel('Currency paid')).toHaveValue('MKD');
  await form.getByLabel('Amount paid').fill('12,300');
  // Before saving, the form proposes the table's rate the way people say it, with both amounts.
  await expect(form.getByText(/Rate table \(.*\): 1 USD = 54 MKD\./)).toBeVisible();
  await expect(form.getByTestId('rate-both-amounts')).toHaveText('MKD 12,300.00 → US$227.78');
  await form.getByLabel('Receipt number').fill('F-2026-0193');
  await form.locator('input[type="file"]').setInputFiles({
    name: 'receipt-0193.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await form.getByTestId('expenditure-save').click();
  await expect(page.getByText('Expenditure saved.')).toBeVisible();

  const row = page.getByTestId('expenditure-row').filter({ hasText: payee }).first();
  await expect(row).toContainText('MKD');
  await expect(row).toContainText('12,300.00');
  await expect(row).toContainText('Rate table');
  const receipt = row.getByTestId('receipt-link');
  await expect(receipt).toHaveText('F-2026-0193');
  const download = await page.request.get((await receipt.getAttribute('href')) ?? '');
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 8).toString()).toBe('%PDF-1.4');
  // The grant-currency amount the server worked out from the table rate.
  const usdCell = row.locator('td').nth(6);
  const spentUsd = readMoney(await usdCell.textContent());
  expect(spentUsd).toBeGreaterThan(0);

  // Budget vs actual: spent up by the converted amount, cash received up by the tranche.
  const after = await budgetVsActual(page);
  await expect(page.getByTestId('bva-total-spent')).toHaveText(formatUsd(before.spent + spentUsd));
  await expect(page.getByTestId('bva-cash-received')).toHaveText(formatUsd(before.received + 5000));
  expect(after.receivedBase).toBeCloseTo(before.receivedBase + 283_750, 2);
  await expect(page.getByTestId('bva-cash-on-hand')).toHaveText(
    formatUsd(before.received + 5000 - (before.spent + spentUsd)),
  );

  // The dashboard's USD totals moved the same way.
  const dashboardAfter = await dashboardUsd(page);
  expect(dashboardAfter.received).toBeCloseTo(dashboardBefore.received + 5000, 2);
  expect(dashboardAfter.spent).toBeCloseTo(dashboardBefore.spent + spentUsd, 2);
  // The chart (and its library) loads once scrolled into view.
  const chart = page.getByTestId('spending-chart-USD');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.getByRole('img', { name: 'Spending against budget, USD' })).toBeVisible({ timeout: 30_000 });
});

test('a coordinator sees budget vs actual but never the ledger', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await openEmbassyGrant(page);
  await expect(page.getByRole('tab', { name: 'Budget vs actual' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Expenditures' })).toHaveCount(0);
  await budgetVsActual(page);
  await expect(page.getByTestId('bva-line').first()).toBeVisible();
  await expect(page.getByText(payee)).toHaveCount(0);

  // Asking for the ledger tab by URL shows the overview instead; the API refuses the ledger too.
  await page.goto(`${page.url().split('?')[0]}?tab=ledger`);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(payee)).toHaveCount(0);
  const refused = await page.request.get('/trpc/expenditures.list?input=%7B%7D', {
    headers: { 'x-tessera-request': '1' },
  });
  expect(refused.status()).toBe(403);
});

import { expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, todayInSkopje, useEnglish } from './helpers';

requireChromium();

// The demo's rate table says 1 USD = 54 MKD; the embassy grant is in USD, the organisation in MKD.
const reference = 'S-MK100-26-GR-014';

async function openEmbassyLedger(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: 'Career counselling training for women' }).click();
  await expect(page.getByTestId('grant-title')).toHaveText('Career counselling training for women');
  await page.getByRole('tab', { name: 'Expenditures' }).click();
  await expect(page.getByTestId('ledger-table')).toBeVisible();
}

async function startExpenditure(
  page: Page,
  labels: { line: string; date: string; payee: string; description: string },
  payee: string,
) {
  await page.getByTestId('expenditure-add').click();
  const form = page.getByTestId('expenditure-form');
  await form.getByRole('textbox', { name: labels.line }).click();
  await page.getByRole('option').filter({ hasText: /^1 ·/ }).click();
  await form.getByLabel(labels.date).fill(todayInSkopje());
  await form.getByLabel(labels.payee).fill(payee);
  await form.getByLabel(labels.description).fill('Venue deposit');
  return form;
}

test('a rate typed the wrong way round is refused; the right way it converts MKD 2,500 to $46.30', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openEmbassyLedger(page);
  const payee = `Hotel Bistra ${Date.now().toString(36)}`;
  const form = await startExpenditure(
    page,
    { line: 'Budget line', date: 'Date', payee: 'Payee', description: 'Description' },
    payee,
  );
  await form.getByTestId('amount-input').fill('2,500');
  await expect(form.getByTestId('amount-reading')).toHaveText('Read as MKD 2,500.00');
  // Before anything is typed the table's rate is said the way people say it, with both amounts.
  await expect(form.getByText(/Rate table \(.*\): 1 USD = 54 MKD\./)).toBeVisible();
  await expect(form.getByTestId('rate-both-amounts')).toHaveText('MKD 2,500.00 → US$46.30');

  // The wrong way round: "1 MKD = 54 USD" would make $135,000 of MKD 2,500.
  await form.getByTestId('rate-per').getByText('1 MKD = … USD').click();
  await form.getByTestId('rate-input').fill('54');
  await expect(form.getByTestId('rate-both-amounts')).toHaveText('MKD 2,500.00 → US$135,000.00');
  await expect(form.getByTestId('rate-check')).toContainText('More than five times away');
  await form.getByTestId('expenditure-save').click();
  // The API refuses it too, on the rate field; nothing is saved.
  await expect(
    form.getByText(/more than five times away from the rate table’s 1 MKD = 0\.0185185185 USD/),
  ).toBeVisible();
  await expect(page.getByTestId('expenditure-row').filter({ hasText: payee })).toHaveCount(0);

  // More than 10% off, the right way round: the difference is shown and must be confirmed.
  await form.getByTestId('rate-per').getByText('1 USD = … MKD').click();
  await form.getByTestId('rate-input').fill('61.5');
  await expect(form.getByTestId('rate-both-amounts')).toHaveText('MKD 2,500.00 → US$40.65');
  await expect(form.getByTestId('rate-check')).toContainText('13.9% away from the rate table’s 1 USD = 54 MKD');
  await form.getByTestId('expenditure-save').click();
  await expect(form.getByText(/This rate is 13\.9% away/)).toBeVisible();

  // The rate actually paid: 54, the right way round. Saved, and the ledger says it the same way.
  await form.getByTestId('rate-input').fill('54');
  await expect(form.getByTestId('rate-check')).toHaveCount(0);
  await expect(form.getByTestId('rate-both-amounts')).toHaveText('MKD 2,500.00 → US$46.30');
  await form.getByTestId('expenditure-save').click();
  await expect(page.getByText('Expenditure saved.')).toBeVisible();
  const row = page.getByTestId('expenditure-row').filter({ hasText: payee });
  await expect(row).toContainText('1 USD = 54 MKD');
  await expect(row).toContainText('US$46.30');
  await expect(row).toContainText('Typed');
});

test('in Macedonian a decimal point is a decimal point, and "1,234" asks', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openEmbassyLedger(page);
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'Македонски' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'mk');
  const payee = `Печатница ${Date.now().toString(36)}`;
  const form = await startExpenditure(
    page,
    { line: 'Буџетска ставка', date: 'Датум', payee: 'Примач', description: 'Опис' },
    payee,
  );
  const amount = form.getByTestId('amount-input');

  // "1,234" in Macedonian: a comma is the decimal mark, but MKD has two decimals. It asks.
  await amount.fill('1,234');
  await expect(form.getByTestId('amount-which')).toBeVisible();
  await expect(form.getByTestId('amount-reading')).toHaveCount(0);
  await form.getByTestId('amount-which').getByRole('button').first().click();
  await expect(amount).toHaveValue('1234');
  await expect(form.getByTestId('amount-reading')).toContainText('1.234,00');

  // "1234.50" typed with a point: one thousand two hundred thirty-four and a half, not 123.450,00.
  await amount.fill('1234.50');
  await expect(form.getByTestId('amount-reading')).toContainText('1.234,50');
  await expect(form.getByTestId('rate-both-amounts')).toContainText('22,86');
  await form.getByTestId('expenditure-save').click();
  await expect(page.getByText('Трошокот е зачуван.')).toBeVisible();
  const row = page.getByTestId('expenditure-row').filter({ hasText: payee });
  await expect(row).toContainText('1.234,50');
  await expect(row).toContainText('22,86');
  await expect(row).not.toContainText('123.450');

  await useEnglish(page);
});

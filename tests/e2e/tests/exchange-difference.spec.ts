import { expect, test } from '@playwright/test';
import { readMoney, requireChromium, signIn } from './helpers';

requireChromium();

// ADR 0016. Other journeys add tranches to the embassy grant, so this one checks what must hold
// for any ledger: both columns of the reconciliation add up to the cash on hand shown above.
test('budget vs actual names the exchange difference, and cash on hand reconciles in both currencies', async ({
  page,
}) => {
  await signIn(page, 'viewer@demo.test');
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill('S-MK100-26-GR-014');
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: 'Career counselling training for women' }).click();
  await page.getByRole('tab', { name: 'Budget vs actual' }).click();

  const table = page.getByTestId('bva-exchange');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('bva-exchange-rate')).toContainText('1 USD =');
  await expect(page.getByTestId('bva-exchange-row')).toContainText(/Realised exchange (gain|loss|difference)/);

  const read = async (testId: string) => readMoney(await page.getByTestId(testId).textContent());
  const cells = async (row: number) =>
    (await table.locator('tbody tr').nth(row).locator('td').allTextContents()).slice(1).map(readMoney);
  const [books, difference, bank] = [await cells(0), await cells(1), await cells(2)];
  // The grant's books plus the difference are the bank, to the cent and to the deni.
  expect(Math.round((books[0]! + difference[0]!) * 100)).toBe(Math.round(bank[0]! * 100));
  expect(Math.round((books[1]! + difference[1]!) * 100)).toBe(Math.round(bank[1]! * 100));
  expect(books[0]).toBe(await read('bva-cash-on-hand'));
  expect(bank[1]).toBe(await read('bva-cash-on-hand-base'));
});

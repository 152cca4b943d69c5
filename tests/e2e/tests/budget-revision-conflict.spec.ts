import { expect, type Page, test } from '@playwright/test';
import { baseURL } from '../environment';
import { requireChromium, signIn } from './helpers';

requireChromium();

const reference = 'BCRN-SG-2026-07';
const grantTitle = 'Digital safety workshops in Strumica, Bitola and Skopje';

async function openRevisionForm(page: Page) {
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: grantTitle }).click();
  await expect(page.getByTestId('grant-title')).toHaveText(grantTitle);
  await page.getByRole('tab', { name: 'Budget', exact: true }).click();
  await page.getByTestId('budget-revise').click();
  const form = page.getByTestId('budget-revise-form');
  await expect(form).toBeVisible();
  return form;
}

function amountField(form: ReturnType<Page['getByTestId']>, code: string) {
  return form.getByRole('textbox', { name: `New amount for line ${code}` });
}

/** Euros typed the way the form shows them in English ("4500.00"). */
async function euros(form: ReturnType<Page['getByTestId']>, code: string): Promise<number> {
  return Number(await amountField(form, code).inputValue());
}

function eur(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(amount);
}

test('two people revise the same budget: the second is told what changed and nothing of theirs is saved', async ({
  browser,
}) => {
  const options = { baseURL, locale: 'en-US', timezoneId: 'Europe/Skopje' };
  const first = await (await browser.newContext(options)).newPage();
  const second = await (await browser.newContext(options)).newPage();
  await signIn(first, 'finance@demo.test');
  await signIn(second, 'finance@demo.test');

  const firstForm = await openRevisionForm(first);
  const secondForm = await openRevisionForm(second);
  const a1 = await euros(firstForm, 'A1');
  const a2 = await euros(firstForm, 'A2');
  const a3 = await euros(firstForm, 'A3');

  // The first moves 20.00 from A1 to A2 and saves.
  await firstForm.getByLabel('Justification').fill('Move 20.00 from workshops to the trainer');
  await amountField(firstForm, 'A1').fill((a1 - 20).toFixed(2));
  await amountField(firstForm, 'A2').fill((a2 + 20).toFixed(2));
  await expect(firstForm.getByTestId('budget-revise-difference')).toHaveText(`Difference: ${eur(0)}`);
  await firstForm.getByRole('button', { name: 'Save revision' }).click();
  await expect(first.getByText('Budget revised.')).toBeVisible();

  // The second, from the budget as it was, moves 70.00 from A1 to A3.
  await secondForm.getByLabel('Justification').fill('Move 70.00 from workshops to communication');
  await amountField(secondForm, 'A1').fill((a1 - 70).toFixed(2));
  await amountField(secondForm, 'A3').fill((a3 + 70).toFixed(2));
  await secondForm.getByRole('button', { name: 'Save revision' }).click();
  const conflict = second.getByTestId('budget-revise-conflict');
  await expect(conflict).toContainText('Someone revised this budget after you opened this form');
  await expect(conflict).toContainText(
    `Line A1 is now ${eur(a1 - 20)}; it was ${eur(a1)} when you opened this revision.`,
  );
  await expect(conflict).toContainText(
    `Line A2 is now ${eur(a2 + 20)}; it was ${eur(a2)} when you opened this revision.`,
  );
  await expect(secondForm.getByRole('button', { name: 'Save revision' })).toBeDisabled();

  // Starting again shows the budget as the first left it: nothing of the second's was saved.
  await conflict.getByRole('button', { name: 'Start again from the budget as it is now' }).click();
  await expect(second.getByTestId('budget-revise-conflict')).toHaveCount(0);
  const fresh = second.getByTestId('budget-revise-form');
  await expect(amountField(fresh, 'A1')).toHaveValue((a1 - 20).toFixed(2));
  await expect(amountField(fresh, 'A2')).toHaveValue((a2 + 20).toFixed(2));
  await expect(amountField(fresh, 'A3')).toHaveValue(a3.toFixed(2));

  // Put the demo budget back as it was, as a revision of its own (later journeys read it).
  await fresh.getByLabel('Justification').fill('Move 20.00 back to workshops');
  await amountField(fresh, 'A1').fill(a1.toFixed(2));
  await amountField(fresh, 'A2').fill(a2.toFixed(2));
  await fresh.getByRole('button', { name: 'Save revision' }).click();
  await expect(second.getByText('Budget revised.')).toBeVisible();
  const revisions = second.getByTestId('budget-revision');
  await expect(revisions.filter({ hasText: 'Move 20.00 from workshops to the trainer' })).toContainText(
    `A1: ${eur(a1)} → ${eur(a1 - 20)}`,
  );
  await expect(revisions.filter({ hasText: 'Move 70.00' })).toHaveCount(0);

  await first.context().close();
  await second.context().close();
});

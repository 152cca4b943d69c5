import { expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, signOut, uniqueName, useEnglish } from './helpers';

requireChromium();

/**
 * Issue 15 item 6: an admin reads the audit log in words. A finance officer changes one field of a
 * grant; the admin filters the log by that person and by "Changed", sees the grant named and
 * linked with only the changed field listed (never its value), follows the link, and reads the
 * same entry in Macedonian.
 */

const reference = 'S-MK100-26-GR-014';
const grantTitle = 'Career counselling training for women';
const financeName = 'Elena Trajkovska';

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an admin filters the audit log by person and action, follows a grant, and reads it in Macedonian', async ({
  page,
}) => {
  // The machine is shared and slow; open pages by address rather than through the chart-heavy dashboard.
  test.setTimeout(180_000);
  const note = uniqueName('Agreed by phone with the embassy');

  // Both users start in English on the fresh demo database; this journey leaves them so.
  await signIn(page, 'finance@demo.test');
  await page.goto('/grants');
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: grantTitle }).click();
  await expect(page.getByTestId('grant-title')).toHaveText(grantTitle);
  await page.getByLabel('Notes').fill(note);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await signOut(page);

  await signIn(page, 'admin@demo.test');
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();

  await chooseOption(page, 'Person', financeName);
  await chooseOption(page, 'Action', 'Changed');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText(grantTitle);
  // Every entry is that person's change, and the newest is the note: one field, named in words.
  await expect(rows.filter({ hasNotText: financeName })).toHaveCount(0);
  await expect(rows.filter({ hasNotText: 'Changed' })).toHaveCount(0);
  const newest = rows.first();
  await expect(newest).toContainText('Grant');
  await expect(newest.getByTestId('audit-fields')).toHaveText('Notes');
  // Names of fields, never their values.
  await expect(page.getByTestId('audit-table')).not.toContainText(note);

  await newest.getByTestId('audit-record-link').click();
  await expect(page.getByTestId('grant-title')).toHaveText(grantTitle);

  // The same entry in Macedonian: the filters and field labels too.
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'Македонски' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'mk');
  await chooseOption(page, 'Лице', financeName);
  await chooseOption(page, 'Дејство', 'Изменето');
  const first = page.getByTestId('audit-row').first();
  await expect(first).toContainText(grantTitle);
  await expect(first).toContainText('Грант');
  await expect(first).toContainText('Изменето');
  await expect(first.getByTestId('audit-fields')).toHaveText('Белешки');

  // Leave the admin in English for the journeys after this one (the language is saved per user).
  await useEnglish(page);
});

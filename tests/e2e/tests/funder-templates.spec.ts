import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

const reference = 'S-MK100-26-GR-014';
const grantTitle = 'Career counselling training for women';

test('finance attaches a funder template from the starter file and exports a pack in it', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await page.goto('/templates');

  // The catalogue lists tags with their meaning; no tag names a participant.
  const catalogue = page.getByTestId('template-catalogue');
  await expect(catalogue).toContainText('{finance.spent}');
  await expect(catalogue).toContainText('Spent to the end of the period');
  await expect(catalogue).not.toContainText('{participant.code}');

  const [starter] = await Promise.all([page.waitForEvent('download'), page.getByTestId('starter-docx').click()]);
  expect(starter.suggestedFilename()).toBe('tessera-starter-template-en.docx');
  const bytes = await readFile(await starter.path());

  // Attach it to the embassy grant; a file that is not a template is refused with a reason.
  await page.getByText('For one grant').click();
  await page.getByTestId('template-owner').click();
  await page.getByRole('option', { name: new RegExp(reference) }).click();
  const name = `Embassy form ${Date.now().toString(36)}`;
  await page.getByTestId('template-name').fill(name);
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: 'form.docx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a zip'),
  });
  await page.getByTestId('template-upload').click();
  await expect(page.getByText('Attach a Word (.docx) or Excel (.xlsx) file.')).toBeVisible({ timeout: 30_000 });
  await fileInput.setInputFiles({ name: 'form.docx', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByTestId('template-upload').click();
  await expect(page.getByTestId('templates-kept')).toContainText(name, { timeout: 30_000 });
  await expect(page.getByTestId('templates-kept')).toContainText('{budgetLines.spent}');

  // From the grant's report pack: export in the funder's template.
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await page.getByRole('link', { name: grantTitle }).click();
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByTestId('report-prepare').click();
  await page.getByTestId('report-period-choices').getByRole('radio').first().check();
  await page.getByTestId('report-prepare-submit').click();
  await expect(page).toHaveURL(/\/grants\/[^/]+\/reports\/[^/?]+$/);
  const choice = page.getByTestId('template-export-choice');
  if (await choice.isVisible()) {
    await choice.click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  await page.getByTestId('template-export-button').click();
  const done = page.getByTestId('template-export-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('link').click()]);
  expect(download.suggestedFilename()).toMatch(/^S-MK100-26-GR-014-.*\.docx$/);
  const filled = await readFile(await download.path());
  expect(filled.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(filled.includes(Buffer.from('{finance.spent}'))).toBe(false);
});

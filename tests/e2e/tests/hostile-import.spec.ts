import { expect, test } from '@playwright/test';
import { billionLaughsXml, lyingZipBomb, zipWithSheetXml } from '../../../packages/api/src/testing/hostile-files';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

/**
 * A coordinator picks a hostile workbook on the import page: the page shows the server's refusal
 * on the file field, in the user's language, and the server goes on answering.
 */
test('a lying zip bomb and billion laughs get a field error on the file, and the server stays up', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  await page.goto('/participants/import');
  const file = page.getByTestId('import-file');

  await file.setInputFiles({
    name: 'people.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(lyingZipBomb({ mebibytes: 1024 })),
  });
  await page.getByTestId('import-check').click();
  await expect(page.getByText('The workbook unpacks to more than 64 MB.', { exact: false })).toBeVisible();

  await file.setInputFiles({
    name: 'laughs.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(zipWithSheetXml(billionLaughsXml())),
  });
  await page.getByTestId('import-check').click();
  await expect(page.getByText('The workbook holds XML that cannot be read safely.', { exact: false })).toBeVisible();

  const health = await page.request.get('/healthz');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: 'writable' });
});

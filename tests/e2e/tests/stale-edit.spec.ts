import { expect, test } from '@playwright/test';
import { openFunders, requireChromium, signIn, useOrganization } from './helpers';

requireChromium();

test('saving over someone else’s newer change shows the conflict and reloads', async ({ context, page }) => {
  await signIn(page, 'admin@demo.test');
  await useOrganization(page, 'Zora Collective');
  await openFunders(page);
  await page.getByRole('link', { name: 'Open Horizons Women’s Fund' }).click();
  await expect(page.getByTestId('funder-title')).toHaveText('Open Horizons Women’s Fund');

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('funder-title')).toHaveText('Open Horizons Women’s Fund');

  await page.getByLabel('Notes').fill('First tab: renewed for 2026.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();

  await other.getByLabel('Notes').fill('Second tab: a competing edit.');
  await other.getByRole('button', { name: 'Save' }).click();
  const conflict = other.getByTestId('error-STALE_VERSION');
  await expect(conflict).toContainText(
    'Someone else changed this record after you opened it. Reload to see their changes.',
  );
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(other.getByLabel('Notes')).toHaveValue('First tab: renewed for 2026.');
});

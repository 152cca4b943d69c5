import { expect, test } from '@playwright/test';
import { openFunders, requireChromium, signIn, useOrganization } from './helpers';

requireChromium();

test('a viewer can read funders but sees no way to change them', async ({ page }) => {
  await signIn(page, 'viewer@demo.test');
  await expect(page.getByTestId('funder-row').first()).toBeVisible();
  await expect(page.getByTestId('new-funder')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open Horizons Women’s Fund' }).click();
  await expect(page.getByText('Your role can view funders but not change them.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByLabel('Name')).toBeDisabled();
});

test('an admin switches organisation and sees only that organisation’s funders', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await useOrganization(page, 'Zora Collective');
  await openFunders(page);
  await expect(page.getByRole('link', { name: 'Open Horizons Women’s Fund' })).toBeVisible();
  await expect(page.getByTestId('new-funder')).toBeVisible();

  await useOrganization(page, 'Balkan Community Rights Network');
  await expect(page.getByTestId('org-name')).toHaveText('Balkan Community Rights Network');
  await expect(page.getByRole('link', { name: 'European Partnership Instrument' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open Horizons Women’s Fund' })).toHaveCount(0);
  // Only a viewer there.
  await expect(page.getByTestId('new-funder')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0);

  await useOrganization(page, 'Zora Collective');
  await openFunders(page);
  await expect(page.getByRole('link', { name: 'Open Horizons Women’s Fund' })).toBeVisible();
});

test('an admin adds a member and sees the one-time password once', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await useOrganization(page, 'Zora Collective');
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByTestId('member-row')).toHaveCount(4);
  const form = page.getByTestId('add-member-form');
  await form.getByLabel('Email').fill(`new-${Date.now()}@demo.test`);
  await form.getByLabel('Name').fill('Jana Nikolovska');
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByTestId('temporary-password')).toHaveText(/\S{10,}/);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByTestId('member-row')).toHaveCount(5);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
});

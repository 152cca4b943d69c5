import { expect, test } from '@playwright/test';
import { openFunders, requireChromium, signIn, signOut, uniqueName } from './helpers';

requireChromium();

const macedonianShortMonth = /\d{1,2} (јан|фев|мар|апр|мај|јун|јул|авг|сеп|окт|ное|дек)\.? \d{4}/;
const macedonianMonth = /јануари|февруари|март|април|мај|јуни|јули|август|септември|октомври|ноември|декември/;

test('finance staff create, find and edit a funder, then work in Macedonian', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, 'finance@demo.test');
  // Finance staff land on their dashboard.
  await expect(page.getByRole('heading', { name: 'Finance dashboard' })).toBeVisible();
  await openFunders(page);
  await expect(page.getByTestId('org-name')).toHaveText('Zora Collective');

  // Create
  const name = uniqueName('Roma Solidarity Fund');
  await page.getByTestId('new-funder').click();
  await page.getByRole('button', { name: 'Create funder' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Foundation' }).click();
  await page.getByLabel('Country').fill('se');
  await page.getByLabel('Website').fill('https://roma-solidarity.example.org');
  await page.getByRole('button', { name: 'Create funder' }).click();
  await expect(page.getByTestId('funder-title')).toHaveText(name);

  // Find it by search
  await page.getByRole('link', { name: 'All funders' }).click();
  await page.getByTestId('funder-search').fill('roma solidarity');
  await expect(page.getByTestId('funder-row')).toHaveCount(1);
  await expect(page).toHaveURL(/q=roma/);
  const row = page.getByTestId('funder-row').first();
  await expect(row).toContainText(name);
  await expect(row).toContainText('Sweden');
  await expect(row).toContainText('Foundation');

  // Edit
  await row.getByRole('link', { name }).click();
  await expect(page.getByTestId('funder-title')).toHaveText(name);
  await page.getByLabel('Contact person').fill('Lena Berg');
  await page.getByLabel('Website').fill('not a url');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter a web address starting with http:// or https://.')).toBeVisible();
  await page.getByLabel('Website').fill('https://roma-solidarity.example.org/grants');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Contact person')).toHaveValue('Lena Berg');
  await expect(page.getByLabel('Website')).toHaveValue('https://roma-solidarity.example.org/grants');

  // Macedonian: Cyrillic UI, Macedonian month names and currency (from the FormatJS polyfills)
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'Македонски' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'mk');
  await expect(page.getByRole('button', { name: 'Зачувај' })).toBeVisible();
  await expect(page.getByTestId('funder-last-updated')).toHaveText(macedonianShortMonth);
  await page.getByRole('link', { name: 'Сите донатори' }).click();
  await expect(page.getByRole('heading', { name: 'Донатори' })).toBeVisible();
  await expect(page.getByTestId('funder-updated').first()).toHaveText(macedonianMonth);
  await expect(page.getByTestId('base-currency')).toContainText('ден');
  await expect(page.getByTestId('funder-row').filter({ hasText: name })).toContainText('Шведска');

  // The choice is saved on the user: it survives a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Донатори' })).toBeVisible();

  await signOut(page, 'Одјави се');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Најава во Tessera' })).toBeVisible();
});

test('a wrong password gets one generic message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('coordinator@demo.test');
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('The email or password is not right.');
});

import { readFile } from 'node:fs/promises';
import { type Download, expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

const reference = 'S-MK100-26-GR-014';
const grantTitle = 'Career counselling training for women';

async function openEmbassyGrant(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill(reference);
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: grantTitle }).click();
  await expect(page.getByTestId('grant-title')).toHaveText(grantTitle);
}

/** Starts an export from the menu, waits for its job and downloads the file. */
async function exportAs(page: Page, format: 'pdf' | 'xlsx'): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByTestId('export-menu').click();
  await page.getByTestId(`export-${format}`).click();
  const link = page.getByTestId('export-download');
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

test('finance prepares the embassy report, keeps a narrative draft and exports PDF and Excel', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openEmbassyGrant(page);
  await page.getByRole('tab', { name: 'Reports' }).click();

  // Prepare a pack for the narrative report's period (one of the grant's deadlines).
  await page.getByTestId('report-prepare').click();
  const choices = page.getByTestId('report-period-choices');
  await choices.getByRole('radio', { name: /^Narrative report:/ }).check();
  await page.getByTestId('report-prepare-submit').click();
  await expect(page).toHaveURL(/\/grants\/[^/]+\/reports\/[^/?]+$/);
  await expect(page.getByTestId('cover-reference')).toContainText(reference);
  await expect(page.getByTestId('cover-deadline')).toContainText('Narrative report');
  await expect(page.getByTestId('pack-status')).toHaveText('Draft');
  // Finance sees the figures, never a participant code.
  await expect(page.getByTestId('pack-finance-lines')).toBeVisible();
  await expect(page.getByTestId('pack-reach')).not.toContainText(/ZR-\d{4}/);
  // Hidden figures are one neutral mark that claims no value, explained under the figures.
  await expect(page.getByTestId('pack-suppressed-note')).toHaveText('x: not shown, to protect people in small groups');
  await expect(page.locator('main')).not.toContainText(/<\s*\d/);

  // A paragraph in the summary survives a reload.
  const paragraph = `Twenty women finished the career counselling training (${Date.now().toString(36)}).`;
  const summary = page.getByRole('textbox', { name: 'Summary' });
  await summary.fill(paragraph);
  await page.getByTestId('narrative-save').click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Summary' })).toHaveValue(paragraph);

  // Exports run as jobs with progress, then download.
  const pdf = await exportAs(page, 'pdf');
  expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

  await page.getByRole('button', { name: 'Close' }).click();
  const xlsx = await exportAs(page, 'xlsx');
  expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // The pack is listed on the grant's Reports tab.
  await page.getByRole('link', { name: /Back to the grant/ }).click();
  await expect(page.getByTestId('report-row')).not.toHaveCount(0);
});

test('a coordinator sets up an indicator for “Careers beyond the street” and sees its chart', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('link', { name: 'Careers beyond the street' }).click();
  await expect(page.getByTestId('project-title')).toHaveText('Careers beyond the street');
  await page.getByRole('tab', { name: 'Results' }).click();

  // The results view opens on the project's whole period.
  const from = await page.getByTestId('results-from').inputValue();
  const to = await page.getByTestId('results-to').inputValue();
  expect(from <= to).toBe(true);

  // A derived indicator: completions of the training, one target for the whole period.
  const code = `C${Date.now().toString(36).slice(-5)}`;
  await page.getByTestId('results-section').getByText('Logframe', { exact: true }).click();
  await page.getByTestId('indicator-add').click();
  const form = page.getByTestId('indicator-form');
  await form.getByTestId('indicator-level').click();
  await page.getByRole('option', { name: 'Output', exact: true }).click();
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Unit').fill('women');
  await form.getByRole('textbox', { name: 'Indicator', exact: true }).fill('Women completing the training');
  await form.getByTestId('numerator-measure').click();
  await page.getByRole('option', { name: 'Completions', exact: true }).click();
  // Completions take no output or outcome kind: those filters are not offered.
  await expect(form.getByTestId('numerator-filter-outputKind')).toHaveCount(0);
  await form.getByTestId('indicator-add-target').click();
  const target = form.getByTestId('indicator-target-row');
  await target.getByLabel('Period start').fill(from);
  await target.getByLabel('Period end').fill(to);
  await target.getByRole('textbox', { name: 'Target', exact: true }).fill('20');
  await form.getByTestId('indicator-save').click();
  await expect(page.getByText('Indicator saved.')).toBeVisible();
  await expect(page.getByTestId('logframe-row').filter({ hasText: code })).toBeVisible();

  await page.getByTestId('results-section').getByText('Results', { exact: true }).click();
  const result = page.locator(`[data-testid="indicator-result"][data-code="${code}"]`);
  await expect(result.getByTestId('indicator-actual')).toHaveText('20');
  const chart = result.getByTestId('indicator-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
});

test('finance picks the embassy grant’s results from named periods only, never two free dates', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openEmbassyGrant(page);
  await page.getByRole('tab', { name: 'Results' }).click();
  // No date boxes for a reader of suppressed counts: the lattice's periods and why.
  await expect(page.getByTestId('results-lattice-note')).toContainText('so that two periods cannot be set against');
  await expect(page.getByTestId('results-from')).toHaveCount(0);
  const picks = page.getByTestId('results-quick-picks');
  await expect(picks.getByText('Whole period', { exact: true })).toBeVisible();
  await expect(picks.getByText(/^Quarter: /).first()).toBeVisible();
  await expect(picks.getByText(/^Reporting period: /).first()).toBeVisible();
  // Picking a quarter shows that quarter's figures.
  const quarter = picks.getByText(/^Quarter: /).first();
  await quarter.click();
  await expect(page.getByTestId('results-view')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/<\s*\d/);
});

test('finance explains a budget line’s variance on the pack page; a participant code is refused on that line', async ({
  page,
}) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openEmbassyGrant(page);
  await page.getByRole('tab', { name: 'Reports' }).click();
  await page.getByTestId('report-prepare').click();
  await page
    .getByTestId('report-period-choices')
    .getByRole('radio', { name: /^Narrative report:/ })
    .check();
  await page.getByTestId('report-prepare-submit').click();
  await expect(page).toHaveURL(/\/grants\/[^/]+\/reports\/[^/?]+$/);

  const form = page.getByTestId('explanations-form');
  await expect(form).toBeVisible();
  const line = form.getByTestId('explanation-1');
  await line.fill('Bus fares for ZR-0003 were refunded.');
  await page.getByTestId('explanations-save').click();
  await expect(form).toContainText('Names a participant code (ZR-0003)');

  const text = `The coordinator started a month late (${Date.now().toString(36)}).`;
  await line.fill(text);
  await page.getByTestId('explanations-save').click();
  await expect(page.getByText('Explanations saved.')).toBeVisible();
  // The narrative shares the pack's version: it still saves after the explanations did.
  await page.getByRole('textbox', { name: 'Summary' }).fill('Twenty women finished the training.');
  await page.getByTestId('narrative-save').click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('explanations-form').getByTestId('explanation-1')).toHaveValue(text);
});

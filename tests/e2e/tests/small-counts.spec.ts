import { expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

// The Strumica workshop (DS-STR) has 3 participants, all from one small city (docs/demo-data.md).
const workshop = 'Digital safety workshop — Strumica';

async function openStrumica(page: Page): Promise<void> {
  await page.goto('/activities');
  await page.getByTestId('activity-search').fill('DS-STR');
  await expect(page.getByTestId('activity-row')).toHaveCount(1);
  await page.getByRole('link', { name: workshop }).click();
  await expect(page.getByRole('heading', { name: workshop })).toBeVisible();
}

/** Unique participants, participant hours and completions in the activities table's row. */
async function listedCounts(page: Page): Promise<string[]> {
  await page.goto('/activities');
  await page.getByTestId('activity-search').fill('DS-STR');
  const row = page.getByTestId('activity-row');
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  return [
    (await cells.nth(5).textContent()) ?? '',
    (await cells.nth(6).textContent()) ?? '',
    (await cells.nth(7).textContent()) ?? '',
  ];
}

async function expectStat(page: Page, name: string, shown: string, value: string): Promise<void> {
  const card = page.getByTestId(`stat-${name}`);
  await expect(card).toHaveAttribute('data-value', value);
  await expect(card.getByTestId(`stat-${name}-value`)).toHaveText(shown);
}

const footnote = 'x: not shown, to protect people in small groups';
const label = 'Not shown, to protect people in small groups';

/**
 * Every hidden figure on the page is the same neutral mark, whatever it hides (a small count or
 * a partner hidden to protect one), named for screen readers by what it means; nothing on the
 * page claims a value such as "<5".
 */
async function expectMarked(page: Page): Promise<void> {
  const marks = page.locator('abbr[data-suppressed]');
  expect(await marks.count()).toBeGreaterThan(0);
  for (const mark of await marks.all()) {
    await expect(mark).toHaveText('x');
    await expect(mark).toHaveAttribute('title', label);
    await expect(mark).toHaveAccessibleName(label);
  }
  await expect(page.locator('main')).not.toContainText(/<\s*\d/);
}

for (const email of ['finance@demo.test', 'viewer@demo.test']) {
  test(`${email.split('@')[0]} sees the three Strumica participants as the mark "x", their hours with them`, async ({
    page,
  }) => {
    await signIn(page, email);
    await useEnglish(page);
    expect(await listedCounts(page)).toEqual(['x', 'x', 'x']);
    await expectMarked(page);

    await openStrumica(page);
    await expectStat(page, 'uniqueParticipants', 'x', 'x');
    await expectStat(page, 'participantMinutes', 'x', 'x');
    await expectStat(page, 'completions', 'x', 'x');
    await expectStat(page, 'enrolled', 'x', 'x');
    // Sessions and hours delivered are about the workshop, not people: shown as they are.
    await expectStat(page, 'sessionsHeld', '2', '2');
    await expect(page.getByTestId('stats-suppressed-note')).toHaveText(footnote);
    await expectMarked(page);

    await page.getByRole('tab', { name: 'Sessions' }).click();
    await expect(page.getByTestId('session-row')).toHaveCount(2);
    for (const row of await page.getByTestId('session-row').all()) await expect(row).toContainText('x of x attended');
    await expect(page.getByTestId('suppressed-footnote')).toHaveText(footnote);
    await expectMarked(page);
  });
}

test('a coordinator sees the Strumica workshop’s 3 participants exactly', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  expect(await listedCounts(page)).toEqual(['3', '18 h', '3']);
  await openStrumica(page);
  await expectStat(page, 'uniqueParticipants', '3', '3');
  await expectStat(page, 'participantMinutes', '18 h', '1080');
  await expectStat(page, 'completions', '3', '3');
  await expectStat(page, 'enrolled', '3', '3');
  await expect(page.getByTestId('stats-suppressed-note')).toHaveCount(0);
  await expect(page.locator('abbr[data-suppressed]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Sessions' }).click();
  await expect(page.getByTestId('session-row').first()).toContainText('3 of 3 attended');
});

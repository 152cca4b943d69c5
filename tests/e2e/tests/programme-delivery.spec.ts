import { expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

// A phone at the venue: attendance is taken one-handed on a small screen.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const workshop = 'Digital safety workshop — Skopje';

async function openWorkshop(page: Page): Promise<void> {
  await page.goto('/activities');
  await page.getByTestId('activity-search').fill('DS-SK');
  await expect(page.getByTestId('activity-row')).toHaveCount(1);
  await page.getByRole('link', { name: workshop }).click();
  await expect(page.getByRole('heading', { name: workshop })).toBeVisible();
}

async function stat(page: Page, name: string): Promise<number> {
  const card = page.getByTestId(`stat-${name}`);
  await expect(card).toBeVisible();
  return Number(await card.getAttribute('data-value'));
}

async function totals(page: Page) {
  return {
    sessionsHeld: await stat(page, 'sessionsHeld'),
    uniqueParticipants: await stat(page, 'uniqueParticipants'),
    participantMinutes: await stat(page, 'participantMinutes'),
  };
}

test('a coordinator takes today’s register on a phone; hours and totals follow', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  // Coordinators land on today's sessions.
  await expect(page).toHaveURL(/\/today$/);
  const today = page.getByTestId('today-session').filter({ hasText: workshop });
  await expect(today).toBeVisible();

  await openWorkshop(page);
  const before = await totals(page);
  expect(before).toEqual({ sessionsHeld: 1, uniqueParticipants: 9, participantMinutes: 8 * 180 + 120 });

  await page.goto('/today');
  await today.getByTestId('take-attendance').click();
  await expect(page.getByTestId('register-title')).toHaveText(workshop);
  // Nothing in the register scrolls sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // ZR-0003 is away today, ZR-0032 comes 90 minutes late, ZR-0035 (absent last week) is here.
  await page.getByTestId('register-row-ZR-0003').getByRole('button', { name: 'Absent' }).click();
  const late = page.getByTestId('register-row-ZR-0032');
  await late.getByRole('button', { name: 'Late' }).click();
  await late.getByTestId('register-minutes').fill('90');
  await page.getByTestId('register-row-ZR-0035').getByRole('button', { name: 'Present' }).click();
  await page.getByTestId('register-mark-rest').click();
  const save = page.getByTestId('register-save');
  await expect(save).toHaveAccessibleName(/^Save/);
  await save.click();
  await expect(page.getByText(/Attendance saved/)).toBeVisible();
  await expect(page.getByTestId('count-present')).toHaveText('8');
  await expect(page.getByTestId('count-late')).toHaveText('1');
  await expect(page.getByTestId('count-absent')).toHaveText('1');

  // The activity's totals and one participant's hours changed.
  await openWorkshop(page);
  await expect
    .poll(() => totals(page))
    .toEqual({
      sessionsHeld: 2,
      uniqueParticipants: 10,
      participantMinutes: before.participantMinutes + 8 * 180 + 90,
    });
  await page.getByRole('tab', { name: 'Participants' }).click();
  const first = page.getByTestId('enrolment-row-ZR-0001');
  await expect(first.getByTestId('hours-attended')).toContainText('6 h');
  await expect(page.getByTestId('enrolment-row-ZR-0032').getByTestId('hours-attended')).toContainText('3 h 30 min');
});

test('a finance user opening the same activity sees counts, never a participant code', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await openWorkshop(page);
  expect(await stat(page, 'uniqueParticipants')).toBeGreaterThanOrEqual(9);
  expect(await stat(page, 'participantMinutes')).toBeGreaterThan(0);
  await expect(page.getByRole('tab', { name: 'Participants' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Sessions' }).click();
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await expect(page.getByTestId('take-attendance')).toHaveCount(0);
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toMatch(/ZR-\d{4}/);
  // Reaching a register by address shows nothing of it either.
  await page.goto('/participants');
  await expect(page.locator('body')).not.toContainText(/ZR-\d{4}/);
});

import { expect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, uniqueName, useEnglish } from './helpers';

requireChromium();

// Keyboard only (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.3, 2.4.7): after sign-in, nothing here clicks or
// fills; every step is Tab, Shift+Tab, arrows, Space, Enter or typing into the focused field.
// Bitola's workshop: no other journey counts its sessions or attendance.
const workshop = 'Digital safety workshop — Bitola';
test.use({ actionTimeout: 30_000 });

interface Focused {
  testId: string | null;
  text: string;
  inDialog: boolean;
  inMain: boolean;
  ring: boolean;
}

/** What has focus, and whether it shows a focus ring (an outline of at least 2px). */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const style = element ? getComputedStyle(element) : null;
    return {
      testId: element?.getAttribute('data-testid') ?? null,
      text: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      inDialog: Boolean(element?.closest('[role="dialog"]')),
      inMain: Boolean(element?.closest('main')),
      ring: style !== null && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses `key` until the focused element matches `selector`; fails if it never does. */
async function tabTo(page: Page, selector: string, key = 'Tab', most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${most} presses of ${key} never reached ${selector}`);
}

async function expectRing(page: Page): Promise<void> {
  expect((await focused(page)).ring, 'the focused element shows a focus ring').toBe(true);
}

/** The native date field's keystrokes in the en-US browser of this suite: month, day, year. */
function dateKeys(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${month}${day}${year}`;
}

test('a coordinator adds a session and takes its whole register with the keyboard only', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  await page.goto('/activities');
  await expect(page.getByTestId('activity-search')).toBeVisible();

  // The first Tab reaches the skip link, in view; Enter moves focus to the main region.
  await page.keyboard.press('Tab');
  expect((await focused(page)).testId).toBe('skip-link');
  await expect(page.getByTestId('skip-link')).toBeInViewport();
  await expectRing(page);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect((await focused(page)).inMain, 'the next Tab stays in the page, past the navigation').toBe(true);

  // Find the workshop and open it.
  await tabTo(page, '[data-testid="activity-search"]');
  await expectRing(page);
  await page.keyboard.type('DS-BT');
  await expect(page.getByTestId('activity-row').filter({ visible: true })).toHaveCount(1);
  await tabTo(page, '[data-testid="activity-row"] a');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: workshop })).toBeVisible();

  // Tabs: focus the selected one, then the arrow key moves to Sessions.
  await tabTo(page, '[role="tab"][aria-selected="true"]');
  await expectRing(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Sessions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Sessions' })).toBeFocused();

  // The session dialog traps focus and gives it back to its button when closed.
  await tabTo(page, '[data-testid="session-add"]');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(async () => (await focused(page)).inDialog).toBe(true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i < 8 ? 'Tab' : 'Shift+Tab');
    expect((await focused(page)).inDialog, `focus stays in the dialog after ${i + 1} presses`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('session-add')).toBeFocused();

  // Fill and send the form: date, start time, length, module, note, then Cancel and Save in that order.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const date = dialog.locator('input[type="date"]');
  const lastDay = await date.getAttribute('max');
  expect(lastDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await tabTo(page, '[role="dialog"] input[type="date"]');
  await expectRing(page);
  await page.keyboard.type(dateKeys(lastDay ?? ''));
  await expect(date).toHaveValue(lastDay ?? '');
  // The browser's date and time fields have a Tab stop per part (month, day, year; hour, minute,
  // AM/PM in this en-US browser) before the next field.
  await tabTo(page, '[role="dialog"] input[type="time"]', 'Tab', 4);
  await page.keyboard.type('0930AM');
  await expect(dialog.locator('input[type="time"]')).toHaveValue('09:30');
  await tabTo(page, '[role="dialog"] input[name="length"]', 'Tab', 4);
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('textbox', { name: 'Module' })).toBeFocused();
  const module = uniqueName('Keyboard module');
  await page.keyboard.type(module);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('session-save')).toBeFocused();
  await expectRing(page);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId('session-row').filter({ visible: true }).filter({ hasText: module });
  await expect(row).toHaveCount(1);

  // Its register, reached by Tab and opened with Enter.
  const href = await row.getByTestId('take-attendance').getAttribute('href');
  expect(href).toMatch(/\/register$/);
  await tabTo(page, `a[href="${href}"]`);
  await expectRing(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-title')).toHaveText(workshop);
  const rows = page.locator('[data-testid^="register-row-"]');
  await expect(rows.first()).toBeVisible();
  const codes = await rows.evaluateAll((all) =>
    all.map((r) => (r.getAttribute('data-testid') ?? '').replace('register-row-', '')),
  );
  expect(codes.length).toBeGreaterThan(1);

  // Every row in order: Present, Late, Absent are three stops; Space presses the one in focus.
  for (const [index, code] of codes.entries()) {
    const buttons = page.getByTestId(`register-row-${code}`).locator('button[aria-pressed]');
    await tabTo(page, `[data-testid="register-row-${code}"] button[aria-pressed]`);
    await expect(buttons.nth(0)).toBeFocused();
    await expectRing(page);
    if (index === 0) {
      // The first person is away: Tab through Late to Absent.
      await page.keyboard.press('Tab');
      await expect(buttons.nth(1)).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(buttons.nth(2)).toBeFocused();
    }
    await page.keyboard.press('Space');
    await expect(buttons.nth(index === 0 ? 2 : 0)).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(page.getByTestId('count-unmarked')).toHaveText('0');
  await expect(page.getByTestId('count-absent')).toHaveText('1');

  // Save is after the list; Shift+Tab steps back out of it and Tab returns.
  await tabTo(page, '[data-testid="register-save"]');
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).testId).not.toBe('register-save');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('register-save')).toBeFocused();
  await expectRing(page);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Attendance saved/)).toBeVisible();
  await expect(page.getByTestId('count-present')).toHaveText(String(codes.length - 1));
});

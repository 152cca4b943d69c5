import { expect as baseExpect, type Page, test } from '@playwright/test';
import { requireChromium, signIn, useEnglish } from './helpers';

requireChromium();

// A machine shared with other work: screens load lazily, so waits are generous (never sleeps).
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 30_000 });
test.setTimeout(240_000);

// Issue 15 items 4, 7 and 8: the register follows the venue, export asks to save, each
// language's conventions, first-step empty states.

const workshop = 'Digital safety workshop — Skopje';

async function openTodaysRegister(page: Page): Promise<void> {
  await page.goto('/today');
  const today = page.getByTestId('today-session').filter({ hasText: workshop });
  await expect(today).toBeVisible();
  await today.getByTestId('take-attendance').click();
  await expect(page.getByTestId('register-title')).toHaveText(workshop);
}

async function openWorkshop(page: Page): Promise<void> {
  await page.goto('/activities');
  await page.getByTestId('activity-search').fill('DS-SK');
  await expect(page.getByTestId('activity-row')).toHaveCount(1);
  await page.getByRole('link', { name: workshop }).click();
  await expect(page.getByRole('heading', { name: workshop })).toBeVisible();
}

/**
 * Elements whose content is wider than they are, other than the ones made to scroll sideways
 * (overflow-x auto or scroll): clipped or spilling text, a page that scrolls sideways. Visually
 * hidden labels (1 px wide) and form controls (a long value scrolls inside its box) are skipped.
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page (${root.scrollWidth} > ${root.clientWidth})`);
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (element.closest('svg, input, textarea, select')) continue;
      if (element.clientWidth <= 1) continue;
      const style = getComputedStyle(element);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      // The content of a deliberate scroll container (a wide table on a phone) scrolls with it.
      const parent = element.parentElement ? getComputedStyle(element.parentElement).overflowX : '';
      if (parent === 'auto' || parent === 'scroll') continue;
      if (style.position === 'fixed' && style.visibility === 'hidden') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const label = element.getAttribute('data-testid') ?? element.className.toString().slice(0, 60);
        found.push(`${element.tagName.toLowerCase()} ${label} "${(element.textContent ?? '').slice(0, 40)}"`);
      }
    }
    return found;
  });
}

test.describe('on a phone at the venue', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('late asks for the minutes attended, or works them out from the arrival time', async ({ page }) => {
    await signIn(page, 'coordinator@demo.test');
    await useEnglish(page);
    await openTodaysRegister(page);
    // The session shows its day and start time, and its length as "3 h" (never "3:00").
    const when = page.getByTestId('register-session');
    await expect(when).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, 18:00/);
    await expect(when).toContainText('3 h');
    await expect(when).not.toContainText('3:00');

    const row = page.getByTestId('register-row-ZR-0033');
    await row.getByRole('button', { name: 'Late' }).click();
    // Late is not the whole session: the minutes start empty and saving without them is refused.
    const minutes = row.getByTestId('register-minutes');
    await expect(minutes).toHaveValue('');
    await page.getByTestId('register-save').click();
    await expect(row.getByText(/Late means part of the session/)).toBeVisible();

    // An arrival before the start or after the end is refused on the field.
    const arrival = row.getByTestId('register-arrival');
    await arrival.fill('17:30');
    await expect(row.getByText('The session starts at 18:00: arriving then or earlier is not late.')).toBeVisible();
    await arrival.fill('21:10');
    await expect(row.getByText(/The session ends at 21:00/)).toBeVisible();
    // 45 minutes late to a three-hour session: 135 minutes attended.
    await arrival.fill('18:45');
    await expect(minutes).toHaveValue('135');
    await page.getByTestId('register-save').click();
    await expect(page.getByText(/Attendance saved/)).toBeVisible();
    await expect(row.getByRole('button', { name: 'Late' })).toHaveAttribute('aria-pressed', 'true');
    await expect(row.getByTestId('register-minutes')).toHaveValue('135');

    // The activity lists its sessions with day, start time and a length in hours.
    await openWorkshop(page);
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const sessions = page.getByTestId('session-row');
    await expect(sessions.first().getByTestId('session-when')).toContainText(', 18:00');
    await expect(page.getByTestId('sessions-list')).toContainText('3 h');
    await expect(page.getByTestId('sessions-list')).not.toContainText('3:00');
  });

  test('a session is given a start time in its form', async ({ page }) => {
    await signIn(page, 'coordinator@demo.test');
    await useEnglish(page);
    await openWorkshop(page);
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const first = page.getByTestId('session-row').first();
    await first.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('session-form');
    await form.getByTestId('session-start-time').fill('17:15');
    await page.getByTestId('session-save').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('session-row').first().getByTestId('session-when')).toContainText(', 17:15');
  });
});

test.describe('at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('nothing is clipped on the register, the activity and the grant', async ({ page }) => {
    await signIn(page, 'coordinator@demo.test');
    await useEnglish(page);
    await openTodaysRegister(page);
    await page.getByTestId('register-row-ZR-0034').getByRole('button', { name: 'Late' }).click();
    await expect(page.getByTestId('register-row-ZR-0034').getByTestId('register-minutes')).toBeVisible();
    expect(await overflowing(page)).toEqual([]);

    await openWorkshop(page);
    // The tab row wraps instead of hiding tabs off screen.
    await expect(page.getByTestId('tab-row').getByRole('tab', { name: 'Outputs' })).toBeInViewport();
    expect(await overflowing(page)).toEqual([]);
    for (const tab of ['Sessions', 'Participants', 'Outputs']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel')).toBeVisible();
      // The enrolled-participants table shows "Enrolled" whole, not "ENRO…".
      if (tab === 'Participants') await expect(page.getByTestId('enrolment-row-ZR-0001')).toContainText('Enrolled');
      expect(await overflowing(page), tab).toEqual([]);
    }

    await page.goto('/grants');
    await page.getByTestId('grant-row').first().getByRole('link').first().click();
    await expect(page.getByTestId('grant-title')).toBeVisible();
    await expect(page.getByTestId('tab-row').getByRole('tab').last()).toBeInViewport();
    expect(await overflowing(page)).toEqual([]);
  });
});

test('exporting a pack with unsaved narrative changes asks to save them first', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await useEnglish(page);
  await page.getByRole('link', { name: 'Grants', exact: true }).click();
  await page.getByTestId('grant-search').fill('S-MK100-26-GR-014');
  await expect(page.getByTestId('grant-row')).toHaveCount(1);
  await page.getByRole('link', { name: 'Career counselling training for women' }).click();
  await page.getByRole('tab', { name: 'Reports' }).click();
  await expect(page.getByTestId('reports-table')).toBeVisible();
  if ((await page.getByTestId('report-row').count()) === 0) {
    await page.getByTestId('report-prepare').click();
    await page
      .getByTestId('report-period-choices')
      .getByRole('radio', { name: /^Narrative report:/ })
      .check();
    await page.getByTestId('report-prepare-submit').click();
  } else {
    await page.getByTestId('report-row').first().getByRole('link').first().click();
  }
  await expect(page).toHaveURL(/\/grants\/[^/]+\/reports\/[^/?]+$/);

  const summary = page.getByTestId('narrative-summary');
  const first = `Unsaved before export ${Date.now().toString(36)}`;
  await summary.fill(first);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-pdf').click();
  // The question appears beside the Export button, and cancelling starts nothing.
  const ask = page.getByTestId('export-unsaved');
  await expect(ask).toBeVisible();
  await expect(ask).toBeInViewport();
  await expect(ask).toContainText('The narrative has changes that are not saved');
  await page.getByTestId('export-cancel').click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('export-status')).toHaveCount(0);
  await expect(summary).toHaveValue(first);

  // Save and export: the draft is saved, then the export runs.
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-pdf').click();
  await page.getByTestId('export-save-first').click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await expect(page.getByTestId('export-download')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('narrative-unsaved')).toHaveCount(0);
  await page.reload();
  await expect(summary).toHaveValue(first);

  // Export without them: the typed text stays in the form, unsaved, and the export runs.
  await summary.fill(`${first} and more`);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-xlsx').click();
  await page.getByTestId('export-without-unsaved').click();
  await expect(page.getByTestId('export-status')).toBeVisible();
  await expect(page.getByTestId('narrative-unsaved')).toBeVisible();
});

test('English shows British dates unless US formats are chosen', async ({ page }) => {
  await signIn(page, 'coordinator@demo.test');
  await useEnglish(page);
  await page.goto('/today');
  const date = page.getByTestId('today-date');
  await expect(date).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await page.getByTestId('language-menu').click();
  await page.getByTestId('formats-us').click();
  await expect(date).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  // The choice is saved on the person: it holds after a reload.
  await page.reload();
  await expect(date).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  await page.getByTestId('language-menu').click();
  await page.getByTestId('formats-gb').click();
  await expect(date).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
});

test('a new organisation’s pages say what they are for and offer the first step', async ({ page }) => {
  // The network's organisation has funders but no grants, projects, activities or participants.
  await signIn(page, 'network-admin@demo.test');
  await useEnglish(page);
  await page.goto('/grants');
  const empty = page.getByTestId('empty-state');
  await expect(empty).toHaveAttribute('data-kind', 'first-step');
  await expect(empty).toContainText('Grants are the money your collective receives');
  await expect(page.getByTestId('first-grant')).toHaveText('Add your first grant');
  await expect(page.getByText('No grants match these filters')).toHaveCount(0);
  // With a filter that matches nothing, it says so and offers to clear it.
  await page.getByTestId('grant-search').fill('nothing like this');
  await expect(empty).toHaveAttribute('data-kind', 'filtered');
  await expect(empty).toContainText('Nothing matches these filters.');
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('grant-search')).toHaveValue('');
  await expect(empty).toHaveAttribute('data-kind', 'first-step');

  await page.goto('/projects');
  await expect(page.getByTestId('first-project')).toHaveText('Add your first project');
  await page.goto('/activities');
  await expect(page.getByTestId('first-activity')).toHaveText('Add your first activity');
  await page.goto('/participants');
  await expect(page.getByTestId('first-participant')).toHaveText('Add your first participant');
  await page.getByTestId('first-participant').click();
  await expect(page).toHaveURL(/\/participants\/new$/);

  // Funders exist here: a search for none says nothing matches, and clearing it lists them again.
  await page.goto('/funders');
  await page.getByTestId('funder-search').fill('nothing like this');
  await expect(page.getByTestId('empty-state')).toHaveAttribute('data-kind', 'filtered');
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
});

import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { databasePath } from '../environment';
import { openFunders, requireChromium, signIn, uniqueName, useEnglish } from './helpers';

requireChromium();

/**
 * Another program (Debian's sqlite3 shell) holds the write lock on the server's database, as a
 * stuck CLI or a manual session would; resolves once the lock is really held.
 */
function holdWriteLock(): Promise<ChildProcessWithoutNullStreams> {
  return new Promise((resolve, reject) => {
    const shell = spawn('sqlite3', [databasePath]);
    let out = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('locked')) resolve(shell);
    });
    shell.on('error', reject);
    shell.on('exit', (code) => reject(new Error(`sqlite3 exited (${code}) before taking the lock`)));
    shell.stdin.write("begin exclusive;\nselect 'locked';\n");
  });
}

function release(shell: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    shell.removeAllListeners('exit');
    shell.on('exit', () => resolve());
    shell.stdin.end('rollback;\n.quit\n');
  });
}

test('a save while another process holds the database says so in Macedonian, and saves once it is free', async ({
  page,
}) => {
  test.skip(spawnSync('sqlite3', ['-version']).status !== 0, 'needs the sqlite3 shell (Debian package sqlite3)');
  await signIn(page, 'admin@demo.test');
  await openFunders(page);
  await page.getByTestId('new-funder').click();
  const name = uniqueName('Busy Day Fund');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Foundation' }).click();
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'Македонски' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'mk');

  const shell = await holdWriteLock();
  try {
    await page.getByRole('button', { name: 'Создај донатор' }).click();
    // The server waits DATABASE_BUSY_TIMEOUT_MS (5 s by default) for the lock, then answers.
    const alert = page.getByTestId('error-STORAGE_BUSY');
    await expect(alert).toBeVisible({ timeout: 45_000 });
    await expect(alert).toContainText('Серверот е зафатен со зачувување друга работа. Ништо не е зачувано');
    await expect(alert).not.toContainText(/SQLITE|locked|tessera-e2e/);
  } finally {
    await release(shell);
  }

  await page.getByRole('button', { name: 'Создај донатор' }).click();
  await expect(page.getByTestId('funder-title')).toHaveText(name, { timeout: 30_000 });
  await useEnglish(page);
});

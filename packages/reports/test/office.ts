import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * LibreOffice headless as an independent reader of the filled templates (docs/decisions/0027).
 * Each conversion runs with its own profile directory, so parallel runs never share one.
 */

const run = promisify(execFile);

/** Null when soffice runs here, else why the tests that need it skip (CI installs it: .ci/run). */
export async function officeMissing(): Promise<string | null> {
  const found = await run('soffice', ['--version'], { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
  return found
    ? null
    : 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui';
}

/** LibreOffice's CSV filter: comma, double quote, UTF-8, every sheet to its own file (-1). */
export const csvAllSheets = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Converts a file with LibreOffice; answers the files it wrote, by name. */
export async function officeConvert(bytes: Uint8Array, name: string, to: string): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-office-'));
  try {
    await writeFile(join(dir, name), bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        join(dir, 'out'),
        join(dir, name),
      ],
      { timeout: 120_000 },
    );
    const out = new Map<string, Buffer>();
    for (const file of await readdir(join(dir, 'out'))) out.set(file, await readFile(join(dir, 'out', file)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An XLSX read by LibreOffice: each sheet as CSV rows, by sheet name. */
export async function officeSheets(bytes: Uint8Array): Promise<Map<string, string[][]>> {
  const files = await officeConvert(bytes, 'workbook.xlsx', csvAllSheets);
  const sheets = new Map<string, string[][]>();
  for (const [name, csv] of files) {
    const sheet = name.replace(/^workbook-/, '').replace(/\.csv$/, '');
    sheets.set(sheet, parse(csv.toString('utf8'), { relax_column_count: true }) as string[][]);
  }
  return sheets;
}

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  billionLaughsXml,
  deeplyNestedXml,
  lyingZipBomb,
  manyPartsZip,
  zipWithSheetXml,
} from '@tessera/api/testing/hostile-files';
import { findOrganizationBySlug, openDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './helpers';

/**
 * The real server as a child process with a small V8 heap, so that running out of memory would
 * really kill it, fed hostile files at once. Before these limits, four 1 MB workbooks whose ZIP
 * directory lies about their sizes inflated to 1 GiB each and took the server down.
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The stated cap on the server's resident memory (peak, VmHWM), with a 256 MB V8 heap. */
const rssCapBytes = 512 * 1024 * 1024;

let child: ChildProcessWithoutNullStreams;
let output = '';
let url = '';
let dir = '';
let expenditureId = '';

function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmHWM:\s+(\d+) kB/m)?.[1]);
  return kb * 1024;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-hostile-'));
  const database = path.join(dir, 'app.db');
  child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: database,
      SECRET_KEY_FILE: path.join(dir, 'secret.key'),
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/running at (http:\/\/\S+)/)?.[1];
      if (found && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(found.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  const opened = openDatabase(database);
  try {
    const demo = await findOrganizationBySlug(opened.db, 'demo');
    expenditureId = (await createTestGrantWithMoney(opened.db, demo!.id)).expenditureId;
  } finally {
    await opened.close();
  }
}, 300_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function post(cookie: string, route: string, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${url}${route}`, { method: 'POST', headers: { cookie, 'x-tessera-request': '1' }, body: form });
}

/** The field error of a refused upload, or the status and start of the body when it was not one. */
async function fieldError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { data?: { fieldErrors?: { file?: string[] } } } };
    const key = body.error?.data?.fieldErrors?.file?.[0];
    if (key) return `${response.status} ${key}`;
  } catch {}
  return `${response.status} ${text.slice(0, 200)}`;
}

const importPreview = '/files/imports/participants?mode=preview';

describe('hostile files against the running server', () => {
  it('refuses lying zip bombs, too many parts, nested XML and billion laughs at once, each with a field error', async () => {
    const coordinator = await signInAs(url, 'coordinator@demo.test');
    const bomb = lyingZipBomb({ mebibytes: 1024 });
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const cases: [Uint8Array, string, string][] = [
      [bomb, 'bomb1.xlsx', '400 validation.archiveTooLarge?max=64'],
      [bomb, 'bomb2.xlsx', '400 validation.archiveTooLarge?max=64'],
      [bomb, 'bomb3.xlsx', '400 validation.archiveTooLarge?max=64'],
      [bomb, 'bomb4.xlsx', '400 validation.archiveTooLarge?max=64'],
      [manyPartsZip(5000), 'many.xlsx', '400 validation.archiveTooManyParts?max=1000'],
      [zipWithSheetXml(deeplyNestedXml(200_000)), 'nested.xlsx', '400 validation.unsafeXml'],
      [zipWithSheetXml(billionLaughsXml()), 'laughs.xlsx', '400 validation.unsafeXml'],
    ];
    const answers = await Promise.all(
      cases.map(async ([bytes, name]) => fieldError(await post(coordinator, importPreview, bytes, name))),
    );
    expect(answers).toEqual(cases.map(([, , expected]) => expected));
    expect(child.exitCode).toBeNull();
  }, 300_000);

  it('takes large uploads and more bombs together, refusing what does not fit the queue as "busy"', async () => {
    const coordinator = await signInAs(url, 'coordinator@demo.test');
    const finance = await signInAs(url, 'finance@demo.test');
    const receipt = new Uint8Array(9 * 1024 * 1024).fill(65);
    receipt.set(Buffer.from('%PDF-1.4\n'));
    const bomb = lyingZipBomb({ mebibytes: 1024 });
    const requests = [
      ...Array.from({ length: 10 }, () => post(finance, `/files/receipts/${expenditureId}`, receipt, 'receipt.pdf')),
      ...Array.from({ length: 6 }, () => post(coordinator, importPreview, bomb, 'bomb.xlsx')),
    ];
    const answers = await Promise.all(
      requests.map(async (request) => {
        const response = await request;
        if (response.status === 200) {
          await response.arrayBuffer();
          return '200';
        }
        return fieldError(response);
      }),
    );
    const receipts = answers.slice(0, 10);
    const bombs = answers.slice(10);
    for (const answer of receipts) expect(['200', '429 validation.serverBusy']).toContain(answer);
    for (const answer of bombs) {
      expect(['400 validation.archiveTooLarge?max=64', '429 validation.serverBusy']).toContain(answer);
    }
    expect(answers.filter((a) => a === '200').length).toBeGreaterThan(0);
    expect(child.exitCode).toBeNull();
  }, 300_000);

  it('is still up and answering afterwards, with its peak memory under the stated cap', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, database: 'writable' });
    const coordinator = await signInAs(url, 'coordinator@demo.test');
    const ordinary = await post(coordinator, importPreview, new TextEncoder().encode('code\nH-1\n'), 'people.csv');
    expect(ordinary.status).toBe(200);
    expect(await ordinary.text()).toContain('"ok":true');

    const peak = peakRssBytes(child.pid!);
    console.log(`server peak RSS ${Math.round(peak / 1024 / 1024)} MB (cap ${rssCapBytes / 1024 / 1024} MB)`);
    expect(peak).toBeLessThan(rssCapBytes);
    expect(output).not.toMatch(/heap out of memory|FATAL/i);
  }, 300_000);
});

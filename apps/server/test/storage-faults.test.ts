import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemo } from '@tessera/api';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { runPragma } from '@tessera/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app';
import { signInAs } from './helpers';

// The server's own file database, with its log captured: each fault is made for real on the
// server's connection (a size limit for a full disk, query_only for a read-only database, a
// deleted folder), and the answer, the log and the stored rows are checked.
let dir: string;
let file: string;
let opened: OpenedDatabase;
let app: FastifyInstance;
let url: string;
let cookie: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-faults-'));
  file = path.join(dir, 'faults.db');
  opened = openDatabase(file);
  await migrateToLatest(opened.db);
  await seedDemo(opened.db);
  app = await buildApp({
    db: opened.db,
    webRoot: null,
    sessionLifetimeMs: 3600_000,
    cookieSecure: false,
    trustProxy: false,
    secretKey: new Uint8Array(32).fill(7),
    logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => logs.push(line) } },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  cookie = await signInAs(url, 'admin@demo.test');
});

afterAll(async () => {
  await app.close();
  await opened.close();
  if (existsSync(dir)) chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

function createFunder(name: string) {
  return fetch(`${url}/trpc/funders.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tessera-request': '1', cookie },
    body: JSON.stringify({ name, kind: 'other', notes: 'n'.repeat(4000) }),
  });
}

async function stored(prefix: string): Promise<{ funders: number; audit: number }> {
  const funders = await opened.db.selectFrom('funder').select('id').where('name', 'like', `${prefix}%`).execute();
  const ids = funders.map((f) => f.id);
  const audit =
    ids.length === 0
      ? []
      : await opened.db.selectFrom('audit_event').select('id').where('entity_id', 'in', ids).execute();
  return { funders: ids.length, audit: audit.length };
}

interface ErrorBody {
  error: { message: string; data: { appCode: string; fieldErrors: unknown; stack?: string } };
}

function logsSince(mark: number): string {
  return logs.slice(mark).join('');
}

describe('storage faults get true messages', () => {
  it('a full disk: 503 and a plain message, the log names SQLITE_FULL and the file, nothing half-written, then it recovers', async () => {
    const pages = (await runPragma<{ page_count: number }>(opened.db, 'page_count'))[0]?.page_count;
    await setPragma(`max_page_count = ${pages}`);
    const mark = logs.length;
    let successes = 0;
    let refused: Response | undefined;
    for (let i = 0; i < 500 && !refused; i += 1) {
      const response = await createFunder(`Full ${i}`);
      if (response.status === 200) successes += 1;
      else refused = response;
    }
    expect(refused?.status).toBe(503);
    const text = await (refused as Response).text();
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.data.appCode).toBe('STORAGE_FULL');
    expect(body.error.message).toBe('The server cannot save right now: its disk is full. Nothing was saved.');
    expect(text).not.toMatch(/stack|SQLITE|sqlite|faults\.db|\bat /);
    // Each saved funder has its audit row; the refused one left neither.
    expect(await stored('Full ')).toEqual({ funders: successes, audit: successes });
    const log = logsSince(mark);
    expect(log).toContain('SQLITE_FULL');
    expect(log).toContain(file);
    expect(log).not.toContain('cannot rollback');
    expect(log).not.toContain('nnnnnnnn');

    // Space is back: the same server saves again, without a restart.
    await setPragma('max_page_count = 4294967294');
    expect((await createFunder('Full after')).status).toBe(200);
  });

  it('a read-only database: 503 with its own message, reads still answer, and writes resume once it is writable', async () => {
    // SQLite's own read-only state on the server's open connection (file modes changed after
    // opening would not stop the open descriptors, and root ignores them anyway).
    await setPragma('query_only = on');
    const mark = logs.length;
    const response = await createFunder('ReadOnly 1');
    const body = (await response.json()) as ErrorBody;
    await setPragma('query_only = off');
    expect(response.status).toBe(503);
    expect(body.error.data.appCode).toBe('STORAGE_READ_ONLY');
    expect(body.error.message).toBe('The server cannot save right now: its database is read-only. Nothing was saved.');
    expect(logsSince(mark)).toMatch(/SQLITE_READONLY/);
    expect(logsSince(mark)).toContain(file);
    expect(await stored('ReadOnly ')).toEqual({ funders: 0, audit: 0 });
    expect((await createFunder('ReadOnly 2')).status).toBe(200);
  });

  it('the database folder deleted under the server: writes are refused instead of vanishing into the deleted file', async () => {
    const mark = logs.length;
    rmSync(dir, { recursive: true, force: true });
    const response = await createFunder('Missing 1');
    const body = (await response.json()) as ErrorBody;
    expect(response.status).toBe(503);
    expect(body.error.data.appCode).toBe('STORAGE_MISSING');
    expect(body.error.message).toBe(
      'The server cannot save right now: its database file is missing. Nothing was saved.',
    );
    expect(logsSince(mark)).toContain(file);
    expect(logsSince(mark)).toContain('missing');
  });
});

async function setPragma(assignment: string): Promise<void> {
  await runPragma(opened.db, assignment);
}

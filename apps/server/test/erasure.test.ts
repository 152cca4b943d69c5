import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPassword, demoTotpSecrets } from '@tessera/api';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it, onTestFinished } from 'vitest';

/**
 * Erasure leaves nothing anywhere (DESIGN.md, "What the data is"; ADR 0008): the real server
 * process, killed with SIGKILL the moment the erasure has answered, leaves no erased value in the
 * database file, its -wal or -shm, or its log output; nor after a restart on the same files.
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  url: string;
}

/** Starts the real entry point and resolves once it says where it listens. */
function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(tsx, ['src/main.ts'], { cwd: serverDir, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/running at (http:\/\/\S+)/)?.[1];
      if (url && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: url.replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
    else child.on('exit', (code, signal) => resolve(signal ?? code));
  });
}

/** A minimal tRPC client over fetch: one session cookie, JSON, the app's request header. */
/**
 * Signs in as the demo admin: the password, then (the demo organisation requires a second factor
 * of its admin) the code from the demo secret, for the current step plus `stepOffset`.
 */
async function signInAsDemoAdmin(admin: ReturnType<typeof client>, stepOffset: number): Promise<void> {
  const signedIn = await admin.mutate<{ stage: string }>('auth.signIn', {
    email: 'admin@demo.test',
    password: demoPassword,
  });
  expect(signedIn.stage).toBe('second_factor');
  const totp = new TOTP({ secret: Secret.fromBase32(demoTotpSecrets['admin@demo.test'] ?? '') });
  await admin.mutate('auth.verifySecondFactor', {
    code: totp.generate({ timestamp: Date.now() + stepOffset * 30_000 }),
  });
}

function client(url: string) {
  let cookie = '';
  const call = async (method: 'GET' | 'POST', procedure: string, input: unknown) => {
    const target =
      method === 'GET'
        ? `${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`
        : `${url}/trpc/${procedure}`;
    const response = await fetch(target, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-tessera-request': '1',
        ...(cookie ? { cookie } : {}),
      },
      body: method === 'POST' ? JSON.stringify(input) : undefined,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(body.error)}`);
    return body.result?.data as never;
  };
  return {
    query: <T>(procedure: string, input?: unknown): Promise<T> => call('GET', procedure, input),
    mutate: <T>(procedure: string, input: unknown): Promise<T> => call('POST', procedure, input),
  };
}

// Distinctive values, one per field that can hold something about the person.
const canaries = {
  code: 'CNRYCODE-Q7X4-ZK9',
  city: 'Cnrycity Vuxqel',
  plainAttribute: 'Cnryplain attribute Wojzuk',
  sensitiveAttribute: 'Cnrysens attribute Yebtaf',
  contact: 'Cnrycontact +389 70 468 135',
  notes: 'Cnrynotes lives near the Qarvex bakery',
  overrideReason: 'Cnryreason finished at the Zumplo clinic',
  outcome: 'Cnryoutcome hired by Plovtex Laundry',
} as const;

/** Every canary found in these bytes, as UTF-8 and as UTF-16 (little and big endian). */
function canariesIn(bytes: Buffer): string[] {
  const found: string[] = [];
  for (const [field, value] of Object.entries(canaries)) {
    const utf16le = Buffer.from(value, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    if (bytes.includes(Buffer.from(value, 'utf8')) || bytes.includes(utf16le) || bytes.includes(utf16be)) {
      found.push(field);
    }
  }
  return found;
}

/** The raw bytes of every file in the data directory: the database, -wal, -shm (and the key). */
function dataDirectoryBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(path.join(dir, name))));
}

describe('erasure over the real server process', () => {
  it('leaves no erased value in the database files or logs, even after kill -9 right after it answered', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-erasure-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: path.join(dir, 'app.db'),
      SECRET_KEY_FILE: path.join(dir, 'secret.key'),
      PORT: '0',
      HOST: '127.0.0.1',
      // Request logs too: they must not carry any of it either.
      LOG_LEVEL: 'info',
    };

    const first = await start(env);
    onTestFinished(() => {
      first.child.kill('SIGKILL');
    });
    const admin = client(first.url);
    await signInAsDemoAdmin(admin, 0);

    // One attribute kept in clear, one sealed.
    const settings = await admin.query<{ attributes: unknown[] } & Record<string, unknown>>('participants.settings');
    const { locked: _locked, ...saved } = settings;
    await admin.mutate('participants.saveSettings', {
      ...saved,
      attributes: [
        ...settings.attributes,
        { key: 'canary_plain', label: 'Canary (plain)', sensitive: false },
        { key: 'canary_sealed', label: 'Canary (sealed)', sensitive: true },
      ],
    });
    const created = await admin.mutate<{ id: string; code: string }>('participants.create', {
      code: canaries.code,
      city: canaries.city,
      contact: canaries.contact,
      notes: canaries.notes,
      attributes: { canary_plain: canaries.plainAttribute, canary_sealed: canaries.sensitiveAttribute },
      consentDate: '2026-01-15',
      consentScope: ['participation'],
    });
    expect(created.code).toBe(canaries.code);

    // An enrolment with a completion override and its reason, and an outcome record.
    const activities = await admin.query<{ items: { id: string; attendanceMode: string }[] }>('activities.list', {});
    const activity = activities.items.find((a) => a.attendanceMode === 'register');
    expect(activity).toBeDefined();
    await admin.mutate('enrollments.enrol', { activityId: activity!.id, participantIds: [created.id] });
    const enrolments = await admin.query<{ items: { id: string; participantId: string; version: number }[] }>(
      'enrollments.list',
      { activityId: activity!.id, search: canaries.code, limit: 10 },
    );
    const enrolment = enrolments.items.find((e) => e.participantId === created.id);
    expect(enrolment).toBeDefined();
    await admin.mutate('enrollments.update', {
      id: enrolment!.id,
      version: enrolment!.version,
      status: 'enrolled',
      completionOverride: 'completed',
      overrideReason: canaries.overrideReason,
    });
    await admin.mutate('outcomes.create', {
      participantId: created.id,
      activityId: activity!.id,
      kind: 'employment',
      date: '2026-02-01',
      scoreBefore: null,
      scoreAfter: null,
      description: canaries.outcome,
    });
    const record = await admin.query<{ version: number; city: string }>('participants.get', { id: created.id });
    expect(record.city).toBe(canaries.city);

    // The scan can see what is stored in clear (so it would see a left-over copy), and nothing sealed.
    const before = canariesIn(dataDirectoryBytes(dir));
    expect(before).toEqual(expect.arrayContaining(['code', 'city', 'plainAttribute']));
    expect(before).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(contact|notes|sensitiveAttribute|overrideReason|outcome)$/)]),
    );

    await admin.mutate('participants.erase', { id: created.id, version: record.version });
    // The erasure has answered: the power goes now.
    first.child.kill('SIGKILL');
    expect(await exited(first.child)).toBe('SIGKILL');

    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['app.db', 'app.db-wal', 'app.db-shm']));
    expect(canariesIn(dataDirectoryBytes(dir))).toEqual([]);
    expect(canariesIn(Buffer.from(first.output()))).toEqual([]);

    // The next start recovers from the same files: still nothing, and the numbers stay.
    const second = await start(env);
    onTestFinished(() => {
      second.child.kill('SIGKILL');
    });
    expect(canariesIn(dataDirectoryBytes(dir))).toEqual([]);
    const again = client(second.url);
    // The next 30-second step: the server never takes a step's code twice.
    await signInAsDemoAdmin(again, 1);
    const erased = await again.query<{ erased: boolean; code: string; city: string | null; notes: string | null }>(
      'participants.get',
      { id: created.id },
    );
    expect(erased).toMatchObject({ erased: true, city: null, notes: null });
    expect(erased.code).toMatch(/^X-/);
    const outcomes = await again.query<{ description: string | null }[]>('outcomes.list', {
      participantId: created.id,
    });
    expect(outcomes).toEqual([expect.objectContaining({ description: null })]);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
    expect(canariesIn(dataDirectoryBytes(dir))).toEqual([]);
    expect(canariesIn(Buffer.from(second.output()))).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaller, createInnerContext, createUserWithMembership } from '@tessera/api';
import { insertGrant, migrateToLatest, openDatabase } from '@tessera/db';
import { createTestFunder, createTestOrganization } from '@tessera/db/testing';
import { catalogs } from '@tessera/reports';
import { unzipCsv } from '@tessera/reports/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Completion at exactly threshold × planned minutes, read back from an exported file (issue 19):
 * five participants attend exactly 480 of 600 planned minutes at an 80 % threshold and five
 * attend 479. The CSV that `cli report` writes counts 5 completions, no more and no fewer.
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'tessera-boundary-'));
const database = path.join(dir, 'boundary.db');
const reference = 'BND-GRANT-1';
// The fixture seals participants with this key; the CLI must be given the same one.
const secretKey = new Uint8Array(32).fill(9);

function cli(args: string[]) {
  const result = spawnSync(tsx, ['src/cli.ts', ...args], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: database,
      NODE_ENV: 'production',
      SECRET_KEY: Buffer.from(secretKey).toString('hex'),
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function buildFixture() {
  const opened = openDatabase(database);
  try {
    const { db } = opened;
    await migrateToLatest(db);
    const org = await createTestOrganization(db, { slug: 'boundary' });
    const funder = await createTestFunder(db, org.id);
    const grantId = await insertGrant(
      db,
      org.id,
      {
        funderId: funder.id,
        title: 'Boundary grant',
        reference,
        currency: 'EUR',
        amountMinor: 100_000,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        costShareMinor: null,
        restrictions: null,
        notes: null,
      },
      'active',
    );
    const password = 'a long enough secret';
    await createUserWithMembership(db, {
      email: 'coordinator@boundary.test',
      orgSlug: 'boundary',
      role: 'coordinator',
      password,
    });
    let sessionToken: string | null = null;
    await createCaller(
      createInnerContext({
        db,
        secretKey,
        setSessionCookie: (token) => {
          sessionToken = token;
        },
      }),
    ).auth.signIn({ email: 'coordinator@boundary.test', password });
    const c = createCaller(createInnerContext({ db, sessionToken, secretKey }));
    const project = await c.projects.create({
      title: 'Boundaries',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      grantIds: [grantId],
    });
    const activity = await c.activities.create({
      projectId: project.id,
      kind: 'training',
      title: 'Training on the line',
      reference: 'BND-1',
      city: 'Skopje',
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      plannedMinutes: 600,
      completionThreshold: 80,
    });
    const first = await c.sessions.create({ activityId: activity.id, date: '2026-03-02', minutes: 300 });
    const second = await c.sessions.create({ activityId: activity.id, date: '2026-03-04', minutes: 300 });
    const people: string[] = [];
    for (let i = 0; i < 10; i += 1) people.push((await c.participants.create({})).id);
    await c.enrollments.enrol({ activityId: activity.id, participantIds: people });
    await c.register.save({ sessionId: first.id, version: first.version, entries: [], markRest: 'present' });
    await c.register.save({
      sessionId: second.id,
      version: second.version,
      entries: people.map((participantId, i) => ({
        participantId,
        status: 'late' as const,
        minutes: i < 5 ? 180 : 179,
      })),
    });
  } finally {
    await opened.close();
  }
}

beforeAll(buildFixture);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('completions in an exported report pack', () => {
  it('counts exactly the participants who reached the threshold, in the activities and the reach totals', () => {
    const out = path.join(dir, 'pack.zip');
    const run = cli([
      'report',
      '--grant',
      reference,
      // The first quarter: a pack's period comes from the grant's lattice (ADR 0012).
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--format',
      'csv',
      '--locale',
      'en',
      '--out',
      out,
    ]);
    expect(run.code, run.err).toBe(0);
    const tables = unzipCsv(new Uint8Array(readFileSync(out)), ',');
    const table = (prefix: string) => Object.entries(tables).find(([name]) => name.startsWith(prefix))?.[1];
    const L = catalogs.en;

    const activities = table('activities');
    expect(activities).toBeDefined();
    const [header, ...rows] = activities!.rows;
    const row = rows.find((r) => r.includes('BND-1'));
    expect(row).toBeDefined();
    const column = (label: string) => row![header!.indexOf(label)];
    expect(column(L.activity.participants)).toBe('10');
    expect(column(L.activity.completions)).toBe('5');

    const reach = table('reach-totals');
    expect(reach).toBeDefined();
    expect(reach!.rows.find((r) => r[0] === L.reach.completions)?.[1]).toBe('5');
    expect(reach!.rows.find((r) => r[0] === L.reach.participants)?.[1]).toBe('10');
  });
});

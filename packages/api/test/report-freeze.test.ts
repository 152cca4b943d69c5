import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { createTestGrantWithMoney, createTestOrganization } from '@tessera/db/testing';
import { type Actor, type ReportPackContent, type Shown, shownText } from '@tessera/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedFile } from '../src/services/report-export.service';
import { callerFor, expectTrpcError } from './helpers';

/**
 * Issue 10 item 7: a submitted pack is frozen. Its content and the files exported at submission
 * are kept as sent (sealed: they hold the narrative), shown as sent after the data changes, and
 * downloadable again byte for byte; re-preparing the period makes a new version whose people
 * figures are checked against what was released.
 *
 * The fixture, on a SQLite file (so its bytes can be scanned): a grant for 2026, a training with
 * 20 participants present at its first session. The pack is the grant's whole span.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

const secretKey = new Uint8Array(32).fill(11);
const canary = 'Canary narrative Q7ZK: the trainers met every Thursday';
const text = (s: Shown | null | undefined) => (s ? shownText(s) : null);

let dir: string;
let file: string;
let opened: OpenedDatabase;
let orgId: string;
let admin: Caller;
let coordinator: Caller;
let grantId: string;
let activityId: string;
let sessionIds: string[];
const span = { from: '2026-01-01', to: '2026-12-31' };

async function addPresent(count: number, sessionIndex: number) {
  const people: string[] = [];
  for (let i = 0; i < count; i += 1) people.push((await coordinator.participants.create({})).id);
  await coordinator.enrollments.enrol({ activityId, participantIds: people });
  const register = await coordinator.register.get({ sessionId: sessionIds[sessionIndex]!, limit: 500 });
  await coordinator.register.save({
    sessionId: sessionIds[sessionIndex]!,
    version: register.version,
    entries: people.map((participantId) => ({ participantId, status: 'present' as const })),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-freeze-'));
  file = path.join(dir, 'freeze.sqlite');
  opened = openDatabase(file);
  await migrateToLatest(opened.db);
  orgId = (await createTestOrganization(opened.db)).id;
  const options = { secretKey, now: () => new Date('2026-11-21T10:00:00Z') };
  admin = (await callerFor(opened, orgId, 'admin', options)).caller;
  coordinator = (await callerFor(opened, orgId, 'coordinator', options)).caller;
  grantId = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
  const projectId = (
    await coordinator.projects.create({
      title: 'Freeze',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      grantIds: [grantId],
    })
  ).id;
  activityId = (
    await coordinator.activities.create({
      projectId,
      kind: 'training',
      title: 'Career counselling',
      reference: 'FZ-1',
      city: 'Skopje',
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      plannedMinutes: 600,
      completionThreshold: 80,
    })
  ).id;
  sessionIds = [];
  for (const date of ['2026-03-02', '2026-03-09', '2026-03-16']) {
    sessionIds.push((await coordinator.sessions.create({ activityId, date, minutes: 120 })).id);
  }
  await addPresent(20, 0);
}, 300_000);

afterAll(async () => {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a submitted pack', () => {
  let packId: string;
  let sent: ReportPackContent;

  beforeAll(async () => {
    const pack = await admin.reports.prepare({ grantId, ...span });
    const saved = await admin.reports.saveNarrative({
      id: pack.id,
      version: pack.version,
      sections: [{ key: 'summary', body: canary }],
    });
    const submitted = await admin.reports.submit({ id: pack.id, version: saved.version, submittedDate: '2026-11-20' });
    expect(submitted.status).toBe('submitted');
    expect(submitted.frozenAt).not.toBeNull();
    expect(submitted.narrative).toEqual([{ key: 'summary', body: canary }]);
    packId = pack.id;
    sent = await admin.reports.content({ id: packId });
  }, 300_000);

  it('is shown as sent after the data changes', async () => {
    expect(text(sent.reach.participants)).toBe('20');
    expect(sent.pack.frozenAt).not.toBeNull();
    expect(sent.pack.submittedDate).toBe('2026-11-20');
    await addPresent(1, 1);
    const again = await admin.reports.content({ id: packId });
    expect(again).toEqual(sent);
    expect(text(again.reach.participants)).toBe('20');
    const training = again.activities.find((a) => a.reference === 'FZ-1');
    expect(text(training?.participants)).toBe('20');
    // A reader in another language gets the same figures.
    const swedish = await admin.reports.content({ id: packId, locale: 'sv' });
    expect(swedish.reach).toEqual(sent.reach);
    expect(swedish.locale).toBe('sv');
  });

  it('refuses a narrative save', async () => {
    const pack = await admin.reports.get({ id: packId });
    await expectTrpcError(
      admin.reports.saveNarrative({ id: packId, version: pack.version, sections: [{ key: 'summary', body: 'New' }] }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect((await admin.reports.get({ id: packId })).narrative).toEqual([{ key: 'summary', body: canary }]);
  });

  it('keeps the PDF and XLSX it was sent with, downloadable again byte for byte', async () => {
    const files = await admin.reports.files({ id: packId });
    expect(files.map((f) => [f.format, f.locale])).toEqual([
      ['pdf', 'en'],
      ['xlsx', 'en'],
    ]);
    const actor: Actor = { userId: null, orgId, role: 'viewer' };
    for (const listed of files) {
      const first = await submittedFile(opened.db, actor, { secretKey }, { packId, fileId: listed.id });
      const second = await submittedFile(opened.db, actor, { secretKey }, { packId, fileId: listed.id });
      const sha = createHash('sha256').update(first.bytes).digest('hex');
      expect(sha).toBe(listed.sha256);
      expect(createHash('sha256').update(second.bytes).digest('hex')).toBe(sha);
      expect(first.bytes.byteLength).toBe(listed.size);
      expect(first.fileName).toBe(listed.fileName);
      const magic = Buffer.from(first.bytes.subarray(0, 4)).toString('latin1');
      expect(magic).toBe(listed.format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });

  it('opens nothing with another key, and finds no file of another organisation', async () => {
    const files = await admin.reports.files({ id: packId });
    const other: Actor = { userId: null, orgId: (await createTestOrganization(opened.db)).id, role: 'admin' };
    await expect(submittedFile(opened.db, other, { secretKey }, { packId, fileId: files[0]!.id })).rejects.toThrow(
      /No such file/,
    );
    const actor: Actor = { userId: null, orgId, role: 'admin' };
    await expect(
      submittedFile(opened.db, actor, { secretKey: new Uint8Array(32).fill(12) }, { packId, fileId: files[0]!.id }),
    ).rejects.toThrow(/secret key/);
  });

  it('keeps the narrative out of the database file in clear', async () => {
    // Every page in the main file (no write-ahead log left), then the bytes scanned.
    await opened.close();
    const bytes = readFileSync(file);
    // The scan finds what is stored in clear (the activity's title)…
    expect(bytes.includes(Buffer.from('Career counselling'))).toBe(true);
    // …and not the narrative, which is only in the sealed snapshot and files.
    expect(bytes.includes(Buffer.from('Canary narrative Q7ZK'))).toBe(false);
    expect(bytes.includes(Buffer.from('Thursday'))).toBe(false);
    opened = openDatabase(file);
    const options = { secretKey, now: () => new Date('2026-11-21T10:00:00Z') };
    admin = (await callerFor(opened, orgId, 'admin', options)).caller;
    coordinator = (await callerFor(opened, orgId, 'coordinator', options)).caller;
    expect((await admin.reports.get({ id: packId })).narrative).toEqual([{ key: 'summary', body: canary }]);
  });

  describe('prepared again', () => {
    it('is a new version that replaces it, with a people figure that moved by less than k hidden', async () => {
      const v2 = await admin.reports.prepare({ grantId, ...span });
      expect(v2.id).not.toBe(packId);
      expect(v2.edition).toBe(2);
      expect(v2.status).toBe('draft');
      expect(v2.replaces).toEqual({ id: packId, submittedDate: '2026-11-20' });
      // It starts from the narrative as it was sent.
      expect(v2.narrative.filter((s) => s.body !== '')).toEqual([{ key: 'summary', body: canary }]);
      // Preparing it again opens the same draft.
      expect((await admin.reports.prepare({ grantId, ...span })).id).toBe(v2.id);
      const listed = await admin.reports.list({ grantId });
      expect(listed.map((p) => p.edition)).toEqual([2, 1]);
      // 21 people now against 20 sent: the pair would give one person away.
      const content = await admin.reports.content({ id: v2.id });
      expect(content.reach.participants.suppressed).toBe(true);
      expect(content.reach.participantHours.suppressed).toBe(true);
      const training = content.activities.find((a) => a.reference === 'FZ-1');
      expect(training?.participants.suppressed).toBe(true);
      // Figures that did not move are shown as sent.
      expect(content.reach.completions).toEqual(sent.reach.completions);
      // The one sent is untouched.
      expect(await admin.reports.content({ id: packId })).toEqual(sent);
    });

    it('shows a figure that moved by k or more', async () => {
      await addPresent(5, 2);
      const v2 = await admin.reports.prepare({ grantId, ...span });
      const content = await admin.reports.content({ id: v2.id });
      expect(text(content.reach.participants)).toBe('26');
    });

    it('is checked against every version released, once it is submitted in turn', async () => {
      const v2 = await admin.reports.prepare({ grantId, ...span });
      await admin.reports.submit({ id: v2.id, version: v2.version, submittedDate: '2026-11-21' });
      await addPresent(1, 2);
      const v3 = await admin.reports.prepare({ grantId, ...span });
      expect(v3.edition).toBe(3);
      expect(v3.replaces).toEqual({ id: v2.id, submittedDate: '2026-11-21' });
      const content = await admin.reports.content({ id: v3.id });
      // 27 against 26 (version 2) and 20 (version 1).
      expect(content.reach.participants.suppressed).toBe(true);
    }, 300_000);
  });
});

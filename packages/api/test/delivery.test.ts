import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrollmentCompleted } from '@tessera/domain';
import { findParticipant, listAuditEvents, migrateToLatest, type OpenedDatabase, openDatabase } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callerFor,
  callerForUser,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  fieldErrorsOf,
  issuesOf,
  plain,
} from './helpers';

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let orgId: string;
let coordinator: Caller;
let finance: Caller;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  coordinator = (await callerFor(opened, orgId, 'coordinator')).caller;
  finance = (await callerFor(opened, orgId, 'finance')).caller;
});

async function newTraining(caller: Caller, overrides: Record<string, unknown> = {}) {
  const project = await caller.projects.create({ title: 'Careers', startDate: '2026-01-01', endDate: '2026-12-31' });
  return caller.activities.create({
    projectId: project.id,
    kind: 'training',
    title: 'Career counselling',
    city: 'Skopje',
    startDate: '2026-03-02',
    endDate: '2026-04-30',
    plannedMinutes: 4800,
    completionThreshold: 80,
    ...overrides,
  });
}

describe('activities and sessions', () => {
  it('generates "8 weeks, Mon and Wed, 5 hours" as 16 sessions of 80 hours, each editable', async () => {
    const activity = await newTraining(coordinator);
    const result = await coordinator.sessions.generate({
      activityId: activity.id,
      startDate: '2026-03-02',
      weeks: 8,
      days: ['mon', 'wed'],
      minutesPerSession: 300,
      module: 'Career skills',
    });
    expect(result).toEqual({ created: 16, minutes: 4800 });
    const sessions = await coordinator.sessions.list({ activityId: activity.id });
    expect(sessions.total).toBe(16);
    expect(sessions.items[0]).toMatchObject({ date: '2026-03-02', minutes: 300, module: 'Career skills', held: false });
    expect(sessions.items[15]?.date).toBe('2026-04-22');
    const first = sessions.items[0]!;
    const edited = await coordinator.sessions.update({
      id: first.id,
      version: first.version,
      date: '2026-03-03',
      minutes: 240,
    });
    expect(edited).toMatchObject({ date: '2026-03-03', minutes: 240, version: 2 });
  });

  it('refuses sessions outside the activity dates, naming the field', async () => {
    const activity = await newTraining(coordinator);
    const single = await expectTrpcError(
      coordinator.sessions.create({ activityId: activity.id, date: '2026-05-01', minutes: 60 }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(single)).toEqual({ date: ['validation.outsideActivityPeriod'] });
    const generated = await expectTrpcError(
      coordinator.sessions.generate({
        activityId: activity.id,
        startDate: '2026-03-02',
        weeks: 10,
        days: ['mon'],
        minutesPerSession: 60,
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(generated)).toEqual({ weeks: ['validation.outsideActivityPeriod?count=1'] });
    expect((await coordinator.sessions.list({ activityId: activity.id })).total).toBe(0);
  });

  it('keeps a session start time, lists by it, audits it and refuses an impossible time', async () => {
    const activity = await newTraining(coordinator);
    const late = await coordinator.sessions.create({
      activityId: activity.id,
      date: '2026-04-20',
      startTime: '18:30',
      minutes: 90,
    });
    const early = await coordinator.sessions.create({
      activityId: activity.id,
      date: '2026-04-20',
      startTime: '09:00',
      minutes: 60,
    });
    const unknown = await coordinator.sessions.create({ activityId: activity.id, date: '2026-04-20', minutes: 60 });
    expect(late.startTime).toBe('18:30');
    expect(unknown.startTime).toBeNull();
    const listed = await coordinator.sessions.list({ activityId: activity.id });
    expect(listed.items.map((s) => s.id)).toEqual([early.id, late.id, unknown.id]);
    const bad = await expectTrpcError(
      coordinator.sessions.create({ activityId: activity.id, date: '2026-04-20', startTime: '24:10', minutes: 60 }),
      'BAD_REQUEST',
    );
    expect(issuesOf(bad)).toEqual([['startTime', 'validation.invalidTime']]);
    const moved = await coordinator.sessions.update({
      id: late.id,
      version: late.version,
      date: late.date,
      startTime: '19:00',
      minutes: 90,
    });
    expect(moved.startTime).toBe('19:00');
    const audit = await listAuditEvents(opened.db, orgId, { entity: 'activity_session', entityId: late.id, limit: 5 });
    expect(audit[0]?.fields).toEqual(['startTime']);
  });

  it('refuses an activity edit that would strand its sessions, and a duplicate reference', async () => {
    const activity = await newTraining(coordinator, { reference: 'CT-2026' });
    await coordinator.sessions.create({ activityId: activity.id, date: '2026-04-20', minutes: 60 });
    const { id, version, projectTitle: _p, ...fields } = activity;
    const error = await expectTrpcError(
      coordinator.activities.update({ ...fields, id, version, endDate: '2026-03-31' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)?.endDate).toEqual(['validation.outsideActivityPeriod?count=1']);
    const duplicate = await expectTrpcError(newTraining(coordinator, { reference: 'CT-2026' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(duplicate)).toEqual({ reference: ['validation.duplicate'] });
  });

  it('records a head count split by gender and age band, refusing groups larger than the total', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    const tooMany = await expectTrpcError(
      coordinator.sessions.recordHeadCount({
        sessionId: p.headcountSessionId,
        version: 1,
        total: 10,
        cells: [{ gender: 'woman', ageBand: '25-34', count: 11 }],
      }),
      'BAD_REQUEST',
    );
    expect(issuesOf(tooMany)).toEqual([['total', 'validation.headCountSplit']]);
    await coordinator.sessions.recordHeadCount({
      sessionId: p.headcountSessionId,
      version: 1,
      total: 45,
      cells: [
        { gender: 'trans-woman', ageBand: '25-34', count: 12 },
        { gender: 'woman', ageBand: '18-24', count: 20 },
      ],
    });
    // Every cell is 5 or more: finance sees them all.
    const { cells, session, total } = plain(await finance.sessions.headCount({ id: p.headcountSessionId }));
    expect(session.held).toBe(true);
    expect(total).toBe(45);
    expect(cells.reduce((s, c) => s + Number(c.count), 0)).toBe(45);
    expect(cells).toContainEqual({ gender: 'undisclosed', ageBand: 'undisclosed', count: 13 });
    expect(plain((await finance.activities.get({ id: p.headcountActivityId })).totals.headCount)).toBe(45);
    // A register activity takes no head count.
    const wrong = await expectTrpcError(
      coordinator.sessions.recordHeadCount({ sessionId: p.sessionIds[0], version: 1, total: 3 }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(wrong)).toEqual({ total: ['validation.wrongAttendanceMode'] });
  });

  it('protects what reports rely on: attendance mode, outputs, a head count of nobody, drop-out dates', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    await coordinator.register.save({ sessionId: p.sessionIds[0], version: 1, entries: [], markRest: 'present' });
    const activity = await coordinator.activities.get({ id: p.activityId });
    const { id, version, projectTitle: _p, totals: _t, ...fields } = activity;
    const switched = await expectTrpcError(
      coordinator.activities.update({ ...fields, id, version, attendanceMode: 'headcount' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(switched)).toEqual({ attendanceMode: ['validation.wrongAttendanceMode'] });
    // The head-count activity has no data but an output: it cannot be deleted either.
    await coordinator.outputs.create({
      activityId: p.headcountActivityId,
      kind: 'card',
      title: 'Cards',
      quantity: 100,
      date: '2026-04-01',
    });
    await expectTrpcError(coordinator.activities.delete({ id: p.headcountActivityId, version: 1 }), 'CONFLICT');
    // Nobody came: a count of 0 is recorded, and the session is held.
    const empty = await coordinator.sessions.recordHeadCount({ sessionId: p.headcountSessionId, version: 1, total: 0 });
    expect(plain(empty)).toMatchObject({ headCount: 0, held: true });
    const [enrolment] = (await coordinator.enrollments.list({ activityId: p.activityId })).items;
    const early = await expectTrpcError(
      coordinator.enrollments.update({
        id: enrolment!.id,
        version: enrolment!.version,
        status: 'dropped',
        droppedOn: '2026-02-01',
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(early)).toEqual({ droppedOn: ['validation.endBeforeStart'] });
  });

  it('keeps outputs with kind, quantity, date and link', async () => {
    const activity = await newTraining(coordinator);
    await coordinator.outputs.create({
      activityId: activity.id,
      kind: 'card',
      title: 'Know your rights',
      quantity: 500,
      date: '2026-03-10',
    });
    const bad = await expectTrpcError(
      coordinator.outputs.create({
        activityId: activity.id,
        kind: 'video',
        title: 'Clip',
        quantity: -1,
        date: '2026-03-10',
        link: 'javascript:alert(1)',
      }),
      'BAD_REQUEST',
    );
    expect(issuesOf(bad).map(([path]) => path)).toEqual(['quantity', 'link']);
    expect(await finance.outputs.list({ activityId: activity.id })).toMatchObject([
      { kind: 'card', quantity: 500, title: 'Know your rights' },
    ]);
  });

  it('links projects to partners with a role and to grants, refusing foreign ones', async () => {
    const partner = await coordinator.partners.create({ name: 'Career counsellors association' });
    const project = await coordinator.projects.create({
      title: 'Careers',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      partners: [{ partnerId: partner.id, role: 'Co-trainer' }],
    });
    expect(project.partners).toEqual([
      { partnerId: partner.id, partnerName: 'Career counsellors association', role: 'Co-trainer' },
    ]);
    const error = await expectTrpcError(
      coordinator.projects.update({
        id: project.id,
        version: project.version,
        title: 'Careers',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        grantIds: ['no-such-grant'],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual({ 'grantIds.0': ['validation.invalidChoice'] });
    await expectTrpcError(coordinator.partners.delete({ id: partner.id, version: 1 }), 'CONFLICT');
  });
});

describe('participants', () => {
  it('makes sequential codes with the prefix and refuses a duplicate typed code', async () => {
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    const settings = await admin.participants.settings();
    await admin.participants.saveSettings({
      codeScheme: 'sequential',
      codePrefix: 'zr',
      uicQuestions: [],
      attributes: [{ key: 'works_on_street', label: 'Works on the street', sensitive: true }],
      suppressionThreshold: 5,
      version: settings.version,
    });
    const first = await coordinator.participants.create({});
    const typed = await coordinator.participants.create({ code: 'ZR-0007' });
    const next = await coordinator.participants.create({ gender: 'trans-woman' });
    expect([first.code, typed.code, next.code]).toEqual(['ZR-0001', 'ZR-0007', 'ZR-0008']);
    const duplicate = await expectTrpcError(coordinator.participants.create({ code: 'zr-0007' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(duplicate)).toEqual({ code: ['validation.duplicate'] });
    const unknown = await expectTrpcError(
      coordinator.participants.create({ attributes: { shoe_size: '40' } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(unknown)).toEqual({ 'attributes.shoe_size': ['validation.unknownAttribute'] });
    // Now that participants exist, the scheme is locked.
    const locked = await admin.participants.settings();
    expect(locked.locked).toBe(true);
    const refused = await expectTrpcError(
      admin.participants.saveSettings({
        codeScheme: 'uic',
        codePrefix: 'ZR',
        uicQuestions: ['a', 'b'],
        attributes: [],
        suppressionThreshold: 5,
        version: locked.version,
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(refused)).toEqual({ codeScheme: ['validation.schemeLocked'] });
  });

  it('turns door answers into a keyed code: the same answers (Cyrillic or Latin) find the same person', async () => {
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    const settings = await admin.participants.settings();
    const questions = ["First two letters of mother's name", 'Year of birth'];
    await admin.participants.saveSettings({
      codeScheme: 'uic',
      codePrefix: 'P',
      uicQuestions: questions,
      attributes: [],
      suppressionThreshold: 5,
      version: settings.version,
    });
    const created = await coordinator.participants.create({
      uicAnswers: { [questions[0]!]: 'Ма', [questions[1]!]: '1990' },
    });
    expect(created.code).toMatch(/^U-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const found = await coordinator.participants.findByAnswers({
      uicAnswers: { [questions[0]!]: ' ma ', [questions[1]!]: '1990' },
    });
    expect(found).toEqual({ id: created.id, code: created.code });
    expect(
      await coordinator.participants.findByAnswers({ uicAnswers: { [questions[0]!]: 'MA', [questions[1]!]: '1991' } }),
    ).toBeNull();
    const again = await expectTrpcError(
      coordinator.participants.create({ uicAnswers: { [questions[0]!]: 'MA', [questions[1]!]: '1990' } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(again)).toEqual({ uicAnswers: ['validation.duplicate'] });
    const missing = await expectTrpcError(
      coordinator.participants.create({ uicAnswers: { [questions[0]!]: 'MA' } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(missing)).toEqual({ uicAnswers: ['validation.uicAnswers'] });

    // Another organisation (or another server secret) gets another code from the same answers.
    const otherOrg = await createTestOrganization(opened.db);
    const otherAdmin = (await callerFor(opened, otherOrg.id, 'admin')).caller;
    const otherSettings = await otherAdmin.participants.settings();
    await otherAdmin.participants.saveSettings({ ...otherSettings, codeScheme: 'uic', uicQuestions: questions });
    const elsewhere = await (await callerFor(opened, otherOrg.id, 'coordinator')).caller.participants.create({
      uicAnswers: { [questions[0]!]: 'MA', [questions[1]!]: '1990' },
    });
    expect(elsewhere.code).not.toBe(created.code);
  });

  it('audits reading a record, with field names only', async () => {
    const created = await coordinator.participants.create({ contact: 'Signal +389 70 111 222', notes: 'Night shift' });
    const record = await coordinator.participants.get({ id: created.id });
    expect(record).toMatchObject({ contact: 'Signal +389 70 111 222', notes: 'Night shift' });
    const events = await listAuditEvents(opened.db, orgId, { entity: 'participant', entityId: created.id, limit: 10 });
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'read']);
    expect(events.find((e) => e.action === 'read')?.fields).toEqual(['contact', 'notes']);
    expect(JSON.stringify(events)).not.toMatch(/Signal|Night shift|111 222/);
  });

  it('keeps contact details and notes out of the raw SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-raw-'));
    try {
      const file = openDatabase(join(dir, 'raw.db'));
      await migrateToLatest(file.db);
      const org = await createTestOrganization(file.db);
      const fileCoordinator = (await callerFor(file, org.id, 'coordinator')).caller;
      const admin = (await callerFor(file, org.id, 'admin')).caller;
      const settings = await admin.participants.settings();
      await admin.participants.saveSettings({
        ...settings,
        attributes: [{ key: 'migrant_status', label: 'Migrant status', sensitive: true }],
      });
      const created = await fileCoordinator.participants.create({
        contact: 'ContactMarker +389 70 999 888',
        notes: 'NoteMarker lives with her sister',
        attributes: { migrant_status: 'SensitiveMarker undocumented' },
      });
      await fileCoordinator.participants.update({
        id: created.id,
        version: 1,
        contact: 'ContactMarker2 moved',
        notes: 'NoteMarker2 new job',
        attributes: { migrant_status: 'SensitiveMarker2' },
      });
      expect(await fileCoordinator.participants.get({ id: created.id })).toMatchObject({
        contact: 'ContactMarker2 moved',
        attributes: { migrant_status: 'SensitiveMarker2' },
      });
      const programme = await createTestProgramme(file.db, org.id);
      const [enrolment] = (await fileCoordinator.enrollments.list({ activityId: programme.activityId })).items;
      await fileCoordinator.enrollments.update({
        id: enrolment!.id,
        version: enrolment!.version,
        status: 'enrolled',
        completionOverride: 'completed',
        overrideReason: 'ReasonMarker found work at the bakery',
      });
      const [reopened] = (await fileCoordinator.enrollments.list({ activityId: programme.activityId })).items;
      expect(reopened?.overrideReason).toBe('ReasonMarker found work at the bakery');
      await file.close();
      let bytes = '';
      for (const name of readdirSync(dir)) bytes += readFileSync(join(dir, name)).toString('latin1');
      expect(bytes).toContain(created.code);
      for (const marker of [
        'ContactMarker',
        'NoteMarker',
        'SensitiveMarker',
        '999 888',
        'undocumented',
        'sister',
        'ReasonMarker',
        'bakery',
      ]) {
        expect(bytes, marker).not.toContain(marker);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seals the values already stored when an attribute is marked sensitive later', async () => {
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    const settings = await admin.participants.settings();
    const attribute = { key: 'migrant_status', label: 'Migrant status', sensitive: false };
    await admin.participants.saveSettings({ ...settings, attributes: [attribute] });
    const created = await coordinator.participants.create({
      contact: 'kept',
      attributes: { migrant_status: 'PlainMarker undocumented' },
    });
    const unlocked = await admin.participants.settings();
    await admin.participants.saveSettings({ ...unlocked, attributes: [{ ...attribute, sensitive: true }] });
    const stored = await findParticipant(opened.db, orgId, created.id);
    expect(stored?.attributes).toEqual({});
    expect(JSON.stringify(stored)).not.toContain('PlainMarker');
    expect(stored?.sensitiveEnc).toMatch(/^v1\./);
    expect(await coordinator.participants.get({ id: created.id })).toMatchObject({
      contact: 'kept',
      attributes: { migrant_status: 'PlainMarker undocumented' },
    });
  });

  it('cannot open a ciphertext under another key', async () => {
    const created = await coordinator.participants.create({ contact: 'secret' });
    const { user } = await callerFor(opened, orgId, 'coordinator');
    const wrongKey = await callerForUser(opened, user.id, orgId, { secretKey: new Uint8Array(32).fill(7) });
    await expectTrpcError(wrongKey.participants.get({ id: created.id }), 'INTERNAL_SERVER_ERROR');
    expect(await coordinator.participants.get({ id: created.id })).toMatchObject({ contact: 'secret' });
  });

  it('shows finance and viewers counts only, never a participant', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    await coordinator.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [{ participantId: p.participantIds[0], status: 'present' }],
    });
    const viewer = (await callerFor(opened, orgId, 'viewer')).caller;
    for (const caller of [finance, viewer]) {
      const seen = JSON.stringify([
        await caller.activities.get({ id: p.activityId }),
        await caller.activities.list({}),
        await caller.sessions.list({ activityId: p.activityId }),
        await caller.sessions.get({ id: p.sessionIds[0] }),
      ]);
      for (const code of p.participantCodes) expect(seen).not.toContain(code);
      for (const id of p.participantIds) expect(seen).not.toContain(id);
      await expectTrpcError(caller.participants.list({}), 'FORBIDDEN');
      await expectTrpcError(caller.enrollments.list({ activityId: p.activityId }), 'FORBIDDEN');
      await expectTrpcError(caller.register.get({ sessionId: p.sessionIds[0] }), 'FORBIDDEN');
    }
    // One person came: finance and viewers see "x", and not the hours of that one person either.
    for (const caller of [finance, viewer]) {
      expect(plain((await caller.activities.get({ id: p.activityId })).totals)).toMatchObject({
        uniqueParticipants: 'x',
        participantMinutes: 'x',
        sessionsHeld: 1,
      });
    }
    expect(plain((await coordinator.activities.get({ id: p.activityId })).totals)).toMatchObject({
      uniqueParticipants: 1,
      participantMinutes: 300,
      sessionsHeld: 1,
    });
  });
});

describe('the register, hours and completion', () => {
  it('saves a register once, with late minutes, and refuses bad entries whole', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    const [a, b] = p.participantIds;
    const register = await coordinator.register.get({ sessionId: p.sessionIds[0] });
    expect(register).toMatchObject({ total: 2, minutes: 300, version: 1, marked: { present: 0, late: 0, absent: 0 } });
    expect(register.entries.map((e) => e.status)).toEqual([null, null]);

    const over = await expectTrpcError(
      coordinator.register.save({
        sessionId: p.sessionIds[0],
        version: 1,
        entries: [
          { participantId: a, status: 'present' },
          { participantId: b, status: 'late', minutes: 301 },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(over)).toEqual({ 'entries.1.minutes': ['validation.lateMinutes?minutes=300'] });
    const negative = await expectTrpcError(
      coordinator.register.save({
        sessionId: p.sessionIds[0],
        version: 1,
        entries: [{ participantId: b, status: 'late', minutes: -5 }],
      }),
      'BAD_REQUEST',
    );
    expect(issuesOf(negative)).toEqual([['entries.0.minutes', 'validation.negative']]);
    const stranger = await coordinator.participants.create({});
    const notEnrolled = await expectTrpcError(
      coordinator.register.save({
        sessionId: p.sessionIds[0],
        version: 1,
        entries: [{ participantId: stranger.id, status: 'present' }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(notEnrolled)).toEqual({ 'entries.0.participantId': ['validation.notEnrolled'] });
    expect((await coordinator.register.get({ sessionId: p.sessionIds[0] })).marked).toEqual({
      present: 0,
      late: 0,
      absent: 0,
    });

    const saved = await coordinator.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [
        { participantId: a, status: 'present' },
        { participantId: b, status: 'late', minutes: 240 },
      ],
    });
    expect(saved).toEqual({ version: 2, marked: { present: 1, late: 1, absent: 0 } });
    // A second device that opened the register before this save is refused, not merged.
    await expectTrpcError(
      coordinator.register.save({
        sessionId: p.sessionIds[0],
        version: 1,
        entries: [{ participantId: a, status: 'absent' }],
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    const enrolments = await coordinator.enrollments.list({ activityId: p.activityId });
    expect(enrolments.items.map((e) => [e.attendedMinutes, e.sessionsAttended, e.completed])).toEqual([
      [300, 1, false],
      [240, 1, false],
    ]);
    // A session cannot be shortened below what someone attended.
    const shorten = await expectTrpcError(
      coordinator.sessions.update({ id: p.sessionIds[0], version: 2, date: '2026-03-02', minutes: 200 }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(shorten)).toEqual({ minutes: ['validation.minutesOverSession?minutes=300'] });
  });

  it('completes by the threshold or by a coordinator override with a reason', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    const [a, b] = p.participantIds;
    await coordinator.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [{ participantId: a, status: 'present' }],
      markRest: 'absent',
    });
    await coordinator.register.save({
      sessionId: p.sessionIds[1],
      version: 1,
      entries: [{ participantId: a, status: 'late', minutes: 180 }],
      markRest: 'present',
    });
    // a: 480 of 600 = 80% → completed; b: 300 of 600 → not.
    expect(plain((await coordinator.activities.get({ id: p.activityId })).totals)).toMatchObject({
      sessionsHeld: 2,
      minutesHeld: 600,
      uniqueParticipants: 2,
      participantMinutes: 780,
      completions: 1,
      enrolled: 2,
    });
    // Finance sees the sessions and hours delivered; two people are fewer than five.
    expect(plain((await finance.activities.get({ id: p.activityId })).totals)).toMatchObject({
      sessionsHeld: 2,
      minutesHeld: 600,
      uniqueParticipants: 'x',
      participantMinutes: 'x',
      completions: 'x',
      enrolled: 'x',
    });
    const list = await coordinator.enrollments.list({ activityId: p.activityId });
    const enrolmentB = list.items.find((e) => e.participantId === b)!;
    const noReason = await expectTrpcError(
      coordinator.enrollments.update({
        id: enrolmentB.id,
        version: enrolmentB.version,
        status: 'enrolled',
        completionOverride: 'completed',
      }),
      'BAD_REQUEST',
    );
    expect(issuesOf(noReason)).toEqual([['overrideReason', 'validation.required']]);
    await coordinator.enrollments.update({
      id: enrolmentB.id,
      version: enrolmentB.version,
      status: 'enrolled',
      completionOverride: 'completed',
      overrideReason: 'Made up the hours in the evening group',
    });
    expect(plain((await coordinator.activities.get({ id: p.activityId })).totals.completions)).toBe(2);
    expect(plain((await finance.activities.get({ id: p.activityId })).totals.completions)).toBe('x');
    const participantB = await coordinator.participants.get({ id: b });
    expect(participantB.enrollments).toMatchObject([{ attendedMinutes: 300, plannedMinutes: 600, completed: true }]);
  });

  it('counts completions in SQL exactly as the domain rule does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            first: fc.integer({ min: 0, max: 300 }),
            second: fc.integer({ min: 0, max: 300 }),
            dropped: fc.boolean(),
            override: fc.constantFrom(null, 'completed' as const, 'not-completed' as const),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 100 }),
        async (people, threshold) => {
          const db = await createTestDatabase();
          const org = await createTestOrganization(db.db);
          const c = (await callerFor(db, org.id, 'coordinator')).caller;
          const p = await createTestProgramme(db.db, org.id);
          const activity = await c.activities.get({ id: p.activityId });
          const { id, version, projectTitle: _t, totals: _totals, ...fields } = activity;
          await c.activities.update({ ...fields, id, version, completionThreshold: threshold });
          const created: { id: string }[] = [];
          for (const _ of people) created.push(await c.participants.create({}));
          await c.enrollments.enrol({ activityId: p.activityId, participantIds: created.map((x) => x.id) });
          for (const [index, sessionId] of p.sessionIds.entries()) {
            await c.register.save({
              sessionId,
              version: 1,
              entries: people.map((person, i) => {
                const minutes = index === 0 ? person.first : person.second;
                // Late is fewer minutes than the whole session; all of it is present.
                const status = minutes === 0 ? 'absent' : minutes >= 300 ? 'present' : 'late';
                return { participantId: created[i]!.id, status, minutes };
              }),
            });
          }
          const list = await c.enrollments.list({ activityId: p.activityId, limit: 50 });
          for (const [i, person] of people.entries()) {
            const row = list.items.find((e) => e.participantId === created[i]!.id)!;
            await c.enrollments.update({
              id: row.id,
              version: row.version,
              status: person.dropped ? 'dropped' : 'enrolled',
              completionOverride: person.override,
              overrideReason: person.override ? 'reason' : null,
            });
          }
          const expected = people.filter((person) =>
            enrollmentCompleted({
              status: person.dropped ? 'dropped' : 'enrolled',
              completionOverride: person.override,
              attendedMinutes: person.first + person.second,
              plannedMinutes: 600,
              completionThreshold: threshold,
            }),
          ).length;
          const totals = plain((await c.activities.get({ id: p.activityId })).totals);
          expect(totals.completions).toBe(expected);
          expect(totals.participantMinutes).toBe(people.reduce((s, x) => s + x.first + x.second, 0));
          db.close();
        },
      ),
      { numRuns: 15 },
    );
  });

  it('pages a 250-person register and marks everyone else present without sending them', async () => {
    const activity = await newTraining(coordinator);
    const session = await coordinator.sessions.create({ activityId: activity.id, date: '2026-03-02', minutes: 120 });
    const ids: string[] = [];
    for (let i = 0; i < 250; i += 1) ids.push((await coordinator.participants.create({})).id);
    await coordinator.enrollments.enrol({ activityId: activity.id, participantIds: ids });
    const page = await coordinator.register.get({ sessionId: session.id, limit: 100, offset: 200 });
    expect(page.total).toBe(250);
    expect(page.entries).toHaveLength(50);
    const searched = await coordinator.register.get({ sessionId: session.id, search: 'P-000', limit: 100 });
    expect(searched.total).toBe(9);
    const saved = await coordinator.register.save({
      sessionId: session.id,
      version: session.version,
      entries: [{ participantId: ids[0]!, status: 'absent' }],
      markRest: 'present',
    });
    expect(saved.marked).toEqual({ present: 249, late: 0, absent: 1 });
    expect(plain((await coordinator.activities.get({ id: activity.id })).totals)).toMatchObject({
      uniqueParticipants: 249,
      participantMinutes: 249 * 120,
    });
    // Finance sees the 250 enrolled, but not 249 attending beside them: that would say one
    // enrolled person never came (ADR 0012).
    const seen = (await finance.activities.get({ id: activity.id })).totals;
    expect(seen.enrolled).toEqual({ suppressed: false, value: 250 });
    expect(seen.uniqueParticipants.suppressed).toBe(true);
    expect(seen.participantMinutes.suppressed).toBe(true);
  });

  it('erases a participant while the hours already counted stay true', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    await coordinator.register.save({ sessionId: p.sessionIds[0], version: 1, entries: [], markRest: 'present' });
    // Exact figures (a coordinator's): finance's "x" would stay the same whatever happened.
    const before = (await coordinator.activities.get({ id: p.activityId })).totals;
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    await expectTrpcError(coordinator.participants.erase({ id: p.participantIds[0], version: 1 }), 'FORBIDDEN');
    await admin.participants.erase({ id: p.participantIds[0], version: 1 });
    const erased = await admin.participants.get({ id: p.participantIds[0] });
    expect(erased).toMatchObject({ erased: true, gender: 'undisclosed', city: null, contact: null, consentDate: null });
    expect(erased.code).not.toBe(p.participantCodes[0]);
    expect((await coordinator.activities.get({ id: p.activityId })).totals).toEqual(before);
  });

  it('erases the free-text reason of a completion override, keeping the completion', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    const [enrolment] = (await coordinator.enrollments.list({ activityId: p.activityId })).items.filter(
      (e) => e.participantId === p.participantIds[0],
    );
    await coordinator.enrollments.update({
      id: enrolment!.id,
      version: enrolment!.version,
      status: 'enrolled',
      completionOverride: 'completed',
      overrideReason: 'ReasonMarker found work at the bakery',
    });
    // Exact figures (a coordinator's): finance's "x" would stay the same whatever happened.
    const before = (await coordinator.activities.get({ id: p.activityId })).totals;
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    await admin.participants.erase({ id: p.participantIds[0], version: 1 });
    const after = (await coordinator.enrollments.list({ activityId: p.activityId })).items.find(
      (e) => e.participantId === p.participantIds[0],
    );
    expect(after).toMatchObject({ completionOverride: 'completed', overrideReason: null, completed: true });
    expect(after?.version).toBe(enrolment!.version + 2);
    expect((await coordinator.activities.get({ id: p.activityId })).totals).toEqual(before);
  });

  it('gives an erased participant no new attendance or enrolment', async () => {
    const p = await createTestProgramme(opened.db, orgId);
    const [a, b] = p.participantIds;
    const admin = (await callerFor(opened, orgId, 'admin')).caller;
    await admin.participants.erase({ id: a, version: 1 });
    const register = await coordinator.register.get({ sessionId: p.sessionIds[0] });
    expect(register.entries.map((e) => e.participantId)).toEqual([b]);
    const explicit = await expectTrpcError(
      coordinator.register.save({
        sessionId: p.sessionIds[0],
        version: 1,
        entries: [{ participantId: a, status: 'present' }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(explicit)).toEqual({ 'entries.0.participantId': ['validation.erased'] });
    const saved = await coordinator.register.save({
      sessionId: p.sessionIds[0],
      version: 1,
      entries: [],
      markRest: 'present',
    });
    expect(saved.marked).toEqual({ present: 1, late: 0, absent: 0 });
    expect(plain((await finance.activities.get({ id: p.activityId })).totals)).toMatchObject({
      uniqueParticipants: 'x',
      participantMinutes: 'x',
    });
    expect(plain((await coordinator.activities.get({ id: p.activityId })).totals)).toMatchObject({
      uniqueParticipants: 1,
      participantMinutes: 300,
    });
    const other = await newTraining(coordinator);
    const enrol = await expectTrpcError(
      coordinator.enrollments.enrol({ activityId: other.id, participantIds: [b, a] }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(enrol)).toEqual({ 'participantIds.1': ['validation.erased'] });
  });
});

afterAll(() => {
  opened?.close();
});

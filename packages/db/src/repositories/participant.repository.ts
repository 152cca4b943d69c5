import type {
  AgeBand,
  AttendanceStatus,
  CodeScheme,
  CompletionOverride,
  ConsentScope,
  Enrollment,
  EnrollmentStatus,
  Gender,
  ParticipantActivitySummary,
  ParticipantAttributeDefinition,
  ParticipantListItem,
  RegisterEntry,
} from '@tessera/domain';
import { enrollmentCompleted } from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { prefixPattern } from '../like';
import type { ParticipantRow } from '../schema';
import { updateAtVersion } from '../versioned';

/**
 * Participant rows hold a pseudonymous code and ciphertext. Encryption and decryption happen in
 * the API (the key never reaches this package); this layer stores and returns opaque strings.
 */

// ---------------------------------------------------------------------------------------------
// Organisation settings

export interface StoredParticipantSettings {
  codeScheme: CodeScheme;
  codePrefix: string;
  uicQuestions: string[];
  attributes: ParticipantAttributeDefinition[];
  suppressionThreshold: number;
  version: number;
}

export async function findParticipantSettings(db: Executor, orgId: string): Promise<StoredParticipantSettings> {
  const row = await db
    .selectFrom('organization')
    .select([
      'participant_code_scheme',
      'participant_code_prefix',
      'uic_questions',
      'participant_attributes',
      'suppression_threshold',
      'settings_version',
    ])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    codeScheme: row.participant_code_scheme as CodeScheme,
    codePrefix: row.participant_code_prefix,
    uicQuestions: JSON.parse(row.uic_questions) as string[],
    attributes: JSON.parse(row.participant_attributes) as ParticipantAttributeDefinition[],
    suppressionThreshold: Number(row.suppression_threshold),
    version: Number(row.settings_version),
  };
}

export async function updateParticipantSettings(
  db: Executor,
  orgId: string,
  version: number,
  settings: Omit<StoredParticipantSettings, 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('organization')
    .set({
      participant_code_scheme: settings.codeScheme,
      participant_code_prefix: settings.codePrefix,
      uic_questions: JSON.stringify(settings.uicQuestions),
      participant_attributes: JSON.stringify(settings.attributes),
      suppression_threshold: settings.suppressionThreshold,
      settings_version: version + 1,
      updated_at: nowIso(),
    })
    .where('id', '=', orgId)
    .where('settings_version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes the next sequence number for sequential codes (atomic inside the caller's transaction). */
export async function takeCodeSequence(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .updateTable('organization')
    .set((eb) => ({ participant_code_next: eb('participant_code_next', '+', 1) }))
    .where('id', '=', orgId)
    .returning('participant_code_next')
    .executeTakeFirstOrThrow();
  return Number(row.participant_code_next) - 1;
}

/** Moves the sequence past a number typed by hand or imported, so the next code never collides. */
export async function bumpCodeSequence(db: Executor, orgId: string, atLeast: number): Promise<void> {
  await db
    .updateTable('organization')
    .set({ participant_code_next: atLeast })
    .where('id', '=', orgId)
    .where('participant_code_next', '<', atLeast)
    .execute();
}

export async function countParticipants(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('participant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Participants

/** Codes are searched by prefix ("ZR-00" finds ZR-0001…), on the participant aliased `p`. */
function codeStartsWith(search: string) {
  const prefix = search.trim().toUpperCase();
  return prefix ? sql<boolean>`p.code like ${prefixPattern(prefix)} escape '\\'` : null;
}

export interface StoredParticipant {
  id: string;
  code: string;
  codeScheme: CodeScheme;
  gender: Gender;
  ageBand: AgeBand;
  city: string | null;
  attributes: Record<string, string>;
  sensitiveEnc: string | null;
  contactEnc: string | null;
  notesEnc: string | null;
  consentDate: string | null;
  consentScope: ConsentScope[];
  erasedAt: string | null;
  version: number;
}

function toStored(row: ParticipantRow): StoredParticipant {
  return {
    id: row.id,
    code: row.code,
    codeScheme: row.code_scheme as CodeScheme,
    gender: row.gender as Gender,
    ageBand: row.age_band as AgeBand,
    city: row.city,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    sensitiveEnc: row.sensitive_enc,
    contactEnc: row.contact_enc,
    notesEnc: row.notes_enc,
    consentDate: row.consent_date,
    consentScope: JSON.parse(row.consent_scope) as ConsentScope[],
    erasedAt: row.erased_at,
    version: row.version,
  };
}

export type ParticipantValues = Omit<StoredParticipant, 'id' | 'version' | 'erasedAt' | 'code' | 'codeScheme'>;

function participantColumns(values: ParticipantValues) {
  return {
    gender: values.gender,
    age_band: values.ageBand,
    city: values.city,
    attributes: JSON.stringify(values.attributes),
    sensitive_enc: values.sensitiveEnc,
    contact_enc: values.contactEnc,
    notes_enc: values.notesEnc,
    consent_date: values.consentDate,
    consent_scope: JSON.stringify(values.consentScope),
  };
}

/** Inserts many participants in multi-row statements (imports); ids must be fresh. */
export async function insertParticipants(
  db: Executor,
  orgId: string,
  rows: readonly (ParticipantValues & { id: string; code: string; codeScheme: CodeScheme })[],
): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('participant')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          id: r.id,
          org_id: orgId,
          code: r.code,
          code_scheme: r.codeScheme,
          ...participantColumns(r),
          erased_at: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function findParticipant(db: Executor, orgId: string, id: string): Promise<StoredParticipant | undefined> {
  const row = await db
    .selectFrom('participant')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toStored(row);
}

/** Participants holding any extra attribute in clear (to seal one the organisation now marks sensitive). */
export async function participantsWithPlainAttributes(db: Executor, orgId: string): Promise<StoredParticipant[]> {
  const rows = await db
    .selectFrom('participant')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('attributes', '!=', '{}')
    .execute();
  return rows.map(toStored);
}

export async function findParticipantsByCode(
  db: Executor,
  orgId: string,
  codes: readonly string[],
): Promise<Map<string, StoredParticipant>> {
  const found = new Map<string, StoredParticipant>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('participant')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('code', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.code, toStored(row));
  }
  return found;
}

/** Which of these participants were erased (no new enrolment or attendance may name them). */
export async function erasedParticipantIds(db: Executor, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  const erased = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('participant')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', ids.slice(i, i + 500))
      .where('erased_at', 'is not', null)
      .execute();
    for (const r of rows) erased.add(r.id);
  }
  return erased;
}

export function updateParticipant(
  db: Executor,
  orgId: string,
  target: { id: string; version: number },
  values: ParticipantValues,
): Promise<boolean> {
  return updateAtVersion(db, 'participant', { orgId, ...target }, participantColumns(values));
}

/**
 * Erasure: the code is replaced by a meaningless one and every identifying value is cleared,
 * while enrolments and attendance stay so the hours already reported remain true.
 */
export async function eraseParticipant(
  db: Executor,
  orgId: string,
  target: { id: string; version: number },
  replacementCode: string,
): Promise<boolean> {
  const erased = await updateAtVersion(
    db,
    'participant',
    { orgId, ...target },
    {
      code: replacementCode,
      gender: 'undisclosed',
      age_band: 'undisclosed',
      city: null,
      attributes: '{}',
      sensitive_enc: null,
      contact_enc: null,
      notes_enc: null,
      consent_date: null,
      consent_scope: '[]',
      erased_at: nowIso(),
    },
  );
  // An override's reason is free text about the person: it goes, the override (and the count) stays.
  if (erased) {
    await db
      .updateTable('enrollment')
      .set((eb) => ({ override_reason: null, version: eb('version', '+', 1), updated_at: nowIso() }))
      .where('org_id', '=', orgId)
      .where('participant_id', '=', target.id)
      .where('override_reason', 'is not', null)
      .execute();
  }
  return erased;
}

export async function listParticipants(
  db: Executor,
  orgId: string,
  input: { search: string; notInActivityId?: string | undefined; limit: number; offset: number },
): Promise<{ items: ParticipantListItem[]; total: number }> {
  let query = db.selectFrom('participant as p').where('p.org_id', '=', orgId);
  const codeFilter = codeStartsWith(input.search);
  if (codeFilter) query = query.where(codeFilter);
  if (input.notInActivityId) {
    const activityId = input.notInActivityId;
    query = query
      .where('p.erased_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('enrollment as e')
              .select('e.id')
              .whereRef('e.participant_id', '=', 'p.id')
              .where('e.activity_id', '=', activityId),
          ),
        ),
      );
  }
  const [rows, count] = await Promise.all([
    query
      .select((eb) => [
        'p.id',
        'p.code',
        'p.gender',
        'p.age_band',
        'p.city',
        'p.consent_date',
        'p.erased_at',
        eb
          .selectFrom('enrollment as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.participant_id', '=', 'p.id')
          .as('activities'),
      ])
      .orderBy('p.code')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      gender: r.gender as Gender,
      ageBand: r.age_band as AgeBand,
      city: r.city,
      consentDate: r.consent_date,
      activities: Number(r.activities ?? 0),
      erased: r.erased_at !== null,
    })),
    total: Number(count.n),
  };
}

// ---------------------------------------------------------------------------------------------
// Enrolments

function attendedSubquery(db: Executor, orgId: string, activityId: string) {
  return db
    .selectFrom('attendance')
    .select([
      'participant_id',
      sql<number>`sum(minutes)`.as('attended'),
      sql<number>`sum(case when minutes > 0 then 1 else 0 end)`.as('sessions'),
    ])
    .where('org_id', '=', orgId)
    .where('activity_id', '=', activityId)
    .groupBy('participant_id')
    .as('t');
}

export async function listEnrollments(
  db: Executor,
  orgId: string,
  activity: { id: string; plannedMinutes: number; completionThreshold: number },
  input: { search: string; limit: number; offset: number },
): Promise<{ items: Enrollment[]; total: number }> {
  let query = db
    .selectFrom('enrollment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .where('e.org_id', '=', orgId)
    .where('e.activity_id', '=', activity.id);
  const codeFilter = codeStartsWith(input.search);
  if (codeFilter) query = query.where(codeFilter);
  const [rows, count] = await Promise.all([
    query
      .leftJoin(attendedSubquery(db, orgId, activity.id), 't.participant_id', 'e.participant_id')
      .select([
        'e.id',
        'e.participant_id',
        'p.code',
        'e.status',
        'e.enrolled_on',
        'e.dropped_on',
        'e.completion_override',
        'e.override_reason',
        'e.version',
        sql<number>`coalesce(t.attended, 0)`.as('attended'),
        sql<number>`coalesce(t.sessions, 0)`.as('sessions'),
      ])
      .orderBy('p.code')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => {
      const attendedMinutes = Number(r.attended);
      const status = r.status as EnrollmentStatus;
      const completionOverride = r.completion_override as CompletionOverride | null;
      return {
        id: r.id,
        participantId: r.participant_id,
        code: r.code,
        status,
        enrolledOn: r.enrolled_on,
        droppedOn: r.dropped_on,
        sessionsAttended: Number(r.sessions),
        attendedMinutes,
        plannedMinutes: activity.plannedMinutes,
        attendanceRate: activity.plannedMinutes > 0 ? attendedMinutes / activity.plannedMinutes : 0,
        completed: enrollmentCompleted({
          status,
          completionOverride,
          attendedMinutes,
          plannedMinutes: activity.plannedMinutes,
          completionThreshold: activity.completionThreshold,
        }),
        completionOverride,
        overrideReason: r.override_reason,
        version: r.version,
      };
    }),
    total: Number(count.n),
  };
}

export async function findEnrollment(db: Executor, orgId: string, id: string) {
  return db.selectFrom('enrollment').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Enrols the participants not yet enrolled; returns how many were added. */
export async function insertEnrollments(
  db: Executor,
  orgId: string,
  activityId: string,
  participantIds: readonly string[],
  enrolledOn: string,
): Promise<number> {
  const existing = new Set<string>();
  for (let i = 0; i < participantIds.length; i += 500) {
    const rows = await db
      .selectFrom('enrollment')
      .select('participant_id')
      .where('org_id', '=', orgId)
      .where('activity_id', '=', activityId)
      .where('participant_id', 'in', participantIds.slice(i, i + 500))
      .execute();
    for (const r of rows) existing.add(r.participant_id);
  }
  const fresh = [...new Set(participantIds)].filter((id) => !existing.has(id));
  const now = nowIso();
  for (let i = 0; i < fresh.length; i += 200) {
    await db
      .insertInto('enrollment')
      .values(
        fresh.slice(i, i + 200).map((participantId) => ({
          id: newId(),
          org_id: orgId,
          activity_id: activityId,
          participant_id: participantId,
          status: 'enrolled',
          enrolled_on: enrolledOn,
          dropped_on: null,
          completion_override: null,
          override_reason: null,
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return fresh.length;
}

export function updateEnrollment(
  db: Executor,
  orgId: string,
  target: { id: string; version: number },
  values: {
    status: EnrollmentStatus;
    droppedOn: string | null;
    completionOverride: CompletionOverride | null;
    overrideReason: string | null;
  },
): Promise<boolean> {
  return updateAtVersion(
    db,
    'enrollment',
    { orgId, ...target },
    {
      status: values.status,
      dropped_on: values.droppedOn,
      completion_override: values.completionOverride,
      override_reason: values.overrideReason,
    },
  );
}

/** An enrolment may go only while no attendance is recorded for it. */
export async function deleteEnrollment(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('enrollment')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function attendanceCount(
  db: Executor,
  orgId: string,
  activityId: string,
  participantId: string,
): Promise<number> {
  const row = await db
    .selectFrom('attendance')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('activity_id', '=', activityId)
    .where('participant_id', '=', participantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function participantEnrollments(
  db: Executor,
  orgId: string,
  participantId: string,
): Promise<ParticipantActivitySummary[]> {
  const rows = await db
    .selectFrom('enrollment as e')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .select((eb) => [
      'e.id',
      'e.activity_id',
      'a.title',
      'a.planned_minutes',
      'a.completion_threshold',
      'e.status',
      'e.completion_override',
      eb
        .selectFrom('attendance as t')
        .select(sql<number>`coalesce(sum(t.minutes), 0)`.as('m'))
        .whereRef('t.activity_id', '=', 'e.activity_id')
        .whereRef('t.participant_id', '=', 'e.participant_id')
        .as('attended'),
    ])
    .where('e.org_id', '=', orgId)
    .where('e.participant_id', '=', participantId)
    .orderBy('a.start_date', 'desc')
    .execute();
  return rows.map((r) => {
    const attendedMinutes = Number(r.attended ?? 0);
    const status = r.status as EnrollmentStatus;
    return {
      enrollmentId: r.id,
      activityId: r.activity_id,
      activityTitle: r.title,
      status,
      attendedMinutes,
      plannedMinutes: Number(r.planned_minutes),
      completed: enrollmentCompleted({
        status,
        completionOverride: r.completion_override as CompletionOverride | null,
        attendedMinutes,
        plannedMinutes: Number(r.planned_minutes),
        completionThreshold: Number(r.completion_threshold),
      }),
    };
  });
}

/** Which of these participants are enrolled in the activity (id → enrolment status). */
export async function enrollmentStatuses(
  db: Executor,
  orgId: string,
  activityId: string,
  participantIds: readonly string[],
): Promise<Map<string, EnrollmentStatus>> {
  const found = new Map<string, EnrollmentStatus>();
  for (let i = 0; i < participantIds.length; i += 500) {
    const rows = await db
      .selectFrom('enrollment')
      .select(['participant_id', 'status'])
      .where('org_id', '=', orgId)
      .where('activity_id', '=', activityId)
      .where('participant_id', 'in', participantIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.participant_id, r.status as EnrollmentStatus);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Attendance and the register

export async function registerPage(
  db: Executor,
  orgId: string,
  session: { id: string; activityId: string },
  input: { search: string; limit: number; offset: number },
): Promise<{ entries: RegisterEntry[]; total: number }> {
  let query = db
    .selectFrom('enrollment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .leftJoin('attendance as t', (join) =>
      join.onRef('t.participant_id', '=', 'e.participant_id').on('t.session_id', '=', session.id),
    )
    .where('e.org_id', '=', orgId)
    .where('e.activity_id', '=', session.activityId)
    // Dropped and erased participants stay on the register only where they were marked at this session.
    .where((eb) =>
      eb.or([eb.and([eb('e.status', '!=', 'dropped'), eb('p.erased_at', 'is', null)]), eb('t.status', 'is not', null)]),
    );
  const codeFilter = codeStartsWith(input.search);
  if (codeFilter) query = query.where(codeFilter);
  const [rows, count] = await Promise.all([
    query
      .select(['e.participant_id', 'p.code', 'e.status as enrollment_status', 't.status', 't.minutes'])
      .orderBy('p.code')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.map((r) => ({
      participantId: r.participant_id,
      code: r.code,
      enrollmentStatus: r.enrollment_status as EnrollmentStatus,
      status: (r.status as AttendanceStatus | null) ?? null,
      minutes: r.minutes === null ? null : Number(r.minutes),
    })),
    total: Number(count.n),
  };
}

export async function registerMarks(db: Executor, orgId: string, sessionId: string) {
  const rows = await db
    .selectFrom('attendance')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('session_id', '=', sessionId)
    .groupBy('status')
    .execute();
  const marked = { present: 0, late: 0, absent: 0 };
  for (const r of rows) {
    if (r.status === 'present' || r.status === 'late' || r.status === 'absent') marked[r.status] = Number(r.n);
  }
  return marked;
}

export interface AttendanceWrite {
  participantId: string;
  status: AttendanceStatus;
  minutes: number;
}

/** Inserts or replaces attendance rows of one session in multi-row statements. */
export async function upsertAttendance(
  db: Executor,
  orgId: string,
  session: { id: string; activityId: string },
  entries: readonly AttendanceWrite[],
): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('attendance')
      .values(
        entries.slice(i, i + 200).map((e) => ({
          org_id: orgId,
          session_id: session.id,
          activity_id: session.activityId,
          participant_id: e.participantId,
          status: e.status,
          minutes: e.minutes,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['session_id', 'participant_id']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          minutes: eb.ref('excluded.minutes'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * Marks every enrolled (not dropped, not erased) participant who has no mark yet at this session, in one
 * statement: a 200-person register's "everyone else present" never travels through the browser.
 */
export async function markUnmarked(
  db: Executor,
  orgId: string,
  session: { id: string; activityId: string },
  status: AttendanceStatus,
  minutes: number,
): Promise<number> {
  const result = await db
    .insertInto('attendance')
    .columns(['org_id', 'session_id', 'activity_id', 'participant_id', 'status', 'minutes', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('enrollment as e')
        .select([
          sql.lit(orgId).as('org_id'),
          sql.lit(session.id).as('session_id'),
          sql.lit(session.activityId).as('activity_id'),
          'e.participant_id',
          sql.lit(status).as('status'),
          sql.lit(minutes).as('minutes'),
          sql.lit(nowIso()).as('updated_at'),
        ])
        .where('e.org_id', '=', orgId)
        .where('e.activity_id', '=', session.activityId)
        .where('e.status', '!=', 'dropped')
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('participant as p')
                .select('p.id')
                .whereRef('p.id', '=', 'e.participant_id')
                .where('p.erased_at', 'is not', null),
            ),
          ),
        )
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('attendance as t')
                .select('t.participant_id')
                .whereRef('t.participant_id', '=', 'e.participant_id')
                .where('t.session_id', '=', session.id),
            ),
          ),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Existing marks of a session for some participants (to tell unchanged import rows apart). */
export async function attendanceOf(
  db: Executor,
  orgId: string,
  sessionId: string,
): Promise<Map<string, { status: AttendanceStatus; minutes: number }>> {
  const rows = await db
    .selectFrom('attendance')
    .select(['participant_id', 'status', 'minutes'])
    .where('org_id', '=', orgId)
    .where('session_id', '=', sessionId)
    .execute();
  return new Map(
    rows.map((r) => [r.participant_id, { status: r.status as AttendanceStatus, minutes: Number(r.minutes) }]),
  );
}

/** One participant's enrolment in one activity, if any. */
export async function findEnrollmentOf(db: Executor, orgId: string, activityId: string, participantId: string) {
  return db
    .selectFrom('enrollment')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('activity_id', '=', activityId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** Which of these codes are a participant's in the organisation (the free-text rule's lookup). */
export async function existingParticipantCodes(
  db: Executor,
  orgId: string,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('participant')
    .select('code')
    .where('org_id', '=', orgId)
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}

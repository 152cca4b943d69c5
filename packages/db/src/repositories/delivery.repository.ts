import type {
  Activity,
  ActivityKind,
  ActivitySession,
  ActivityTotals,
  AttendanceMode,
  CreateActivityInput,
  CreateOutputInput,
  CreatePartnerInput,
  CreateProjectInput,
  HeadCountCell,
  ListActivitiesInput,
  Output,
  OutputKind,
  Partner,
  Project,
  SessionHeadCount,
  UpdateActivityInput,
  UpdateOutputInput,
  UpdatePartnerInput,
  UpdateProjectInput,
} from '@tessera/domain';
import { foldForSearch } from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { likePattern } from '../like';
import type { ActivitySessionRow, OutputRow, PartnerRow } from '../schema';
import { deleteAtVersion, updateAtVersion } from '../versioned';

// ---------------------------------------------------------------------------------------------
// Partners

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    country: row.country,
    website: row.website,
    description: row.description,
    version: row.version,
  };
}

export async function insertPartner(db: Executor, orgId: string, input: CreatePartnerInput): Promise<Partner> {
  const now = nowIso();
  const row: PartnerRow = {
    id: newId(),
    org_id: orgId,
    name: input.name,
    city: input.city,
    country: input.country,
    website: input.website,
    description: input.description,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('partner').values(row).execute();
  return toPartner(row);
}

export async function findPartner(db: Executor, orgId: string, id: string): Promise<Partner | undefined> {
  const row = await db
    .selectFrom('partner')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPartner(row);
}

export async function listPartners(db: Executor, orgId: string): Promise<Partner[]> {
  const rows = await db.selectFrom('partner').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
  return rows.map(toPartner);
}

export async function updatePartner(db: Executor, orgId: string, input: UpdatePartnerInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'partner',
    { orgId, id: input.id, version: input.version },
    {
      name: input.name,
      city: input.city,
      country: input.country,
      website: input.website,
      description: input.description,
    },
  );
}

export async function partnerInUse(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_partner')
    .select('project_id')
    .where('org_id', '=', orgId)
    .where('partner_id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export function deletePartner(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'partner', { orgId, id, version });
}

// ---------------------------------------------------------------------------------------------
// Projects

async function projectLinks(db: Executor, orgId: string, projectIds: string[]) {
  if (projectIds.length === 0) return { partners: [], grants: [], counts: [] };
  const [partners, grants, counts] = await Promise.all([
    db
      .selectFrom('project_partner')
      .innerJoin('partner', 'partner.id', 'project_partner.partner_id')
      .select(['project_partner.project_id', 'project_partner.partner_id', 'partner.name', 'project_partner.role'])
      .where('project_partner.org_id', '=', orgId)
      .where('project_partner.project_id', 'in', projectIds)
      .orderBy('partner.name')
      .execute(),
    db
      .selectFrom('project_grant')
      .innerJoin('grant', 'grant.id', 'project_grant.grant_id')
      .select(['project_grant.project_id', 'project_grant.grant_id', 'grant.title', 'grant.reference'])
      .where('project_grant.org_id', '=', orgId)
      .where('project_grant.project_id', 'in', projectIds)
      .orderBy('grant.title')
      .execute(),
    db
      .selectFrom('activity')
      .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('org_id', '=', orgId)
      .where('project_id', 'in', projectIds)
      .groupBy('project_id')
      .execute(),
  ]);
  return { partners, grants, counts };
}

export async function listProjects(db: Executor, orgId: string, ids?: string[]): Promise<Project[]> {
  let query = db.selectFrom('project').selectAll().where('org_id', '=', orgId);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const rows = await query.orderBy('start_date', 'desc').orderBy('title').execute();
  const links = await projectLinks(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    startDate: row.start_date,
    endDate: row.end_date,
    partners: links.partners
      .filter((p) => p.project_id === row.id)
      .map((p) => ({ partnerId: p.partner_id, partnerName: p.name, role: p.role })),
    grants: links.grants
      .filter((g) => g.project_id === row.id)
      .map((g) => ({ grantId: g.grant_id, title: g.title, reference: g.reference })),
    activityCount: Number(links.counts.find((c) => c.project_id === row.id)?.n ?? 0),
    version: row.version,
  }));
}

export async function findProject(db: Executor, orgId: string, id: string): Promise<Project | undefined> {
  const [project] = await listProjects(db, orgId, [id]);
  return project;
}

async function writeProjectLinks(
  db: Executor,
  orgId: string,
  projectId: string,
  input: Pick<CreateProjectInput, 'partners' | 'grantIds'>,
): Promise<void> {
  await db.deleteFrom('project_partner').where('org_id', '=', orgId).where('project_id', '=', projectId).execute();
  await db.deleteFrom('project_grant').where('org_id', '=', orgId).where('project_id', '=', projectId).execute();
  if (input.partners.length > 0) {
    await db
      .insertInto('project_partner')
      .values(
        input.partners.map((p) => ({ org_id: orgId, project_id: projectId, partner_id: p.partnerId, role: p.role })),
      )
      .execute();
  }
  if (input.grantIds.length > 0) {
    await db
      .insertInto('project_grant')
      .values(input.grantIds.map((grantId) => ({ org_id: orgId, project_id: projectId, grant_id: grantId })))
      .execute();
  }
}

export async function insertProject(db: Executor, orgId: string, input: CreateProjectInput): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('project')
    .values({
      id,
      org_id: orgId,
      title: input.title,
      summary: input.summary,
      start_date: input.startDate,
      end_date: input.endDate,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await writeProjectLinks(db, orgId, id, input);
  return id;
}

export async function updateProject(db: Executor, orgId: string, input: UpdateProjectInput): Promise<boolean> {
  const updated = await updateAtVersion(
    db,
    'project',
    { orgId, id: input.id, version: input.version },
    { title: input.title, summary: input.summary, start_date: input.startDate, end_date: input.endDate },
  );
  if (updated) await writeProjectLinks(db, orgId, input.id, input);
  return updated;
}

export async function deleteProject(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'project', { orgId, id, version });
}

/** Which of these ids are partners / grants of the organisation (the rest are foreign or gone). */
export async function existingIds(
  db: Executor,
  orgId: string,
  table: 'partner' | 'grant' | 'participant' | 'project',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------
// Activities

const activityColumns = [
  'activity.id',
  'activity.project_id',
  'project.title as project_title',
  'activity.kind',
  'activity.title',
  'activity.reference',
  'activity.city',
  'activity.start_date',
  'activity.end_date',
  'activity.planned_minutes',
  'activity.completion_threshold',
  'activity.attendance_mode',
  'activity.description',
  'activity.version',
] as const;

function selectActivities(db: Executor, orgId: string) {
  return db
    .selectFrom('activity')
    .innerJoin('project', 'project.id', 'activity.project_id')
    .select(activityColumns)
    .where('activity.org_id', '=', orgId);
}

type ActivityJoinRow = Awaited<ReturnType<ReturnType<typeof selectActivities>['executeTakeFirstOrThrow']>>;

function toActivity(row: ActivityJoinRow): Activity {
  return {
    id: row.id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    kind: row.kind as ActivityKind,
    title: row.title,
    reference: row.reference,
    city: row.city,
    startDate: row.start_date,
    endDate: row.end_date,
    plannedMinutes: Number(row.planned_minutes),
    completionThreshold: Number(row.completion_threshold),
    attendanceMode: row.attendance_mode as AttendanceMode,
    description: row.description,
    version: row.version,
  };
}

function activitySearchText(input: CreateActivityInput): string {
  return foldForSearch([input.title, input.reference, input.city].filter(Boolean).join(' '));
}

export async function insertActivity(db: Executor, orgId: string, input: CreateActivityInput): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('activity')
    .values({
      id,
      org_id: orgId,
      project_id: input.projectId,
      kind: input.kind,
      title: input.title,
      reference: input.reference,
      city: input.city,
      start_date: input.startDate,
      end_date: input.endDate,
      planned_minutes: input.plannedMinutes,
      completion_threshold: input.completionThreshold,
      attendance_mode: input.attendanceMode,
      description: input.description,
      search_text: activitySearchText(input),
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateActivity(db: Executor, orgId: string, input: UpdateActivityInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'activity',
    { orgId, id: input.id, version: input.version },
    {
      project_id: input.projectId,
      kind: input.kind,
      title: input.title,
      reference: input.reference,
      city: input.city,
      start_date: input.startDate,
      end_date: input.endDate,
      planned_minutes: input.plannedMinutes,
      completion_threshold: input.completionThreshold,
      attendance_mode: input.attendanceMode,
      description: input.description,
      search_text: activitySearchText(input),
    },
  );
}

export async function deleteActivity(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'activity', { orgId, id, version });
}

export async function findActivity(db: Executor, orgId: string, id: string): Promise<Activity | undefined> {
  const row = await selectActivities(db, orgId).where('activity.id', '=', id).executeTakeFirst();
  return row && toActivity(row);
}

/** By id, then by reference, then by exact title (imports name activities any of these ways). */
export async function findActivityByName(db: Executor, orgId: string, name: string): Promise<Activity[]> {
  const byId = await selectActivities(db, orgId)
    .where((eb) => eb.or([eb('activity.id', '=', name), eb('activity.reference', '=', name)]))
    .execute();
  if (byId.length > 0) return byId.map(toActivity);
  const byTitle = await selectActivities(db, orgId).where('activity.title', '=', name).execute();
  return byTitle.map(toActivity);
}

export async function listActivities(
  db: Executor,
  orgId: string,
  input: ListActivitiesInput,
): Promise<{ items: Activity[]; total: number }> {
  let query = selectActivities(db, orgId);
  if (input.projectId) query = query.where('activity.project_id', '=', input.projectId);
  if (input.kind) query = query.where('activity.kind', '=', input.kind);
  const folded = foldForSearch(input.search);
  if (folded) query = query.where(sql<boolean>`activity.search_text like ${likePattern(folded)} escape '\\'`);
  const [rows, count] = await Promise.all([
    query
      .orderBy('activity.start_date', 'desc')
      .orderBy('activity.title')
      .orderBy('activity.id')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toActivity), total: Number(count.n) };
}

/**
 * Counts for activities, computed in SQL (no attendance row leaves the database). Completion
 * mirrors `enrollmentCompleted` in the domain: override first, dropped never, else
 * attended × 100 ≥ planned × threshold with planned > 0.
 */
export async function activityTotals(
  db: Executor,
  orgId: string,
  activityIds: readonly string[],
): Promise<Map<string, ActivityTotals>> {
  const result = new Map<string, ActivityTotals>();
  if (activityIds.length === 0) return result;
  const ids = [...activityIds];
  for (const id of ids) {
    result.set(id, {
      sessionsPlanned: 0,
      sessionsHeld: 0,
      minutesHeld: 0,
      enrolled: 0,
      dropped: 0,
      uniqueParticipants: 0,
      participantMinutes: 0,
      completions: 0,
      headCount: 0,
    });
  }
  const [sessions, attendance, enrollments, heads] = await Promise.all([
    db
      .selectFrom('activity_session')
      .select((eb) => [
        'activity_id',
        eb.fn.countAll<number>().as('planned'),
        sql<number>`sum(case when held_at is not null then 1 else 0 end)`.as('held'),
        sql<number>`coalesce(sum(case when held_at is not null then minutes else 0 end), 0)`.as('minutes_held'),
      ])
      .where('org_id', '=', orgId)
      .where('activity_id', 'in', ids)
      .groupBy('activity_id')
      .execute(),
    db
      .selectFrom('attendance')
      .select([
        'activity_id',
        sql<number>`count(distinct case when minutes > 0 then participant_id end)`.as('unique_participants'),
        sql<number>`coalesce(sum(minutes), 0)`.as('participant_minutes'),
      ])
      .where('org_id', '=', orgId)
      .where('activity_id', 'in', ids)
      .groupBy('activity_id')
      .execute(),
    db
      .selectFrom('enrollment as e')
      .innerJoin('activity as a', 'a.id', 'e.activity_id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('attendance')
            .select(['activity_id', 'participant_id', sql<number>`sum(minutes)`.as('attended')])
            .where('org_id', '=', orgId)
            .where('activity_id', 'in', ids)
            .groupBy(['activity_id', 'participant_id'])
            .as('t'),
        (join) => join.onRef('t.activity_id', '=', 'e.activity_id').onRef('t.participant_id', '=', 'e.participant_id'),
      )
      .select([
        'e.activity_id',
        sql<number>`count(*)`.as('enrolled'),
        sql<number>`sum(case when e.status = 'dropped' then 1 else 0 end)`.as('dropped'),
        sql<number>`sum(case
          when e.completion_override = 'completed' then 1
          when e.completion_override is not null then 0
          when e.status = 'dropped' then 0
          when a.planned_minutes > 0 and coalesce(t.attended, 0) * 100 >= a.planned_minutes * a.completion_threshold then 1
          else 0 end)`.as('completions'),
      ])
      .where('e.org_id', '=', orgId)
      .where('e.activity_id', 'in', ids)
      .groupBy('e.activity_id')
      .execute(),
    db
      .selectFrom('head_count')
      .innerJoin('activity_session as s', 's.id', 'head_count.session_id')
      .select(['s.activity_id', sql<number>`coalesce(sum(head_count.count), 0)`.as('heads')])
      .where('head_count.org_id', '=', orgId)
      .where('s.activity_id', 'in', ids)
      .groupBy('s.activity_id')
      .execute(),
  ]);
  for (const s of sessions) {
    const t = result.get(s.activity_id);
    if (!t) continue;
    t.sessionsPlanned = Number(s.planned);
    t.sessionsHeld = Number(s.held);
    t.minutesHeld = Number(s.minutes_held);
  }
  for (const a of attendance) {
    const t = result.get(a.activity_id);
    if (!t) continue;
    t.uniqueParticipants = Number(a.unique_participants);
    t.participantMinutes = Number(a.participant_minutes);
  }
  for (const e of enrollments) {
    const t = result.get(e.activity_id);
    if (!t) continue;
    t.enrolled = Number(e.enrolled);
    t.dropped = Number(e.dropped);
    t.completions = Number(e.completions);
  }
  for (const h of heads) {
    const t = result.get(h.activity_id);
    if (t) t.headCount = Number(h.heads);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Sessions

type SessionStats = { registered: number; attended: number; headCount: number | null };

function toSession(row: ActivitySessionRow, stats: SessionStats): ActivitySession {
  return {
    id: row.id,
    activityId: row.activity_id,
    date: row.date,
    startTime: row.start_time ?? null,
    minutes: Number(row.minutes),
    module: row.module,
    note: row.note,
    held: row.held_at !== null,
    headCount: stats.headCount,
    registered: stats.registered,
    attended: stats.attended,
    version: row.version,
  };
}

async function sessionStats(db: Executor, orgId: string, sessionIds: string[]): Promise<Map<string, SessionStats>> {
  const stats = new Map<string, SessionStats>(
    sessionIds.map((id) => [id, { registered: 0, attended: 0, headCount: null }]),
  );
  if (sessionIds.length === 0) return stats;
  const [marks, heads] = await Promise.all([
    db
      .selectFrom('attendance')
      .select([
        'session_id',
        sql<number>`count(*)`.as('registered'),
        sql<number>`sum(case when minutes > 0 then 1 else 0 end)`.as('attended'),
      ])
      .where('org_id', '=', orgId)
      .where('session_id', 'in', sessionIds)
      .groupBy('session_id')
      .execute(),
    db
      .selectFrom('head_count')
      .select(['session_id', sql<number>`sum(count)`.as('heads')])
      .where('org_id', '=', orgId)
      .where('session_id', 'in', sessionIds)
      .groupBy('session_id')
      .execute(),
  ]);
  for (const m of marks) {
    const s = stats.get(m.session_id);
    if (s) {
      s.registered = Number(m.registered);
      s.attended = Number(m.attended);
    }
  }
  for (const h of heads) {
    const s = stats.get(h.session_id);
    if (s) s.headCount = Number(h.heads);
  }
  return stats;
}

export async function listSessions(
  db: Executor,
  orgId: string,
  activityId: string,
  page: { limit: number; offset: number },
): Promise<{ items: ActivitySession[]; total: number }> {
  const base = db.selectFrom('activity_session').where('org_id', '=', orgId).where('activity_id', '=', activityId);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('date')
      .orderBy(sql`coalesce(start_time, '99:99')`)
      .orderBy('created_at')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const stats = await sessionStats(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toSession(r, stats.get(r.id) ?? { registered: 0, attended: 0, headCount: null })),
    total: Number(count.n),
  };
}

export async function findActivitySession(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ActivitySession | undefined> {
  const row = await db
    .selectFrom('activity_session')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const stats = await sessionStats(db, orgId, [row.id]);
  return toSession(row, stats.get(row.id) ?? { registered: 0, attended: 0, headCount: null });
}

/**
 * Every session's head count (null where none is recorded) for these activities, in the order
 * the session list uses: what a total of an activity's head counts is suppressed against.
 */
export async function sessionHeadCounts(
  db: Executor,
  orgId: string,
  activityIds: readonly string[],
): Promise<Map<string, SessionHeadCount[]>> {
  const result = new Map<string, SessionHeadCount[]>(activityIds.map((id) => [id, []]));
  if (activityIds.length === 0) return result;
  const rows = await db
    .selectFrom('activity_session as s')
    .leftJoin('head_count as h', (join) => join.onRef('h.session_id', '=', 's.id').on('h.org_id', '=', orgId))
    .select(['s.id', 's.activity_id', sql<number | null>`sum(h.count)`.as('heads')])
    .where('s.org_id', '=', orgId)
    .where('s.activity_id', 'in', [...activityIds])
    .groupBy('s.id')
    .orderBy('s.date')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
  for (const row of rows) {
    result.get(row.activity_id)?.push({ sessionId: row.id, count: row.heads === null ? null : Number(row.heads) });
  }
  return result;
}

/** Sessions of the organisation on one date, with their activity (the "today" list). */
export async function sessionsOn(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom('activity_session as s')
    .innerJoin('activity as a', 'a.id', 's.activity_id')
    .select([
      's.id',
      's.activity_id',
      'a.title as activity_title',
      'a.attendance_mode',
      'a.city',
      's.date',
      's.start_time',
      's.minutes',
      's.module',
      's.held_at',
    ])
    .where('s.org_id', '=', orgId)
    .where('s.date', '=', date)
    .orderBy(sql`coalesce(s.start_time, '99:99')`)
    .orderBy('a.title')
    .execute();
}

export async function insertSessions(
  db: Executor,
  orgId: string,
  activityId: string,
  sessions: readonly {
    date: string;
    startTime?: string | null;
    minutes: number;
    module: string | null;
    note: string | null;
  }[],
): Promise<string[]> {
  if (sessions.length === 0) return [];
  const now = nowIso();
  const rows = sessions.map((s) => ({
    id: newId(),
    org_id: orgId,
    activity_id: activityId,
    date: s.date,
    start_time: s.startTime ?? null,
    minutes: s.minutes,
    module: s.module,
    note: s.note,
    held_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto('activity_session').values(rows).execute();
  return rows.map((r) => r.id);
}

export function updateActivitySession(
  db: Executor,
  orgId: string,
  target: { id: string; version: number },
  values: { date: string; startTime: string | null; minutes: number; module: string | null; note: string | null },
): Promise<boolean> {
  const { startTime, ...rest } = values;
  return updateAtVersion(db, 'activity_session', { orgId, ...target }, { ...rest, start_time: startTime });
}

/** Marks the session held (a register saved or a head count recorded) and bumps its version. */
export function markSessionHeld(db: Executor, orgId: string, target: { id: string; version: number }) {
  return updateAtVersion(db, 'activity_session', { orgId, ...target }, { held_at: nowIso() });
}

export function deleteActivitySession(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'activity_session', { orgId, id, version });
}

/** The longest attendance recorded at a session (a shorter session would make it exceed). */
export async function longestAttendance(db: Executor, orgId: string, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('attendance')
    .select(sql<number>`coalesce(max(minutes), 0)`.as('longest'))
    .where('org_id', '=', orgId)
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.longest);
}

/** Sessions of an activity falling outside new dates (an activity edit must not strand them). */
export async function sessionsOutside(
  db: Executor,
  orgId: string,
  activityId: string,
  startDate: string,
  endDate: string,
): Promise<number> {
  const row = await db
    .selectFrom('activity_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('activity_id', '=', activityId)
    .where((eb) => eb.or([eb('date', '<', startDate), eb('date', '>', endDate)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Head counts

export async function headCountCellsOf(db: Executor, orgId: string, sessionId: string): Promise<HeadCountCell[]> {
  const rows = await db
    .selectFrom('head_count')
    .select(['gender', 'age_band', 'count'])
    .where('org_id', '=', orgId)
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map((r) => ({
    gender: r.gender as HeadCountCell['gender'],
    ageBand: r.age_band as HeadCountCell['ageBand'],
    count: Number(r.count),
  }));
}

export async function replaceHeadCount(
  db: Executor,
  orgId: string,
  sessionId: string,
  cells: readonly HeadCountCell[],
): Promise<void> {
  await db.deleteFrom('head_count').where('org_id', '=', orgId).where('session_id', '=', sessionId).execute();
  if (cells.length === 0) return;
  await db
    .insertInto('head_count')
    .values(
      cells.map((c) => ({
        org_id: orgId,
        session_id: sessionId,
        gender: c.gender,
        age_band: c.ageBand,
        count: c.count,
      })),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Outputs

function toOutput(row: OutputRow): Output {
  return {
    id: row.id,
    activityId: row.activity_id,
    kind: row.kind as OutputKind,
    title: row.title,
    quantity: Number(row.quantity),
    date: row.date,
    link: row.link,
    note: row.note,
    version: row.version,
  };
}

export async function insertOutput(db: Executor, orgId: string, input: CreateOutputInput): Promise<Output> {
  const now = nowIso();
  const row: OutputRow = {
    id: newId(),
    org_id: orgId,
    activity_id: input.activityId,
    kind: input.kind,
    title: input.title,
    quantity: input.quantity,
    date: input.date,
    link: input.link,
    note: input.note,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('output').values(row).execute();
  return toOutput(row);
}

export async function findOutput(db: Executor, orgId: string, id: string): Promise<Output | undefined> {
  const row = await db
    .selectFrom('output')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOutput(row);
}

export async function listOutputs(db: Executor, orgId: string, activityId: string): Promise<Output[]> {
  const rows = await db
    .selectFrom('output')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('activity_id', '=', activityId)
    .orderBy('date')
    .orderBy('title')
    .execute();
  return rows.map(toOutput);
}

export function updateOutput(db: Executor, orgId: string, input: UpdateOutputInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'output',
    { orgId, id: input.id, version: input.version },
    {
      kind: input.kind,
      title: input.title,
      quantity: input.quantity,
      date: input.date,
      link: input.link,
      note: input.note,
    },
  );
}

export function deleteOutput(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'output', { orgId, id, version });
}

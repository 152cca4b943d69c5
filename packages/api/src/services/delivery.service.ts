import type {
  Activity,
  ActivitySession,
  ActivityTotals,
  Actor,
  CreateActivityInput,
  CreateOutputInput,
  CreatePartnerInput,
  CreateProjectInput,
  CreateSessionInput,
  GenerateSessionsInput,
  ListActivitiesInput,
  Output,
  Partner,
  Project,
  RecordHeadCountInput,
  ShownActivitySession,
  ShownHeadCountSplit,
  UpdateActivityInput,
  UpdateOutputInput,
  UpdatePartnerInput,
  UpdateProjectInput,
  UpdateSessionInput,
} from '@tessera/domain';
import {
  changedFields,
  DomainError,
  filledFields,
  generateSessions,
  headCountCells,
  messageKey,
  peopleCountThreshold,
  type Shown,
  showActivityTotals,
  type ReleasedPeople,
  showHeadCountSplit,
  showSession,
  showSessionHeadCounts,
  todayIn,
} from '@tessera/domain';
import {
  activityTotals,
  deleteActivity,
  deleteActivitySession,
  deleteOutput,
  deletePartner,
  deleteProject,
  type Executor,
  existingIds,
  findActivity,
  findActivitySession,
  findOrganizationById,
  findOutput,
  findPartner,
  findProject,
  headCountCellsOf,
  insertActivity,
  insertOutput,
  insertPartner,
  insertProject,
  insertSessions,
  listActivities,
  listOutputs,
  listPartners,
  listProjects,
  listSessions,
  longestAttendance,
  markSessionHeld,
  partnerInUse,
  replaceHeadCount,
  sessionHeadCounts,
  sessionsOn,
  sessionsOutside,
  updateActivity,
  updateActivitySession,
  updateOutput,
  updatePartner,
  updateProject,
} from '@tessera/db';
import { allTime, orgRelease } from './org-release.service';
import { audit } from './audit.service';
import { invalid, notFound, stale } from './errors';
import { refuseParticipantCodes } from './free-text';

// ---------------------------------------------------------------------------------------------
// Partners

export function listOrganizationPartners(db: Executor, actor: Actor): Promise<Partner[]> {
  return listPartners(db, actor.orgId);
}

export async function createPartner(db: Executor, actor: Actor, input: CreatePartnerInput): Promise<Partner> {
  await refuseParticipantCodes(db, actor, { name: input.name, city: input.city, description: input.description });
  const partner = await insertPartner(db, actor.orgId, input);
  await audit(db, actor, 'create', 'partner', partner.id, filledFields(input));
  return partner;
}

export async function editPartner(db: Executor, actor: Actor, input: UpdatePartnerInput): Promise<Partner> {
  await refuseParticipantCodes(db, actor, { name: input.name, city: input.city, description: input.description });
  const before = await findPartner(db, actor.orgId, input.id);
  if (!before) throw notFound('partner');
  if (before.version !== input.version) throw stale('partner');
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  if (!(await updatePartner(db, actor.orgId, input))) throw stale('partner');
  await audit(db, actor, 'update', 'partner', input.id, changed);
  return (await findPartner(db, actor.orgId, input.id)) as Partner;
}

export async function removePartner(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const before = await findPartner(db, actor.orgId, input.id);
  if (!before) throw notFound('partner');
  if (await partnerInUse(db, actor.orgId, input.id)) {
    throw new DomainError('CONFLICT', 'This partner works on a project; remove it from the project first.');
  }
  if (!(await deletePartner(db, actor.orgId, input.id, input.version))) throw stale('partner');
  await audit(db, actor, 'delete', 'partner', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Projects

async function checkProjectLinks(db: Executor, actor: Actor, input: CreateProjectInput): Promise<void> {
  const fieldErrors: Record<string, string[]> = {};
  const partners = await existingIds(
    db,
    actor.orgId,
    'partner',
    input.partners.map((p) => p.partnerId),
  );
  input.partners.forEach((p, i) => {
    if (!partners.has(p.partnerId)) fieldErrors[`partners.${i}.partnerId`] = [messageKey('validation.invalidChoice')];
  });
  const grants = await existingIds(db, actor.orgId, 'grant', input.grantIds);
  input.grantIds.forEach((g, i) => {
    if (!grants.has(g)) fieldErrors[`grantIds.${i}`] = [messageKey('validation.invalidChoice')];
  });
  if (Object.keys(fieldErrors).length > 0) throw invalid('A partner or grant does not exist.', fieldErrors);
}

export function listOrganizationProjects(db: Executor, actor: Actor): Promise<Project[]> {
  return listProjects(db, actor.orgId);
}

export async function getProject(db: Executor, actor: Actor, id: string): Promise<Project> {
  const project = await findProject(db, actor.orgId, id);
  if (!project) throw notFound('project');
  return project;
}

/** A project's free text, by field path (partners' roles included). */
function projectTexts(input: CreateProjectInput): Record<string, string | null> {
  const texts: Record<string, string | null> = { title: input.title, summary: input.summary };
  input.partners.forEach((p, i) => {
    texts[`partners.${i}.role`] = p.role;
  });
  return texts;
}

export async function createProject(db: Executor, actor: Actor, input: CreateProjectInput): Promise<Project> {
  await refuseParticipantCodes(db, actor, projectTexts(input));
  await checkProjectLinks(db, actor, input);
  const id = await insertProject(db, actor.orgId, input);
  await audit(db, actor, 'create', 'project', id, filledFields(input));
  return getProject(db, actor, id);
}

export async function editProject(db: Executor, actor: Actor, input: UpdateProjectInput): Promise<Project> {
  await refuseParticipantCodes(db, actor, projectTexts(input));
  const before = await getProject(db, actor, input.id);
  if (before.version !== input.version) throw stale('project');
  await checkProjectLinks(db, actor, input);
  if (!(await updateProject(db, actor.orgId, input))) throw stale('project');
  const changed = changedFields(
    {
      title: before.title,
      summary: before.summary,
      startDate: before.startDate,
      endDate: before.endDate,
      partners: JSON.stringify(before.partners.map((p) => [p.partnerId, p.role]).sort()),
      grantIds: JSON.stringify(before.grants.map((g) => g.grantId).sort()),
    },
    {
      title: input.title,
      summary: input.summary,
      startDate: input.startDate,
      endDate: input.endDate,
      partners: JSON.stringify(input.partners.map((p) => [p.partnerId, p.role]).sort()),
      grantIds: JSON.stringify([...input.grantIds].sort()),
    },
  );
  await audit(db, actor, 'update', 'project', input.id, changed);
  return getProject(db, actor, input.id);
}

export async function removeProject(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const before = await getProject(db, actor, input.id);
  if (before.activityCount > 0) {
    throw new DomainError('CONFLICT', 'This project has activities; move or delete them first.');
  }
  if (!(await deleteProject(db, actor.orgId, input.id, input.version))) throw stale('project');
  await audit(db, actor, 'delete', 'project', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Activities

/** An activity with its totals: exact (`number`) inside the API and for the CLI, `Shown` to callers. */
export interface ActivityWithTotals<People = number> extends Activity {
  totals: ActivityTotals<People>;
}

/**
 * The threshold k the actor's counts of people are suppressed at (the organisation's setting), or
 * null when the actor may read the register and sees them exactly (see delivery-figures.ts).
 */
async function countThreshold(db: Executor, actor: Actor): Promise<number | null> {
  const org = await findOrganizationById(db, actor.orgId);
  if (!org) throw notFound('organisation');
  return peopleCountThreshold(actor.role, org.suppressionThreshold);
}

/** Each activity's session head counts beside its total, as the actor sees them. */
async function headCountLines(db: Executor, actor: Actor, activityIds: readonly string[], k: number | null) {
  const sessions = await sessionHeadCounts(db, actor.orgId, activityIds);
  return new Map(activityIds.map((id) => [id, showSessionHeadCounts(sessions.get(id) ?? [], k)]));
}

/** Activities with exact totals: for checks inside the API and for the server operator's CLI. */
export async function listActivitiesWithTotals(
  db: Executor,
  actor: Actor,
  input: ListActivitiesInput,
): Promise<{ items: ActivityWithTotals[]; total: number }> {
  const page = await listActivities(db, actor.orgId, input);
  const totals = await activityTotals(
    db,
    actor.orgId,
    page.items.map((a) => a.id),
  );
  return {
    items: page.items.map((a) => ({ ...a, totals: totals.get(a.id) as ActivityTotals })),
    total: page.total,
  };
}

async function showActivities(
  db: Executor,
  actor: Actor,
  activities: ActivityWithTotals[],
): Promise<ActivityWithTotals<Shown>[]> {
  const k = await countThreshold(db, actor);
  const lines = await headCountLines(
    db,
    actor,
    activities.map((a) => a.id),
    k,
  );
  // Attending and completing over all time are decided with the organisation's other figures.
  const release = k === null || activities.length === 0 ? null : await orgRelease(db, actor, k);
  return activities.map((a) => ({
    ...a,
    totals: showActivityTotals(a.totals, lines.get(a.id) ?? showSessionHeadCounts([], k), k, {
      attended: release?.shown([a.id], 'people', null, allTime) ?? true,
      completions: release?.shown([a.id], 'completions', null, allTime) ?? true,
      enrolled: release?.shown([a.id], 'enrolled', null, allTime) ?? true,
    }),
  }));
}

/** Activities with their counts of people as the actor may see them. */
export async function listOrganizationActivities(
  db: Executor,
  actor: Actor,
  input: ListActivitiesInput,
): Promise<{ items: ActivityWithTotals<Shown>[]; total: number }> {
  const page = await listActivitiesWithTotals(db, actor, input);
  return { items: await showActivities(db, actor, page.items), total: page.total };
}

async function requireActivityWithTotals(db: Executor, actor: Actor, id: string): Promise<ActivityWithTotals> {
  const activity = await findActivity(db, actor.orgId, id);
  if (!activity) throw notFound('activity');
  const totals = await activityTotals(db, actor.orgId, [id]);
  return { ...activity, totals: totals.get(id) as ActivityTotals };
}

export async function getActivity(db: Executor, actor: Actor, id: string): Promise<ActivityWithTotals<Shown>> {
  const [shown] = await showActivities(db, actor, [await requireActivityWithTotals(db, actor, id)]);
  return shown as ActivityWithTotals<Shown>;
}

async function checkProject(db: Executor, actor: Actor, projectId: string): Promise<void> {
  const found = await existingIds(db, actor.orgId, 'project', [projectId]);
  if (!found.has(projectId)) {
    throw invalid('No such project.', { projectId: [messageKey('validation.invalidChoice')] });
  }
}

function referenceTaken(error: unknown): boolean {
  return (
    error instanceof Error && /UNIQUE constraint failed: activity\.org_id, activity\.reference/.test(error.message)
  );
}

export async function createActivity(db: Executor, actor: Actor, input: CreateActivityInput): Promise<Activity> {
  await refuseParticipantCodes(db, actor, {
    title: input.title,
    reference: input.reference,
    city: input.city,
    description: input.description,
  });
  await checkProject(db, actor, input.projectId);
  let id: string;
  try {
    id = await insertActivity(db, actor.orgId, input);
  } catch (error) {
    if (referenceTaken(error)) {
      throw invalid('Another activity has this reference.', { reference: [messageKey('validation.duplicate')] });
    }
    throw error;
  }
  await audit(db, actor, 'create', 'activity', id, filledFields(input));
  return (await findActivity(db, actor.orgId, id)) as Activity;
}

export async function editActivity(db: Executor, actor: Actor, input: UpdateActivityInput): Promise<Activity> {
  await refuseParticipantCodes(db, actor, {
    title: input.title,
    reference: input.reference,
    city: input.city,
    description: input.description,
  });
  const before = await findActivity(db, actor.orgId, input.id);
  if (!before) throw notFound('activity');
  if (before.version !== input.version) throw stale('activity');
  await checkProject(db, actor, input.projectId);
  if (input.attendanceMode !== before.attendanceMode) {
    const totals = (await activityTotals(db, actor.orgId, [input.id])).get(input.id);
    if (totals && (totals.sessionsHeld > 0 || totals.enrolled > 0)) {
      throw invalid('Attendance is already recorded this way; the way it is taken can no longer change.', {
        attendanceMode: [messageKey('validation.wrongAttendanceMode')],
      });
    }
  }
  const outside = await sessionsOutside(db, actor.orgId, input.id, input.startDate, input.endDate);
  if (outside > 0) {
    throw invalid(`${outside} session(s) fall outside these dates; move them first.`, {
      startDate: [messageKey('validation.outsideActivityPeriod', { count: outside })],
      endDate: [messageKey('validation.outsideActivityPeriod', { count: outside })],
    });
  }
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  try {
    if (!(await updateActivity(db, actor.orgId, input))) throw stale('activity');
  } catch (error) {
    if (referenceTaken(error)) {
      throw invalid('Another activity has this reference.', { reference: [messageKey('validation.duplicate')] });
    }
    throw error;
  }
  await audit(db, actor, 'update', 'activity', input.id, changed);
  return (await findActivity(db, actor.orgId, input.id)) as Activity;
}

export async function removeActivity(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const activity = await requireActivityWithTotals(db, actor, input.id);
  const t = activity.totals;
  const outputs = await listOutputs(db, actor.orgId, input.id);
  if (t.sessionsHeld > 0 || t.enrolled > 0 || t.headCount > 0 || outputs.length > 0) {
    throw new DomainError(
      'CONFLICT',
      'This activity has attendance, enrolments, head counts or outputs that reports rely on; it cannot be deleted.',
    );
  }
  if (!(await deleteActivity(db, actor.orgId, input.id, input.version))) throw stale('activity');
  await audit(db, actor, 'delete', 'activity', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Sessions

function outsidePeriod(activity: Activity, date: string): boolean {
  return date < activity.startDate || date > activity.endDate;
}

export async function listActivitySessions(
  db: Executor,
  actor: Actor,
  input: { activityId: string; limit: number; offset: number },
): Promise<{ items: ShownActivitySession[]; total: number }> {
  const activity = await findActivity(db, actor.orgId, input.activityId);
  if (!activity) throw notFound('activity');
  const page = await listSessions(db, actor.orgId, input.activityId, input);
  const k = await countThreshold(db, actor);
  const line = (await headCountLines(db, actor, [activity.id], k)).get(activity.id) ?? showSessionHeadCounts([], k);
  const released = await sessionRelease(db, actor, k, activity.id);
  return {
    items: page.items.map((session) => showSession(session, line, k, released(session))),
    total: page.total,
  };
}

/**
 * Whether a session's people present may be shown beside the organisation's other figures: its
 * day's count in the joint release (ADR 0012), and only where the session is all of that day's
 * attendance at its activity (two sessions on one day share one figure).
 */
async function sessionRelease(db: Executor, actor: Actor, k: number | null, activityId: string) {
  const release = k === null ? null : await orgRelease(db, actor, k);
  // The register holds those enrolled at the time: shown only where it is the activity's
  // enrolled as shown (any other number beside them would be a small group joining or leaving).
  const enrolled = (await activityTotals(db, actor.orgId, [activityId])).get(activityId)?.enrolled ?? 0;
  const enrolledShown = release?.shown([activityId], 'enrolled', null, allTime) ?? true;
  return (session: ActivitySession): ReleasedPeople => {
    if (!release) return { attended: true, registered: true };
    const day = { from: session.date, to: session.date };
    return {
      registered: session.registered === 0 || (enrolledShown && session.registered === enrolled),
      attended:
        session.attended === 0 ||
        (release.shown([session.activityId], 'people', null, day) &&
          release.count([session.activityId], 'people', null, day) === session.attended),
    };
  };
}

/** A session with exact counts, for checks inside the API. */
async function requireSession(db: Executor, actor: Actor, id: string): Promise<ActivitySession> {
  const session = await findActivitySession(db, actor.orgId, id);
  if (!session) throw notFound('session');
  return session;
}

/** A session with its counts of people as the actor may see them (head counts against the activity's). */
async function showOneSession(
  db: Executor,
  actor: Actor,
  session: ActivitySession,
): Promise<{ session: ShownActivitySession; k: number | null }> {
  const k = await countThreshold(db, actor);
  const line =
    (await headCountLines(db, actor, [session.activityId], k)).get(session.activityId) ?? showSessionHeadCounts([], k);
  return {
    session: showSession(session, line, k, (await sessionRelease(db, actor, k, session.activityId))(session)),
    k,
  };
}

export async function getSession(db: Executor, actor: Actor, id: string): Promise<ShownActivitySession> {
  return (await showOneSession(db, actor, await requireSession(db, actor, id))).session;
}

/** Sessions on the organisation's today (its time zone), for the coordinator's start page. */
export async function todaysSessions(db: Executor, actor: Actor, now: Date) {
  const org = await findOrganizationById(db, actor.orgId);
  if (!org) throw notFound('organisation');
  const today = todayIn(org.timeZone, now);
  const rows = await sessionsOn(db, actor.orgId, today);
  return {
    date: today,
    sessions: rows.map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activityTitle: r.activity_title,
      attendanceMode: r.attendance_mode,
      city: r.city,
      date: r.date,
      startTime: r.start_time ?? null,
      minutes: Number(r.minutes),
      module: r.module,
      held: r.held_at !== null,
    })),
  };
}

export async function createSession(
  db: Executor,
  actor: Actor,
  input: CreateSessionInput,
): Promise<ShownActivitySession> {
  await refuseParticipantCodes(db, actor, { module: input.module, note: input.note });
  const activity = await findActivity(db, actor.orgId, input.activityId);
  if (!activity) throw notFound('activity');
  if (outsidePeriod(activity, input.date)) {
    throw invalid('The session falls outside the activity dates.', {
      date: [messageKey('validation.outsideActivityPeriod')],
    });
  }
  const [id] = await insertSessions(db, actor.orgId, activity.id, [input]);
  await audit(db, actor, 'create', 'activity_session', id as string, filledFields(input));
  return getSession(db, actor, id as string);
}

/** "8 weeks, Mon and Wed, 5 hours": creates every session at once; each is editable after. */
export async function generateActivitySessions(
  db: Executor,
  actor: Actor,
  input: GenerateSessionsInput,
): Promise<{ created: number; minutes: number }> {
  await refuseParticipantCodes(db, actor, { module: input.module });
  const activity = await findActivity(db, actor.orgId, input.activityId);
  if (!activity) throw notFound('activity');
  const sessions = generateSessions(input);
  if (sessions.length === 0) {
    throw invalid('The schedule gives no sessions.', { days: [messageKey('validation.required')] });
  }
  const outside = sessions.filter((s) => outsidePeriod(activity, s.date));
  if (outside.length > 0) {
    throw invalid('Some generated sessions fall outside the activity dates.', {
      [outsidePeriod(activity, input.startDate) ? 'startDate' : 'weeks']: [
        messageKey('validation.outsideActivityPeriod', { count: outside.length }),
      ],
    });
  }
  const ids = await insertSessions(
    db,
    actor.orgId,
    activity.id,
    sessions.map((s) => ({ ...s, startTime: input.startTime, module: input.module, note: null })),
  );
  await audit(db, actor, 'create', 'activity_session', activity.id, ['schedule']);
  return { created: ids.length, minutes: sessions.reduce((sum, s) => sum + s.minutes, 0) };
}

export async function editSession(
  db: Executor,
  actor: Actor,
  input: UpdateSessionInput,
): Promise<ShownActivitySession> {
  await refuseParticipantCodes(db, actor, { module: input.module, note: input.note });
  const before = await requireSession(db, actor, input.id);
  if (before.version !== input.version) throw stale('session');
  const activity = (await findActivity(db, actor.orgId, before.activityId)) as Activity;
  const fieldErrors: Record<string, string[]> = {};
  if (outsidePeriod(activity, input.date)) fieldErrors.date = [messageKey('validation.outsideActivityPeriod')];
  const longest = await longestAttendance(db, actor.orgId, input.id);
  if (input.minutes < longest) {
    fieldErrors.minutes = [messageKey('validation.minutesOverSession', { minutes: longest })];
  }
  if (Object.keys(fieldErrors).length > 0) throw invalid('The session cannot be changed so.', fieldErrors);
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return getSession(db, actor, input.id);
  if (!(await updateActivitySession(db, actor.orgId, input, fields))) throw stale('session');
  await audit(db, actor, 'update', 'activity_session', input.id, changed);
  return getSession(db, actor, input.id);
}

export async function removeSession(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const session = await requireSession(db, actor, input.id);
  if (session.registered > 0 || session.headCount !== null) {
    throw new DomainError('CONFLICT', 'Attendance or a head count is recorded for this session; it cannot be deleted.');
  }
  if (!(await deleteActivitySession(db, actor.orgId, input.id, input.version))) throw stale('session');
  await audit(db, actor, 'delete', 'activity_session', input.id, []);
}

// ---------------------------------------------------------------------------------------------
// Head counts

/**
 * A session's head count and its split by gender and age band. Roles that may not read the
 * register get both suppressed so that no hidden cell follows from the total.
 */
export async function getHeadCount(
  db: Executor,
  actor: Actor,
  sessionId: string,
): Promise<{ session: ShownActivitySession } & ShownHeadCountSplit> {
  const { session, k } = await showOneSession(db, actor, await requireSession(db, actor, sessionId));
  return { session, ...showHeadCountSplit(await headCountCellsOf(db, actor.orgId, sessionId), session.headCount, k) };
}

export async function recordHeadCount(
  db: Executor,
  actor: Actor,
  input: RecordHeadCountInput,
): Promise<ShownActivitySession> {
  const session = await requireSession(db, actor, input.sessionId);
  const activity = (await findActivity(db, actor.orgId, session.activityId)) as Activity;
  if (activity.attendanceMode !== 'headcount') {
    throw invalid('This activity keeps a register, not a head count.', {
      total: [messageKey('validation.wrongAttendanceMode')],
    });
  }
  if (session.version !== input.version) throw stale('session');
  if (!(await markSessionHeld(db, actor.orgId, { id: session.id, version: input.version }))) throw stale('session');
  await replaceHeadCount(db, actor.orgId, session.id, headCountCells(input.total, input.cells));
  await audit(db, actor, 'update', 'activity_session', session.id, ['headCount']);
  return getSession(db, actor, session.id);
}

// ---------------------------------------------------------------------------------------------
// Outputs

export async function listActivityOutputs(db: Executor, actor: Actor, activityId: string): Promise<Output[]> {
  const activity = await findActivity(db, actor.orgId, activityId);
  if (!activity) throw notFound('activity');
  return listOutputs(db, actor.orgId, activityId);
}

export async function createOutput(db: Executor, actor: Actor, input: CreateOutputInput): Promise<Output> {
  await refuseParticipantCodes(db, actor, { title: input.title, note: input.note });
  const activity = await findActivity(db, actor.orgId, input.activityId);
  if (!activity) throw notFound('activity');
  const output = await insertOutput(db, actor.orgId, input);
  await audit(db, actor, 'create', 'output', output.id, filledFields(input));
  return output;
}

export async function editOutput(db: Executor, actor: Actor, input: UpdateOutputInput): Promise<Output> {
  await refuseParticipantCodes(db, actor, { title: input.title, note: input.note });
  const before = await findOutput(db, actor.orgId, input.id);
  if (!before) throw notFound('output');
  if (before.version !== input.version) throw stale('output');
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  if (!(await updateOutput(db, actor.orgId, input))) throw stale('output');
  await audit(db, actor, 'update', 'output', input.id, changed);
  return (await findOutput(db, actor.orgId, input.id)) as Output;
}

export async function removeOutput(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const before = await findOutput(db, actor.orgId, input.id);
  if (!before) throw notFound('output');
  if (!(await deleteOutput(db, actor.orgId, input.id, input.version))) throw stale('output');
  await audit(db, actor, 'delete', 'output', input.id, []);
}

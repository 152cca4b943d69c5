import type { CreateDeadlineInput, DeadlineKind, ReportingDeadline, UpdateDeadlineInput } from '@tessera/domain';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { deleteAtVersion, updateAtVersion } from '../versioned';

const columns = [
  'id',
  'grant_id',
  'kind',
  'period_start',
  'period_end',
  'due_date',
  'submitted_date',
  'note',
  'version',
] as const;

function toDeadline(r: {
  id: string;
  grant_id: string;
  kind: string;
  period_start: string;
  period_end: string;
  due_date: string;
  submitted_date: string | null;
  note: string | null;
  version: number;
}): ReportingDeadline {
  return {
    id: r.id,
    grantId: r.grant_id,
    kind: r.kind as DeadlineKind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    submittedDate: r.submitted_date,
    note: r.note,
    version: r.version,
  };
}

export async function insertDeadline(db: Executor, orgId: string, input: CreateDeadlineInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('reporting_deadline')
    .values({
      id,
      org_id: orgId,
      grant_id: input.grantId,
      kind: input.kind,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      due_date: input.dueDate,
      submitted_date: input.submittedDate,
      note: input.note,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateDeadline(db: Executor, orgId: string, input: UpdateDeadlineInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'reporting_deadline',
    { orgId, id: input.id, version: input.version },
    {
      kind: input.kind,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      due_date: input.dueDate,
      submitted_date: input.submittedDate,
      note: input.note,
    },
  );
}

export async function deleteDeadline(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'reporting_deadline', { orgId, id, version });
}

export async function findDeadline(db: Executor, orgId: string, id: string): Promise<ReportingDeadline | undefined> {
  const r = await db
    .selectFrom('reporting_deadline')
    .select(columns)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toDeadline(r);
}

export async function listDeadlines(
  db: Executor,
  orgId: string,
  filter: { grantId?: string; openOnly?: boolean },
): Promise<ReportingDeadline[]> {
  let query = db.selectFrom('reporting_deadline').select(columns).where('org_id', '=', orgId);
  if (filter.grantId) query = query.where('grant_id', '=', filter.grantId);
  if (filter.openOnly) query = query.where('submitted_date', 'is', null);
  const rows = await query.orderBy('due_date').orderBy('id').execute();
  return rows.map(toDeadline);
}

/** Closes a deadline when its report is submitted (leaves an earlier submitted date alone). */
export async function markDeadlineSubmitted(
  db: Executor,
  orgId: string,
  id: string,
  submittedDate: string,
): Promise<void> {
  await db
    .updateTable('reporting_deadline')
    .set((eb) => ({ submitted_date: submittedDate, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('submitted_date', 'is', null)
    .execute();
}

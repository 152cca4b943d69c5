import type { Actor, CreateDeadlineInput, ReportingDeadline, UpdateDeadlineInput } from '@tessera/domain';
import { changedFields, DomainError, filledFields } from '@tessera/domain';
import {
  deleteDeadline,
  type Executor,
  findDeadline,
  insertAuditEvent,
  insertDeadline,
  listDeadlines,
  updateDeadline,
} from '@tessera/db';
import { refuseParticipantCodes } from './free-text';
import { requireGrant } from './grants.service';

const staleDeadline = () =>
  new DomainError('STALE_VERSION', 'Someone else changed this deadline. Reload, then try again.');

async function requireDeadline(db: Executor, actor: Actor, id: string): Promise<ReportingDeadline> {
  const deadline = await findDeadline(db, actor.orgId, id);
  if (!deadline) throw new DomainError('NOT_FOUND', 'No such deadline.');
  return deadline;
}

export async function listGrantDeadlines(db: Executor, actor: Actor, grantId: string): Promise<ReportingDeadline[]> {
  await requireGrant(db, actor, grantId);
  return listDeadlines(db, actor.orgId, { grantId });
}

export async function addDeadline(db: Executor, actor: Actor, input: CreateDeadlineInput): Promise<ReportingDeadline> {
  await refuseParticipantCodes(db, actor, { note: input.note });
  await requireGrant(db, actor, input.grantId);
  const id = await insertDeadline(db, actor.orgId, input);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'reporting_deadline',
    entityId: id,
    fields: filledFields(input),
  });
  return requireDeadline(db, actor, id);
}

export async function editDeadline(db: Executor, actor: Actor, input: UpdateDeadlineInput): Promise<ReportingDeadline> {
  await refuseParticipantCodes(db, actor, { note: input.note });
  const before = await requireDeadline(db, actor, input.id);
  if (before.version !== input.version) throw staleDeadline();
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  if (!(await updateDeadline(db, actor.orgId, input))) throw staleDeadline();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'reporting_deadline',
    entityId: input.id,
    fields: changed,
  });
  return requireDeadline(db, actor, input.id);
}

export async function removeDeadline(
  db: Executor,
  actor: Actor,
  input: { id: string; version: number },
): Promise<void> {
  await requireDeadline(db, actor, input.id);
  if (!(await deleteDeadline(db, actor.orgId, input.id, input.version))) throw staleDeadline();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'reporting_deadline',
    entityId: input.id,
  });
}

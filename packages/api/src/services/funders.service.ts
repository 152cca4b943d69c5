import type {
  Actor,
  CreateFunderInput,
  Funder,
  FunderRefInput,
  ListFundersInput,
  UpdateFunderInput,
} from '@tessera/domain';
import { changedFields, DomainError, filledFields } from '@tessera/domain';
import {
  type Executor,
  findFunder,
  insertAuditEvent,
  insertFunder,
  listFunders,
  setFunderArchived,
  updateFunder,
} from '@tessera/db';
import { refuseParticipantCodes } from './free-text';

export function listOrganizationFunders(db: Executor, actor: Actor, input: ListFundersInput) {
  return listFunders(db, actor.orgId, input);
}

export async function getFunder(db: Executor, actor: Actor, id: string): Promise<Funder> {
  const funder = await findFunder(db, actor.orgId, id);
  // Another organisation's funder is indistinguishable from a missing one.
  if (!funder) throw new DomainError('NOT_FOUND', 'No such funder.');
  return funder;
}

/** A funder's free text (every member reads funders). */
function funderTexts(input: CreateFunderInput): Record<string, string | null> {
  return { name: input.name, contactName: input.contactName, notes: input.notes };
}

export async function createFunder(db: Executor, actor: Actor, input: CreateFunderInput): Promise<Funder> {
  await refuseParticipantCodes(db, actor, funderTexts(input));
  const funder = await insertFunder(db, actor.orgId, input);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'funder',
    entityId: funder.id,
    fields: filledFields(input),
  });
  return funder;
}

function staleVersion(): DomainError {
  return new DomainError(
    'STALE_VERSION',
    'Someone else changed this funder after you opened it. Reload to see their changes, then edit again.',
  );
}

export async function editFunder(db: Executor, actor: Actor, input: UpdateFunderInput): Promise<Funder> {
  await refuseParticipantCodes(db, actor, funderTexts(input));
  const before = await getFunder(db, actor, input.id);
  if (before.version !== input.version) throw staleVersion();
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  const after = await updateFunder(db, actor.orgId, input);
  if (!after) throw staleVersion();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'funder',
    entityId: input.id,
    fields: changed,
  });
  return after;
}

export async function archiveFunder(
  db: Executor,
  actor: Actor,
  input: FunderRefInput,
  archived: boolean,
): Promise<Funder> {
  const before = await getFunder(db, actor, input.id);
  if (before.version !== input.version) throw staleVersion();
  if ((before.archivedAt !== null) === archived) return before;
  const after = await setFunderArchived(db, actor.orgId, input.id, input.version, archived);
  if (!after) throw staleVersion();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: archived ? 'archive' : 'restore',
    entity: 'funder',
    entityId: input.id,
    fields: ['archivedAt'],
  });
  return after;
}

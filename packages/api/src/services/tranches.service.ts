import { once, withoutKey } from './idempotency';
import type { Actor, CreateTrancheInput, Grant, Tranche, UpdateTrancheInput } from '@tessera/domain';
import { changedFields, DomainError, filledFields, impliedRate } from '@tessera/domain';
import {
  deleteTranche,
  type Executor,
  findTranche,
  insertAuditEvent,
  insertTranche,
  listTranches,
  type TrancheRecord,
  updateTranche,
} from '@tessera/db';
import { refuseParticipantCodes } from './free-text';
import { refuseUnlikelyTrancheRate } from './typed-rates';
import { requireGrant, requireOrganization } from './grants.service';
import { refuseOverMoneyLimits } from './money-limits';

/** Adds the rate the bank actually gave, implied by the two received amounts. */
async function withRates(db: Executor, actor: Actor, grantId: string, records: TrancheRecord[]): Promise<Tranche[]> {
  const grant = await requireGrant(db, actor, grantId);
  const org = await requireOrganization(db, actor);
  return records.map((t) => ({
    ...t,
    receivedRate:
      t.receivedAmountMinor && t.receivedBaseMinor !== null
        ? impliedRate(t.receivedAmountMinor, grant.currency, t.receivedBaseMinor, org.baseCurrency)
        : null,
  }));
}

/** A tranche's amounts must keep the grant's (and the organisation's) totals within their limits. */
async function refuseOverTrancheLimits(
  db: Executor,
  actor: Actor,
  grant: Grant,
  input: Pick<CreateTrancheInput, 'expectedAmountMinor' | 'receivedAmountMinor' | 'receivedBaseMinor'>,
  exceptId = '',
): Promise<void> {
  const org = await requireOrganization(db, actor);
  await refuseOverMoneyLimits(
    db,
    actor,
    grant,
    {
      grant: {
        expectedMinor: { amountMinor: input.expectedAmountMinor, field: 'expectedAmountMinor' },
        receivedMinor: { amountMinor: input.receivedAmountMinor, field: 'receivedAmountMinor' },
        receivedBaseMinor: { amountMinor: input.receivedBaseMinor, field: 'receivedBaseMinor' },
      },
      organization: { receivedMinor: { amountMinor: input.receivedAmountMinor, field: 'receivedAmountMinor' } },
      baseCurrency: org.baseCurrency,
    },
    exceptId,
  );
}

export async function listGrantTranches(db: Executor, actor: Actor, grantId: string): Promise<Tranche[]> {
  await requireGrant(db, actor, grantId);
  return withRates(db, actor, grantId, await listTranches(db, actor.orgId, grantId));
}

const staleTranche = () =>
  new DomainError('STALE_VERSION', 'Someone else changed this tranche. Reload, then try again.');

async function requireTranche(db: Executor, actor: Actor, id: string): Promise<Tranche> {
  const record = await findTranche(db, actor.orgId, id);
  if (!record) throw new DomainError('NOT_FOUND', 'No such tranche.');
  const [tranche] = await withRates(db, actor, record.grantId, [record]);
  if (!tranche) throw new DomainError('NOT_FOUND', 'No such tranche.');
  return tranche;
}

export async function addTranche(db: Executor, actor: Actor, input: CreateTrancheInput): Promise<Tranche> {
  const { id } = await once(db, actor, 'tranche', input.idempotencyKey, async () => {
    await refuseParticipantCodes(db, actor, { note: input.note });
    const grant = await requireGrant(db, actor, input.grantId);
    await refuseOverTrancheLimits(db, actor, grant, input);
    await refuseUnlikelyTrancheRate(db, actor, grant, input);
    const made = await insertTranche(db, actor.orgId, input);
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'tranche',
      entityId: made,
      fields: filledFields(withoutKey(input)),
    });
    return made;
  });
  return requireTranche(db, actor, id);
}

export async function editTranche(db: Executor, actor: Actor, input: UpdateTrancheInput): Promise<Tranche> {
  await refuseParticipantCodes(db, actor, { note: input.note });
  const before = await requireTranche(db, actor, input.id);
  if (before.version !== input.version) throw staleTranche();
  const { id: _id, version: _version, confirmRate: _confirmRate, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  await refuseOverTrancheLimits(db, actor, await requireGrant(db, actor, before.grantId), input, input.id);
  await refuseUnlikelyTrancheRate(db, actor, await requireGrant(db, actor, before.grantId), input);
  if (!(await updateTranche(db, actor.orgId, input))) throw staleTranche();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'tranche',
    entityId: input.id,
    fields: changed,
  });
  return requireTranche(db, actor, input.id);
}

export async function removeTranche(db: Executor, actor: Actor, input: { id: string; version: number }): Promise<void> {
  await requireTranche(db, actor, input.id);
  if (!(await deleteTranche(db, actor.orgId, input.id, input.version))) throw staleTranche();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'tranche',
    entityId: input.id,
  });
}

import { once, withoutKey } from './idempotency';
import type {
  Actor,
  BudgetVsActual,
  ChangeGrantStatusInput,
  CreateGrantInput,
  Grant,
  GrantStatus,
  GrantStatusChange,
  ListGrantsInput,
  Organization,
  UpdateGrantInput,
} from '@tessera/domain';
import {
  canTransition,
  changedFields,
  computeBudgetVsActual,
  DomainError,
  filledFields,
  grantTransitions,
  todayIn,
} from '@tessera/domain';
import {
  countGrantMoneyRecords,
  type Executor,
  findFunder,
  findGrant,
  findGrantByReference,
  findOrganizationById,
  type GrantSummary,
  insertAuditEvent,
  insertGrant,
  insertGrantStatusChange,
  listGrantStatusChanges,
  listGrants,
  setGrantStatus,
  sumConvertedSpending,
  sumReceived,
  sumSpendingByLine,
  updateGrant,
} from '@tessera/db';
import { refuseParticipantCodes } from './free-text';
import { refuseOverMoneyLimits } from './money-limits';

export async function requireOrganization(db: Executor, actor: Actor): Promise<Organization> {
  const org = await findOrganizationById(db, actor.orgId);
  if (!org) throw new DomainError('NOT_FOUND', 'No such organisation.');
  return org;
}

/** The grant, if it is this organisation's; another's is indistinguishable from a missing one. */
export async function requireGrant(db: Executor, actor: Actor, id: string): Promise<Grant> {
  const grant = await findGrant(db, actor.orgId, id);
  if (!grant) throw new DomainError('NOT_FOUND', 'No such grant.');
  return grant;
}

function staleGrant(): DomainError {
  return new DomainError(
    'STALE_VERSION',
    'Someone else changed this grant after you opened it. Reload, then try again.',
  );
}

async function checkFunderAndReference(
  db: Executor,
  actor: Actor,
  input: { funderId: string; reference: string | null },
  grantId?: string,
) {
  const funder = await findFunder(db, actor.orgId, input.funderId);
  if (!funder) {
    throw new DomainError('VALIDATION', 'No such funder.', { fieldErrors: { funderId: ['validation.invalidChoice'] } });
  }
  if (input.reference) {
    const clash = await findGrantByReference(db, actor.orgId, input.reference);
    if (clash && clash.id !== grantId) {
      throw new DomainError('VALIDATION', 'Another grant already has this reference.', {
        fieldErrors: { reference: ['validation.duplicate'] },
      });
    }
  }
}

export async function listOrganizationGrants(
  db: Executor,
  actor: Actor,
  input: ListGrantsInput,
  now: Date,
): Promise<GrantSummary[]> {
  const org = await requireOrganization(db, actor);
  return listGrants(db, actor.orgId, input, todayIn(org.timeZone, now));
}

export interface GrantDetail {
  grant: Grant;
  history: GrantStatusChange[];
  /** The statuses this grant may move to next. */
  nextStatuses: readonly GrantStatus[];
  baseCurrency: string;
}

export async function getGrantDetail(db: Executor, actor: Actor, id: string): Promise<GrantDetail> {
  const grant = await requireGrant(db, actor, id);
  const org = await requireOrganization(db, actor);
  return {
    grant,
    history: await listGrantStatusChanges(db, actor.orgId, id),
    nextStatuses: grantTransitions[grant.status],
    baseCurrency: org.baseCurrency,
  };
}

/** A grant's free text (finance screens, the dashboard and every report pack's cover show it). */
function grantTexts(
  input: Pick<CreateGrantInput, 'title' | 'reference' | 'restrictions' | 'notes'>,
): Record<string, string | null> {
  return { title: input.title, reference: input.reference, restrictions: input.restrictions, notes: input.notes };
}

/** The organisation's awards in one currency are added up on the dashboard: they must stay exact. */
function refuseOverAwardLimit(
  db: Executor,
  actor: Actor,
  input: { currency: string; amountMinor: number },
  grantId = '',
): Promise<void> {
  return refuseOverMoneyLimits(
    db,
    actor,
    { id: grantId, currency: input.currency },
    { organization: { awardedMinor: { amountMinor: input.amountMinor, field: 'amountMinor' } } },
    grantId,
  );
}

export async function createGrant(db: Executor, actor: Actor, input: CreateGrantInput, now: Date): Promise<Grant> {
  const { status, idempotencyKey, ...fields } = input;
  // A retry of the same form finds its grant before the checks (its reference is taken by now).
  const { id } = await once(db, actor, 'grant', idempotencyKey, async () => {
    await refuseParticipantCodes(db, actor, grantTexts(input));
    await checkFunderAndReference(db, actor, input);
    await refuseOverAwardLimit(db, actor, input);
    const org = await requireOrganization(db, actor);
    const made = await insertGrant(db, actor.orgId, fields, status);
    await insertGrantStatusChange(db, actor.orgId, {
      id: made,
      status,
      date: todayIn(org.timeZone, now),
      note: null,
      userId: actor.userId,
    });
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'grant',
      entityId: made,
      fields: filledFields(withoutKey(input)),
    });
    return made;
  });
  return requireGrant(db, actor, id);
}

export async function editGrant(db: Executor, actor: Actor, input: UpdateGrantInput): Promise<Grant> {
  await refuseParticipantCodes(db, actor, grantTexts(input));
  const before = await requireGrant(db, actor, input.id);
  if (before.version !== input.version) throw staleGrant();
  await checkFunderAndReference(db, actor, input, input.id);
  if (input.currency !== before.currency && (await countGrantMoneyRecords(db, input.id)) > 0) {
    throw new DomainError(
      'VALIDATION',
      'The currency cannot change once budget lines, tranches or expenditures exist.',
      {
        fieldErrors: { currency: ['validation.currencyLocked'] },
      },
    );
  }
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  await refuseOverAwardLimit(db, actor, input, input.id);
  if (!(await updateGrant(db, actor.orgId, input))) throw staleGrant();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'grant',
    entityId: input.id,
    fields: changed,
  });
  return requireGrant(db, actor, input.id);
}

export async function changeGrantStatus(db: Executor, actor: Actor, input: ChangeGrantStatusInput): Promise<Grant> {
  await refuseParticipantCodes(db, actor, { note: input.note });
  const grant = await requireGrant(db, actor, input.id);
  if (grant.version !== input.version) throw staleGrant();
  if (!canTransition(grant.status, input.status)) {
    throw new DomainError('VALIDATION', `A ${grant.status} grant cannot become ${input.status}.`, {
      fieldErrors: { status: ['validation.impossibleTransition'] },
    });
  }
  const changed = await setGrantStatus(db, actor.orgId, { ...input, userId: actor.userId });
  if (!changed) throw staleGrant();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'grant',
    entityId: grant.id,
    fields: ['status'],
  });
  return requireGrant(db, actor, grant.id);
}

export async function getBudgetVsActual(
  db: Executor,
  actor: Actor,
  grantId: string,
  now: Date,
): Promise<BudgetVsActual> {
  const grant = await requireGrant(db, actor, grantId);
  const org = await requireOrganization(db, actor);
  return computeBudgetVsActual({
    grant,
    baseCurrency: org.baseCurrency,
    lines: await sumSpendingByLine(db, actor.orgId, grantId),
    received: await sumReceived(db, actor.orgId, grantId),
    spentConverted: await sumConvertedSpending(db, actor.orgId, grantId),
    today: todayIn(org.timeZone, now),
  });
}

import type {
  Actor,
  CreateMatchContributionInput,
  Grant,
  MatchContribution,
  MatchContributionFields,
  MatchSummary,
  UpdateMatchContributionInput,
} from '@tessera/domain';
import { changedFields, filledFields, matchSummary, messageKey } from '@tessera/domain';
import {
  deleteMatchContribution,
  type Executor,
  findMatchContribution,
  insertAuditEvent,
  insertMatchContribution,
  listMatchContributions,
  sumMatchContributions,
  updateMatchContribution,
} from '@tessera/db';
import { attachFile, detachFile, readAttachedFile } from './attached-files';
import { invalid, notFound, stale } from './errors';
import { refuseParticipantCodes } from './free-text';
import { requireGrant } from './grants.service';
import { once, withoutKey } from './idempotency';
import { refuseOverMoneyLimits } from './money-limits';

/**
 * Cost share and match: contributions in cash and in kind towards a grant's required match.
 * Their sources, descriptions and evidence are read like the ledger (finance and admin); what
 * they add up to against the requirement is a grant figure every member reads.
 */

export async function listGrantMatch(db: Executor, actor: Actor, grantId: string): Promise<MatchContribution[]> {
  await requireGrant(db, actor, grantId);
  return listMatchContributions(db, actor.orgId, grantId);
}

/** Required, contributed (cash, in kind, total), remaining and share met, to date. */
export async function grantMatchSummary(db: Executor, actor: Actor, grantId: string): Promise<MatchSummary> {
  const grant = await requireGrant(db, actor, grantId);
  return matchSummary(grant.costShareMinor, await sumMatchContributions(db, actor.orgId, grantId));
}

/** The checks every write makes before anything is written: free text, the grant's period, the limits. */
async function refuseInvalid(
  db: Executor,
  actor: Actor,
  grant: Grant,
  input: MatchContributionFields,
  exceptId = '',
): Promise<void> {
  await refuseParticipantCodes(db, actor, {
    source: input.source,
    description: input.description,
    evidenceReference: input.evidenceReference,
  });
  if (input.date < grant.startDate || input.date > grant.endDate) {
    throw invalid(`The date must fall within the grant period (${grant.startDate} – ${grant.endDate}).`, {
      date: [messageKey('validation.outsideGrantPeriod', { start: grant.startDate, end: grant.endDate })],
    });
  }
  await refuseOverMoneyLimits(
    db,
    actor,
    grant,
    { grant: { matchedMinor: { amountMinor: input.amountMinor, field: 'amountMinor' } } },
    exceptId,
  );
}

async function requireContribution(db: Executor, actor: Actor, id: string): Promise<MatchContribution> {
  const found = await findMatchContribution(db, actor.orgId, id);
  if (!found) throw notFound('contribution');
  return found;
}

export async function addMatchContribution(
  db: Executor,
  actor: Actor,
  input: CreateMatchContributionInput,
): Promise<MatchContribution> {
  const { id } = await once(db, actor, 'match_contribution', input.idempotencyKey, async () => {
    const grant = await requireGrant(db, actor, input.grantId);
    await refuseInvalid(db, actor, grant, input);
    const made = await insertMatchContribution(db, actor.orgId, withoutKey(input));
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'match_contribution',
      entityId: made,
      fields: filledFields(withoutKey(input)),
    });
    return made;
  });
  return requireContribution(db, actor, id);
}

export async function editMatchContribution(
  db: Executor,
  actor: Actor,
  input: UpdateMatchContributionInput,
): Promise<MatchContribution> {
  const before = await requireContribution(db, actor, input.id);
  if (before.version !== input.version) throw stale('contribution');
  const { id: _id, version: _version, ...fields } = input;
  const changed = changedFields(before, fields);
  if (changed.length === 0) return before;
  await refuseInvalid(db, actor, await requireGrant(db, actor, before.grantId), input, input.id);
  if (!(await updateMatchContribution(db, actor.orgId, input))) throw stale('contribution');
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'match_contribution',
    entityId: input.id,
    fields: changed,
  });
  return requireContribution(db, actor, input.id);
}

export async function removeMatchContribution(
  db: Executor,
  actor: Actor,
  input: { id: string; version: number },
): Promise<void> {
  await requireContribution(db, actor, input.id);
  if (!(await deleteMatchContribution(db, actor.orgId, input.id, input.version))) throw stale('contribution');
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'match_contribution',
    entityId: input.id,
  });
}

/** Keeps a contribution's evidence file (a PDF or an image, checked like a receipt), replacing any. */
export async function attachMatchEvidence(
  db: Executor,
  actor: Actor,
  input: { contributionId: string; fileName: string; content: Uint8Array },
): Promise<MatchContribution> {
  await requireContribution(db, actor, input.contributionId);
  await attachFile(db, actor, 'evidence', {
    ownerId: input.contributionId,
    fileName: input.fileName,
    content: input.content,
  });
  return requireContribution(db, actor, input.contributionId);
}

export async function detachMatchEvidence(
  db: Executor,
  actor: Actor,
  contributionId: string,
): Promise<MatchContribution> {
  await requireContribution(db, actor, contributionId);
  await detachFile(db, actor, 'evidence', contributionId);
  return requireContribution(db, actor, contributionId);
}

export function readMatchEvidence(db: Executor, actor: Actor, contributionId: string) {
  return readAttachedFile(db, actor, 'evidence', contributionId);
}

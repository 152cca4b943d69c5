import type {
  Actor,
  BudgetLine,
  BudgetRevision,
  CreateBudgetLineInput,
  ReviseBudgetInput,
  UpdateBudgetLineInput,
} from '@tessera/domain';
import { DomainError, filledFields, isBalancedRevision } from '@tessera/domain';
import {
  countLineUse,
  deleteBudgetLine,
  type Executor,
  findBudgetLine,
  findBudgetLineByCode,
  insertAuditEvent,
  insertBudgetLine,
  insertBudgetRevision,
  listBudgetLines,
  listBudgetRevisions,
  updateBudgetLine,
} from '@tessera/db';
import { refuseParticipantCodes } from './free-text';
import { requireGrant } from './grants.service';

export async function listLines(db: Executor, actor: Actor, grantId: string): Promise<BudgetLine[]> {
  await requireGrant(db, actor, grantId);
  return listBudgetLines(db, actor.orgId, grantId);
}

export async function listRevisions(db: Executor, actor: Actor, grantId: string): Promise<BudgetRevision[]> {
  await requireGrant(db, actor, grantId);
  return listBudgetRevisions(db, actor.orgId, grantId);
}

async function refuseDuplicateCode(db: Executor, grantId: string, code: string, lineId?: string) {
  const clash = await findBudgetLineByCode(db, grantId, code);
  if (clash && clash.id !== lineId) {
    throw new DomainError('VALIDATION', 'Another line of this grant has this code.', {
      fieldErrors: { code: ['validation.duplicate'] },
    });
  }
}

export async function addLine(db: Executor, actor: Actor, input: CreateBudgetLineInput): Promise<BudgetLine> {
  await refuseParticipantCodes(db, actor, {
    code: input.code,
    category: input.category,
    description: input.description,
  });
  await requireGrant(db, actor, input.grantId);
  await refuseDuplicateCode(db, input.grantId, input.code);
  const line = await insertBudgetLine(db, actor.orgId, input);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'budget_line',
    entityId: line.id,
    fields: filledFields(input),
  });
  return line;
}

async function requireLine(db: Executor, actor: Actor, id: string): Promise<BudgetLine> {
  const line = await findBudgetLine(db, actor.orgId, id);
  if (!line) throw new DomainError('NOT_FOUND', 'No such budget line.');
  return line;
}

const staleLine = () =>
  new DomainError('STALE_VERSION', 'Someone else changed this budget line. Reload, then try again.');

/** Code, category and description; amounts change only through a recorded revision. */
export async function editLine(db: Executor, actor: Actor, input: UpdateBudgetLineInput): Promise<BudgetLine> {
  await refuseParticipantCodes(db, actor, {
    code: input.code,
    category: input.category,
    description: input.description,
  });
  const before = await requireLine(db, actor, input.id);
  if (before.version !== input.version) throw staleLine();
  await refuseDuplicateCode(db, before.grantId, input.code, input.id);
  if (!(await updateBudgetLine(db, actor.orgId, input))) throw staleLine();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'budget_line',
    entityId: input.id,
    fields: ['code', 'category', 'description'].filter(
      (f) => before[f as keyof BudgetLine] !== input[f as keyof UpdateBudgetLineInput],
    ),
  });
  return requireLine(db, actor, input.id);
}

/** A line nothing was spent on and no revision touched can go; otherwise it stays for the record. */
export async function removeLine(db: Executor, actor: Actor, input: { id: string; version: number }): Promise<void> {
  const line = await requireLine(db, actor, input.id);
  if (line.version !== input.version) throw staleLine();
  if ((await countLineUse(db, line.id)) > 0) {
    throw new DomainError('CONFLICT', 'Money was spent on this line or a revision moved it; it cannot be deleted.', {
      fieldErrors: { id: ['validation.lineInUse'] },
    });
  }
  await deleteBudgetLine(db, actor.orgId, line.id);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'budget_line',
    entityId: line.id,
  });
}

/**
 * Records a reallocation: new amounts for some lines, dated and justified, keeping the total.
 * The original amounts and every earlier revision stay visible.
 */
export async function reviseBudget(db: Executor, actor: Actor, input: ReviseBudgetInput): Promise<BudgetRevision[]> {
  await refuseParticipantCodes(db, actor, { justification: input.justification });
  await requireGrant(db, actor, input.grantId);
  const lines = new Map((await listBudgetLines(db, actor.orgId, input.grantId)).map((l) => [l.id, l]));
  const seen = new Set<string>();
  const changes: { budgetLineId: string; before: number; after: number }[] = [];
  for (const [index, change] of input.lines.entries()) {
    const line = lines.get(change.budgetLineId);
    if (!line || seen.has(change.budgetLineId)) {
      throw new DomainError('VALIDATION', 'A line in this revision is not one of the grant’s lines.', {
        fieldErrors: { [`lines.${index}.budgetLineId`]: ['validation.wrongGrant'] },
      });
    }
    seen.add(change.budgetLineId);
    if (line.amountMinor !== change.amountMinor)
      changes.push({ budgetLineId: line.id, before: line.amountMinor, after: change.amountMinor });
  }
  if (changes.length === 0) {
    throw new DomainError('VALIDATION', 'The revision changes no amount.', {
      fieldErrors: { lines: ['validation.required'] },
    });
  }
  if (!isBalancedRevision(changes)) {
    throw new DomainError('VALIDATION', 'A revision moves money between lines: the total must stay the same.', {
      fieldErrors: { lines: ['validation.unbalancedRevision'] },
    });
  }
  const revisionId = await insertBudgetRevision(db, actor.orgId, {
    grantId: input.grantId,
    date: input.date,
    justification: input.justification,
    userId: actor.userId,
    changes,
  });
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'budget_revision',
    entityId: revisionId,
    fields: ['date', 'justification', 'lines'],
  });
  return listBudgetRevisions(db, actor.orgId, input.grantId);
}

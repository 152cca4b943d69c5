import { once, withoutKey } from './idempotency';
import type {
  Actor,
  BudgetLine,
  BudgetRevision,
  CreateBudgetLineInput,
  ReviseBudgetInput,
  UpdateBudgetLineInput,
} from '@tessera/domain';
import { budgetViewConflicts, DomainError, filledFields, isBalancedRevision, parseMessageKey } from '@tessera/domain';
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
import { refuseOverMoneyLimits } from './money-limits';
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
  // A retry of the same form finds its line before the checks (its code is taken by now).
  const { id } = await once(db, actor, 'budget_line', input.idempotencyKey, async () => {
    await refuseParticipantCodes(db, actor, {
      code: input.code,
      category: input.category,
      description: input.description,
    });
    const grant = await requireGrant(db, actor, input.grantId);
    await refuseDuplicateCode(db, input.grantId, input.code);
    await refuseOverMoneyLimits(db, actor, grant, {
      grant: { budgetMinor: { amountMinor: input.amountMinor, field: 'amountMinor' } },
    });
    const line = await insertBudgetLine(db, actor.orgId, input);
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'budget_line',
      entityId: line.id,
      fields: filledFields(withoutKey(input)),
    });
    return line.id;
  });
  return requireLine(db, actor, id);
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
    fields: (['code', 'category', 'description'] as const).filter(
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
 * The input is the whole budget as the user saw it: if anyone changed, added or deleted a line
 * since, the revision is refused as a conflict naming what changed, and nothing is written. The
 * moves recorded are the ones the user typed (from the amounts they saw). The original amounts
 * and every earlier revision stay visible.
 */
export async function reviseBudget(db: Executor, actor: Actor, input: ReviseBudgetInput): Promise<BudgetRevision[]> {
  await refuseParticipantCodes(db, actor, { justification: input.justification });
  await requireGrant(db, actor, input.grantId);
  // A retry of a revision that was saved finds it before the conflict check: the lines it moved
  // carry new versions now, and the retry must answer the first result, not a conflict.
  const { id } = await once(db, actor, 'budget_revision', input.idempotencyKey, () => recordRevision(db, actor, input));
  const revisions = await listBudgetRevisions(db, actor.orgId, input.grantId);
  if (!revisions.some((revision) => revision.id === id))
    throw new DomainError('NOT_FOUND', 'This form already saved a revision of another grant.');
  return revisions;
}

async function recordRevision(db: Executor, actor: Actor, input: ReviseBudgetInput): Promise<string> {
  const current = await listBudgetLines(db, actor.orgId, input.grantId);
  const seen = new Set<string>();
  for (const [index, line] of input.lines.entries()) {
    if (seen.has(line.budgetLineId)) {
      throw new DomainError('VALIDATION', 'A line appears twice in this revision.', {
        fieldErrors: { [`lines.${index}.budgetLineId`]: ['validation.wrongGrant'] },
      });
    }
    seen.add(line.budgetLineId);
  }
  const conflicts = budgetViewConflicts(input.lines, current);
  if (Object.keys(conflicts).length > 0) {
    throw new DomainError('STALE_VERSION', staleBudgetMessage(conflicts), { fieldErrors: conflicts });
  }
  const changes = input.lines
    .filter((line) => line.amountMinor !== line.amountBeforeMinor)
    .map((line) => ({
      budgetLineId: line.budgetLineId,
      version: line.version,
      before: line.amountBeforeMinor,
      after: line.amountMinor,
    }));
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
  if (revisionId === null) {
    // A concurrent writer got in between the read above and the versioned update.
    throw new DomainError('STALE_VERSION', 'Someone else revised this budget. Reload, then try again.');
  }
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'budget_revision',
    entityId: revisionId,
    fields: ['date', 'justification', 'lines'],
  });
  return revisionId;
}

/** The conflict in English for logs and the CLI; the web app translates the field messages. */
function staleBudgetMessage(conflicts: Record<string, string[]>): string {
  const named = Object.values(conflicts)
    .flat()
    .map((message) => {
      const { key, params } = parseMessageKey(message);
      return `${key.replace('validation.budgetLine', '').toLowerCase()}${params.code ? ` ${params.code}` : ''}`;
    });
  return `Someone else changed this budget after you opened the revision (${named.join(', ')}). Nothing was saved.`;
}

import type {
  BudgetLine,
  BudgetRevision,
  CreateBudgetLineInput,
  LineTotals,
  UpdateBudgetLineInput,
} from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { updateAtVersion } from '../versioned';

type LineRow = {
  id: string;
  grant_id: string;
  code: string;
  category: string;
  description: string | null;
  original_amount_minor: number;
  amount_minor: number;
  version: number;
};

function toLine(row: LineRow): BudgetLine {
  return {
    id: row.id,
    grantId: row.grant_id,
    code: row.code,
    category: row.category,
    description: row.description,
    originalAmountMinor: Number(row.original_amount_minor),
    amountMinor: Number(row.amount_minor),
    version: row.version,
  };
}

const lineColumns = [
  'id',
  'grant_id',
  'code',
  'category',
  'description',
  'original_amount_minor',
  'amount_minor',
  'version',
] as const;

/** Budget codes sort as people write them: 1, 1.2, 2, 10 (numeric parts compared as numbers). */
function byCode(a: { code: string }, b: { code: string }): number {
  return a.code.localeCompare(b.code, 'en', { numeric: true });
}

export async function insertBudgetLine(db: Executor, orgId: string, input: CreateBudgetLineInput): Promise<BudgetLine> {
  const now = nowIso();
  const row = {
    id: newId(),
    org_id: orgId,
    grant_id: input.grantId,
    code: input.code,
    category: input.category,
    description: input.description,
    original_amount_minor: input.amountMinor,
    amount_minor: input.amountMinor,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('budget_line').values(row).execute();
  return toLine(row);
}

export async function listBudgetLines(db: Executor, orgId: string, grantId: string): Promise<BudgetLine[]> {
  const rows = await db
    .selectFrom('budget_line')
    .select(lineColumns)
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .execute();
  return rows.map(toLine).sort(byCode);
}

export async function findBudgetLine(db: Executor, orgId: string, id: string): Promise<BudgetLine | undefined> {
  const row = await db
    .selectFrom('budget_line')
    .select(lineColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLine(row);
}

export async function findBudgetLineByCode(
  db: Executor,
  grantId: string,
  code: string,
): Promise<BudgetLine | undefined> {
  const row = await db
    .selectFrom('budget_line')
    .select(lineColumns)
    .where('grant_id', '=', grantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row && toLine(row);
}

export async function updateBudgetLine(db: Executor, orgId: string, input: UpdateBudgetLineInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'budget_line',
    { orgId, id: input.id, version: input.version },
    {
      code: input.code,
      category: input.category,
      description: input.description,
    },
  );
}

export async function deleteBudgetLine(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('budget_line').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function countLineUse(db: Executor, lineId: string): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('expenditure')
        .select(eb.fn.countAll<number>().as('n'))
        .where('budget_line_id', '=', lineId)
        .as('spent'),
      eb
        .selectFrom('budget_revision_line')
        .select(eb.fn.countAll<number>().as('n'))
        .where('budget_line_id', '=', lineId)
        .as('revised'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.spent ?? 0) + Number(row.revised ?? 0);
}

/**
 * Records a revision and applies the new amounts; `changes` hold before and after per line and
 * the version each line had when read. Returns null, having written nothing the caller's
 * transaction would keep, when a line is no longer at that version (the caller throws).
 */
export async function insertBudgetRevision(
  db: Executor,
  orgId: string,
  input: {
    grantId: string;
    date: string;
    justification: string;
    userId: string | null;
    changes: { budgetLineId: string; version: number; before: number; after: number }[];
  },
): Promise<string | null> {
  const id = newId();
  const now = nowIso();
  for (const change of input.changes) {
    const updated = await db
      .updateTable('budget_line')
      .set((eb) => ({ amount_minor: change.after, version: eb('version', '+', 1), updated_at: now }))
      .where('org_id', '=', orgId)
      .where('id', '=', change.budgetLineId)
      .where('version', '=', change.version)
      .where('amount_minor', '=', change.before)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
  }
  await db
    .insertInto('budget_revision')
    .values({
      id,
      org_id: orgId,
      grant_id: input.grantId,
      date: input.date,
      justification: input.justification,
      user_id: input.userId,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('budget_revision_line')
    .values(
      input.changes.map((c) => ({
        revision_id: id,
        budget_line_id: c.budgetLineId,
        amount_before_minor: c.before,
        amount_after_minor: c.after,
      })),
    )
    .execute();
  return id;
}

export async function listBudgetRevisions(db: Executor, orgId: string, grantId: string): Promise<BudgetRevision[]> {
  const rows = await db
    .selectFrom('budget_revision')
    .innerJoin('budget_revision_line', 'budget_revision_line.revision_id', 'budget_revision.id')
    .innerJoin('budget_line', 'budget_line.id', 'budget_revision_line.budget_line_id')
    .select([
      'budget_revision.id',
      'budget_revision.date',
      'budget_revision.justification',
      'budget_revision.created_at',
      'budget_revision_line.budget_line_id',
      'budget_line.code',
      'budget_revision_line.amount_before_minor',
      'budget_revision_line.amount_after_minor',
    ])
    .where('budget_revision.org_id', '=', orgId)
    .where('budget_revision.grant_id', '=', grantId)
    .orderBy('budget_revision.date')
    .orderBy('budget_revision.created_at')
    .execute();
  const revisions = new Map<string, BudgetRevision>();
  for (const row of rows) {
    let revision = revisions.get(row.id);
    if (!revision) {
      revision = {
        id: row.id,
        date: row.date,
        justification: row.justification,
        createdAt: row.created_at,
        changes: [],
      };
      revisions.set(row.id, revision);
    }
    revision.changes.push({
      budgetLineId: row.budget_line_id,
      code: row.code,
      amountBeforeMinor: Number(row.amount_before_minor),
      amountAfterMinor: Number(row.amount_after_minor),
    });
  }
  for (const revision of revisions.values()) revision.changes.sort(byCode);
  return [...revisions.values()];
}

/** Budget and spending per line, summed by the database in one query. */
export async function sumSpendingByLine(db: Executor, orgId: string, grantId: string): Promise<LineTotals[]> {
  const rows = await db
    .selectFrom('budget_line')
    .leftJoin('expenditure', 'expenditure.budget_line_id', 'budget_line.id')
    .select([
      'budget_line.id',
      'budget_line.code',
      'budget_line.category',
      'budget_line.amount_minor',
      sql<number>`coalesce(sum(expenditure.amount_grant_minor), 0)`.as('spent'),
      sql<number>`coalesce(sum(expenditure.amount_base_minor), 0)`.as('spent_base'),
      sql<number>`sum(case when expenditure.id is not null and expenditure.amount_base_minor is null then 1 else 0 end)`.as(
        'unconverted',
      ),
    ])
    .where('budget_line.org_id', '=', orgId)
    .where('budget_line.grant_id', '=', grantId)
    .groupBy(['budget_line.id', 'budget_line.code', 'budget_line.category', 'budget_line.amount_minor'])
    .execute();
  return rows
    .map((r) => ({
      budgetLineId: r.id,
      code: r.code,
      category: r.category,
      budgetMinor: Number(r.amount_minor),
      spentMinor: Number(r.spent),
      spentBaseMinor: Number(r.spent_base),
      unconvertedCount: Number(r.unconverted ?? 0),
    }))
    .sort(byCode);
}

import type { Expenditure, ListExpendituresInput } from '@tessera/domain';
import { foldForSearch } from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { likePattern } from '../like';
import { deleteAtVersion, updateAtVersion } from '../versioned';

/** Everything about an expenditure but its id, as the service has computed it. */
export interface ExpenditureValues {
  grantId: string;
  budgetLineId: string;
  date: string;
  payee: string;
  description: string;
  amountMinor: number;
  currency: string;
  rateToGrant: string;
  rateSource: 'same' | 'table' | 'typed';
  amountGrantMinor: number;
  amountBaseMinor: number | null;
  receiptReference: string | null;
}

function row(values: ExpenditureValues) {
  return {
    grant_id: values.grantId,
    budget_line_id: values.budgetLineId,
    date: values.date,
    payee: values.payee,
    description: values.description,
    amount_minor: values.amountMinor,
    currency: values.currency,
    rate_to_grant: values.rateToGrant,
    rate_source: values.rateSource,
    amount_grant_minor: values.amountGrantMinor,
    amount_base_minor: values.amountBaseMinor,
    receipt_reference: values.receiptReference,
    search_text: foldForSearch([values.payee, values.description, values.receiptReference].filter(Boolean).join(' ')),
  };
}

export async function insertExpenditure(db: Executor, orgId: string, values: ExpenditureValues): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('expenditure')
    .values({ id, org_id: orgId, ...row(values), version: 1, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateExpenditure(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  values: ExpenditureValues,
): Promise<boolean> {
  return updateAtVersion(db, 'expenditure', { orgId, id, version }, row(values));
}

export async function deleteExpenditure(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'expenditure', { orgId, id, version });
}

function selectExpenditures(db: Executor, orgId: string) {
  return db
    .selectFrom('expenditure')
    .innerJoin('budget_line', 'budget_line.id', 'expenditure.budget_line_id')
    .leftJoin('receipt', 'receipt.expenditure_id', 'expenditure.id')
    .select([
      'expenditure.id',
      'expenditure.grant_id',
      'expenditure.budget_line_id',
      'budget_line.code',
      'expenditure.date',
      'expenditure.payee',
      'expenditure.description',
      'expenditure.amount_minor',
      'expenditure.currency',
      'expenditure.rate_to_grant',
      'expenditure.rate_source',
      'expenditure.amount_grant_minor',
      'expenditure.amount_base_minor',
      'expenditure.receipt_reference',
      'expenditure.version',
      'receipt.file_name',
      'receipt.content_type',
      'receipt.size',
    ])
    .where('expenditure.org_id', '=', orgId);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectExpenditures>['executeTakeFirstOrThrow']>>;

function toExpenditure(r: Row): Expenditure {
  return {
    id: r.id,
    grantId: r.grant_id,
    budgetLineId: r.budget_line_id,
    budgetLineCode: r.code,
    date: r.date,
    payee: r.payee,
    description: r.description,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    rateToGrant: r.rate_to_grant,
    rateSource: r.rate_source as Expenditure['rateSource'],
    amountGrantMinor: Number(r.amount_grant_minor),
    amountBaseMinor: r.amount_base_minor === null ? null : Number(r.amount_base_minor),
    receiptReference: r.receipt_reference,
    receipt: r.file_name
      ? { fileName: r.file_name, contentType: r.content_type ?? '', size: Number(r.size ?? 0) }
      : null,
    version: r.version,
  };
}

export async function findExpenditure(db: Executor, orgId: string, id: string): Promise<Expenditure | undefined> {
  const r = await selectExpenditures(db, orgId).where('expenditure.id', '=', id).executeTakeFirst();
  return r && toExpenditure(r);
}

/** One page of the ledger, newest first, with the number of matching rows. */
export async function listExpenditures(
  db: Executor,
  orgId: string,
  input: ListExpendituresInput,
): Promise<{ items: Expenditure[]; total: number; totalGrantMinor: number }> {
  let query = selectExpenditures(db, orgId);
  if (input.grantId) query = query.where('expenditure.grant_id', '=', input.grantId);
  if (input.budgetLineId) query = query.where('expenditure.budget_line_id', '=', input.budgetLineId);
  if (input.from) query = query.where('expenditure.date', '>=', input.from);
  if (input.to) query = query.where('expenditure.date', '<=', input.to);
  const folded = foldForSearch(input.search);
  if (folded) {
    query = query.where(sql<boolean>`expenditure.search_text like ${likePattern(folded)} escape '\\'`);
  }
  const [rows, totals] = await Promise.all([
    query
      .orderBy('expenditure.date', 'desc')
      .orderBy('expenditure.id', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query
      .clearSelect()
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(expenditure.amount_grant_minor), 0)`.as('sum')])
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toExpenditure), total: Number(totals.n), totalGrantMinor: Number(totals.sum) };
}

/** A grant's expenditures in a period, oldest first: the list of expenditure of a financial report. */
export async function listPeriodExpenditures(
  db: Executor,
  orgId: string,
  grantId: string,
  period: { from: string; to: string },
): Promise<Expenditure[]> {
  const rows = await selectExpenditures(db, orgId)
    .where('expenditure.grant_id', '=', grantId)
    .where('expenditure.date', '>=', period.from)
    .where('expenditure.date', '<=', period.to)
    .orderBy('expenditure.date')
    .orderBy('budget_line.code')
    .orderBy('expenditure.id')
    .execute();
  return rows.map(toExpenditure);
}

/** How many of a grant's expenditures up to `to` were converted by each kind of rate. */
export async function countRateSources(
  db: Executor,
  orgId: string,
  grantId: string,
  to: string,
): Promise<Record<Expenditure['rateSource'], number>> {
  const rows = await db
    .selectFrom('expenditure')
    .select(['rate_source', sql<number>`count(*)`.as('n')])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .where('date', '<=', to)
    .groupBy('rate_source')
    .execute();
  const counts = { same: 0, table: 0, typed: 0 };
  for (const r of rows) {
    if (r.rate_source === 'same' || r.rate_source === 'table' || r.rate_source === 'typed') {
      counts[r.rate_source] = Number(r.n);
    }
  }
  return counts;
}

export async function sumSpentOnLine(db: Executor, lineId: string): Promise<number> {
  const r = await db
    .selectFrom('expenditure')
    .select(sql<number>`coalesce(sum(amount_grant_minor), 0)`.as('s'))
    .where('budget_line_id', '=', lineId)
    .executeTakeFirstOrThrow();
  return Number(r.s);
}

/**
 * A grant's spending whose base-currency amount is known, in both currencies (the realised
 * exchange difference compares the two: ADR 0016); up to a date when given.
 */
export async function sumConvertedSpending(
  db: Executor,
  orgId: string,
  grantId: string,
  upTo?: string,
): Promise<{ grantMinor: number; baseMinor: number }> {
  let query = db
    .selectFrom('expenditure')
    .select([
      sql<number>`coalesce(sum(amount_grant_minor), 0)`.as('grant_minor'),
      sql<number>`coalesce(sum(amount_base_minor), 0)`.as('base_minor'),
    ])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .where('amount_base_minor', 'is not', null);
  if (upTo) query = query.where('date', '<=', upTo);
  const row = await query.executeTakeFirstOrThrow();
  return { grantMinor: Number(row.grant_minor), baseMinor: Number(row.base_minor) };
}

/** Spending per calendar month ('YYYY-MM') for the given grants, in each grant's currency. */
export async function sumSpendingByMonth(db: Executor, orgId: string, grantIds: readonly string[]) {
  if (grantIds.length === 0) return [];
  const rows = await db
    .selectFrom('expenditure')
    .select(['grant_id', sql<string>`substr(date, 1, 7)`.as('month'), sql<number>`sum(amount_grant_minor)`.as('spent')])
    .where('org_id', '=', orgId)
    .where('grant_id', 'in', grantIds)
    .groupBy(['grant_id', sql`substr(date, 1, 7)`])
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ grantId: r.grant_id, month: r.month, spentMinor: Number(r.spent) }));
}

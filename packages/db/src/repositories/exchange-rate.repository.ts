import type { ExchangeRate } from '@tessera/domain';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';

function toRate(r: {
  id: string;
  date: string;
  from_currency: string;
  to_currency: string;
  rate: string;
  source: string;
}): ExchangeRate {
  return {
    id: r.id,
    date: r.date,
    fromCurrency: r.from_currency,
    toCurrency: r.to_currency,
    rate: r.rate,
    source: r.source,
  };
}

/** Inserts or replaces the rate for one date and currency pair; returns whether it was new. */
export async function upsertExchangeRate(
  db: Executor,
  orgId: string,
  input: { date: string; fromCurrency: string; toCurrency: string; rate: string; source: string },
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await db
    .selectFrom('exchange_rate')
    .select(['id', 'rate'])
    .where('org_id', '=', orgId)
    .where('date', '=', input.date)
    .where('from_currency', '=', input.fromCurrency)
    .where('to_currency', '=', input.toCurrency)
    .executeTakeFirst();
  if (existing?.rate === input.rate) return 'unchanged';
  if (existing) {
    await db
      .updateTable('exchange_rate')
      .set({ rate: input.rate, source: input.source })
      .where('id', '=', existing.id)
      .execute();
    return 'updated';
  }
  await db
    .insertInto('exchange_rate')
    .values({
      id: newId(),
      org_id: orgId,
      date: input.date,
      from_currency: input.fromCurrency,
      to_currency: input.toCurrency,
      rate: input.rate,
      source: input.source,
      created_at: nowIso(),
    })
    .execute();
  return 'created';
}

/** The rate for the pair nearest `date` on one side of it (that day included), if any. */
async function findRateBeside(
  db: Executor,
  orgId: string,
  fromCurrency: string,
  toCurrency: string,
  date: string,
  side: 'before' | 'after',
): Promise<ExchangeRate | undefined> {
  const r = await db
    .selectFrom('exchange_rate')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('from_currency', '=', fromCurrency)
    .where('to_currency', '=', toCurrency)
    .where('date', side === 'before' ? '<=' : '>=', date)
    .orderBy('date', side === 'before' ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
  return r && toRate(r);
}

/** The most recent rate for the pair on or before `date`, if any. */
export function findRateOnOrBefore(
  db: Executor,
  orgId: string,
  fromCurrency: string,
  toCurrency: string,
  date: string,
): Promise<ExchangeRate | undefined> {
  return findRateBeside(db, orgId, fromCurrency, toCurrency, date, 'before');
}

/** The table's earliest rate for the pair on or after `date` (the other half of "nearest"). */
export function findRateOnOrAfter(
  db: Executor,
  orgId: string,
  fromCurrency: string,
  toCurrency: string,
  date: string,
): Promise<ExchangeRate | undefined> {
  return findRateBeside(db, orgId, fromCurrency, toCurrency, date, 'after');
}

export async function listExchangeRates(
  db: Executor,
  orgId: string,
  input: { currency?: string; limit: number },
): Promise<ExchangeRate[]> {
  let query = db.selectFrom('exchange_rate').selectAll().where('org_id', '=', orgId);
  if (input.currency) {
    const currency = input.currency;
    query = query.where((eb) => eb.or([eb('from_currency', '=', currency), eb('to_currency', '=', currency)]));
  }
  const rows = await query
    .orderBy('date', 'desc')
    .orderBy('from_currency')
    .orderBy('to_currency')
    .limit(input.limit)
    .execute();
  return rows.map(toRate);
}

export async function deleteExchangeRate(db: Executor, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('exchange_rate')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

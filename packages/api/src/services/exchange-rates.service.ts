import type { Actor, CreateExchangeRateInput, ExchangeRate, FieldErrors } from '@tessera/domain';
import { createExchangeRateInput, DomainError, invertRate } from '@tessera/domain';
import {
  deleteExchangeRate,
  type Executor,
  findRateOnOrAfter,
  findRateOnOrBefore,
  insertAuditEvent,
  listExchangeRates,
  upsertExchangeRate,
} from '@tessera/db';
import Papa from 'papaparse';

/**
 * The rate to turn `from` into `to` on `date`: the table's latest rate on or before that date for
 * the pair, or the inverse of the opposite pair's. Null when the table has neither.
 */
export async function lookupRate(
  db: Executor,
  orgId: string,
  from: string,
  to: string,
  date: string,
): Promise<string | null> {
  if (from === to) return '1';
  const direct = await findRateOnOrBefore(db, orgId, from, to, date);
  const inverse = await findRateOnOrBefore(db, orgId, to, from, date);
  // The more recent of the two wins; on the same date the direct quote does.
  if (direct && (!inverse || direct.date >= inverse.date)) return direct.rate;
  if (inverse) return invertRate(inverse.rate);
  return null;
}

/**
 * The table's rate for the pair nearest to `date`, before or after it, in either direction (as
 * stored: `rate` units of `to` per one `from`). On equal distance the earlier date wins, then the
 * direct quote. What a typed rate is compared with; null when the table has no rate for the pair.
 */
export async function nearestRate(
  db: Executor,
  orgId: string,
  from: string,
  to: string,
  date: string,
): Promise<ExchangeRate | null> {
  if (from === to) return null;
  const candidates = [
    await findRateOnOrBefore(db, orgId, from, to, date),
    await findRateOnOrBefore(db, orgId, to, from, date),
    await findRateOnOrAfter(db, orgId, from, to, date),
    await findRateOnOrAfter(db, orgId, to, from, date),
  ].filter((r): r is ExchangeRate => r !== undefined);
  const distance = (r: ExchangeRate) => Math.abs(Date.parse(r.date) - Date.parse(date));
  let best: ExchangeRate | null = null;
  for (const candidate of candidates) {
    if (!best || distance(candidate) < distance(best)) best = candidate;
    else if (distance(candidate) === distance(best) && candidate.date < best.date) best = candidate;
  }
  return best;
}

export function listRates(
  db: Executor,
  actor: Actor,
  input: { currency?: string; limit: number },
): Promise<ExchangeRate[]> {
  return listExchangeRates(db, actor.orgId, input);
}

export async function saveRate(
  db: Executor,
  actor: Actor,
  input: CreateExchangeRateInput,
): Promise<'created' | 'updated' | 'unchanged'> {
  const outcome = await upsertExchangeRate(db, actor.orgId, { ...input, source: 'manual' });
  if (outcome !== 'unchanged') {
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: outcome === 'created' ? 'create' : 'update',
      entity: 'exchange_rate',
      entityId: `${input.fromCurrency}/${input.toCurrency}@${input.date}`,
      fields: ['rate'],
    });
  }
  return outcome;
}

export async function removeRate(db: Executor, actor: Actor, id: string): Promise<void> {
  if (!(await deleteExchangeRate(db, actor.orgId, id))) throw new DomainError('NOT_FOUND', 'No such rate.');
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'exchange_rate',
    entityId: id,
  });
}

export const rateCsvColumns = ['date', 'from', 'to', 'rate'] as const;

export interface RateImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports a CSV of rates (columns date, from, to, rate; a header row; ',' or ';' separated).
 * Every row is checked first; any problem is reported by row and nothing is written. The same
 * file imported twice changes nothing the second time.
 */
export async function importRatesCsv(db: Executor, actor: Actor, text: string): Promise<RateImportResult> {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fieldErrors: FieldErrors = {};
  const missing = rateCsvColumns.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length > 0) {
    throw new DomainError(
      'VALIDATION',
      `The file needs the columns ${rateCsvColumns.join(', ')}; missing: ${missing.join(', ')}.`,
      {
        fieldErrors: { file: [`validation.csvColumns?missing=${missing.join(',')}`] },
      },
    );
  }
  const rows: CreateExchangeRateInput[] = [];
  parsed.data.forEach((record, index) => {
    const line = index + 2; // the header is line 1
    const result = createExchangeRateInput.safeParse({
      date: record.date,
      fromCurrency: record.from,
      toCurrency: record.to,
      rate: record.rate,
    });
    if (result.success) {
      rows.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const key = `row ${line}: ${String(issue.path[0])}`;
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
  });
  if (Object.keys(fieldErrors).length > 0) {
    throw new DomainError(
      'VALIDATION',
      `${Object.keys(fieldErrors).length} problem(s) in the file; nothing was imported.`,
      { fieldErrors },
    );
  }
  if (rows.length === 0) {
    throw new DomainError('VALIDATION', 'The file has no rates.', { fieldErrors: { file: ['validation.required'] } });
  }
  const result: RateImportResult = { created: 0, updated: 0, unchanged: 0 };
  for (const row of rows) result[await upsertExchangeRate(db, actor.orgId, { ...row, source: 'csv' })] += 1;
  if (result.created + result.updated > 0) {
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'exchange_rate',
      entityId: 'csv-import',
      fields: ['rate'],
    });
  }
  return result;
}

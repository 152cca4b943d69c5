import type { Executor } from '../connection';

/** The money records that keep the idempotency key of the form submission that made them. */
export type IdempotentTable =
  | 'grant'
  | 'budget_line'
  | 'budget_revision'
  | 'tranche'
  | 'expenditure'
  | 'match_contribution';

/**
 * The id of the record an earlier request with this key made, if any (docs/decisions/0014): the
 * services answer a retry with it instead of making a second record.
 */
export async function findByIdempotencyKey(
  db: Executor,
  table: IdempotentTable,
  orgId: string,
  key: string | null | undefined,
): Promise<string | null> {
  if (!key) return null;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Whether an insert failed only because another request with the same key got there first. */
export function isIdempotencyClash(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: \w+\.org_id, \w+\.idempotency_key/.test(error.message);
}

/** Keeps the key with the record just made, in the same transaction. */
export async function rememberIdempotencyKey(
  db: Executor,
  table: IdempotentTable,
  orgId: string,
  id: string,
  key: string,
): Promise<void> {
  await db.updateTable(table).set({ idempotency_key: key }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

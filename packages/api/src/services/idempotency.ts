import { type Executor, findByIdempotencyKey, type IdempotentTable, rememberIdempotencyKey } from '@tessera/db';
import type { Actor } from '@tessera/domain';

/**
 * Makes a money record once per form submission (docs/decisions/0014): when a request with the
 * same idempotency key already made a record in the organisation, its id is answered again and
 * nothing is written; otherwise `make` writes the record (and its audit event) and the key is
 * kept with it in the same transaction. Requests are serialised on the database connection, so a
 * double click waits for the first and then finds its record.
 */
export async function once(
  db: Executor,
  actor: Actor,
  table: IdempotentTable,
  key: string | null | undefined,
  make: () => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  const earlier = await findByIdempotencyKey(db, table, actor.orgId, key);
  if (earlier) return { id: earlier, replayed: true };
  const id = await make();
  if (key) await rememberIdempotencyKey(db, table, actor.orgId, id, key);
  return { id, replayed: false };
}

/** The input without its key: the key is not a field of the record (nor of its audit event). */
export function withoutKey<T extends { idempotencyKey?: string | null | undefined }>(
  input: T,
): Omit<T, 'idempotencyKey'> {
  const { idempotencyKey: _key, ...rest } = input;
  return rest;
}

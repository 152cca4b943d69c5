import type { Executor } from '../connection';

export interface FailureSummary {
  failures: number;
  lastFailureAt: Date | null;
}

/**
 * Records an attempt as failed before the password is even checked, so that concurrent attempts
 * see each other; a correct password then marks it succeeded. Returns the attempt's id.
 */
export async function recordLoginAttempt(
  db: Executor,
  input: { accountKey: string; addressKey: string; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('login_attempt')
    .values({ account_key: input.accountKey, address_key: input.addressKey, at: input.at.toISOString(), succeeded: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function markLoginAttemptSucceeded(db: Executor, id: number): Promise<void> {
  await db.updateTable('login_attempt').set({ succeeded: 1 }).where('id', '=', id).execute();
}

/**
 * Failures for one key since `since`, counted after the last success (a correct sign-in resets
 * the account's count, not the address's).
 */
export async function summarizeFailures(
  db: Executor,
  column: 'account_key' | 'address_key',
  key: string,
  since: Date,
  resetOnSuccess: boolean,
): Promise<FailureSummary> {
  let from = since.toISOString();
  if (resetOnSuccess) {
    const lastSuccess = await db
      .selectFrom('login_attempt')
      .select((eb) => eb.fn.max('at').as('at'))
      .where(column, '=', key)
      .where('succeeded', '=', 1)
      .where('at', '>=', from)
      .executeTakeFirst();
    if (lastSuccess?.at) from = lastSuccess.at;
  }
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.max('at').as('last')])
    .where(column, '=', key)
    .where('succeeded', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), lastFailureAt: row.last ? new Date(row.last) : null };
}

export async function pruneLoginAttempts(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_attempt').where('at', '<', before.toISOString()).execute();
}

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

/** Which attempts to count: one account, one address, or the pair of both. */
export interface AttemptScope {
  accountKey?: string;
  addressKey?: string;
}

/**
 * Failures in `scope` since `since`, counted after the last success in the same scope when
 * `resetOnSuccess` (a correct sign-in from an address resets that pair's count, nothing else).
 */
export async function summarizeFailures(
  db: Executor,
  scope: AttemptScope,
  since: Date,
  resetOnSuccess: boolean,
): Promise<FailureSummary> {
  if (!scope.accountKey && !scope.addressKey) throw new Error('summarizeFailures needs a scope');
  let from = since.toISOString();
  let base = db.selectFrom('login_attempt');
  if (scope.accountKey) base = base.where('account_key', '=', scope.accountKey);
  if (scope.addressKey) base = base.where('address_key', '=', scope.addressKey);
  if (resetOnSuccess) {
    const lastSuccess = await base
      .select((eb) => eb.fn.max('at').as('at'))
      .where('succeeded', '=', 1)
      .where('at', '>=', from)
      .executeTakeFirst();
    if (lastSuccess?.at) from = lastSuccess.at;
  }
  const row = await base
    .select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.max('at').as('last')])
    .where('succeeded', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), lastFailureAt: row.last ? new Date(row.last) : null };
}

/** Remembers that this address signed in to this account (the trust the global slow-down spares). */
export async function trustLoginAddress(
  db: Executor,
  input: { accountKey: string; addressKey: string; at: Date },
): Promise<void> {
  await db
    .insertInto('login_trusted_address')
    .values({ account_key: input.accountKey, address_key: input.addressKey, last_success_at: input.at.toISOString() })
    .onConflict((oc) =>
      oc.columns(['account_key', 'address_key']).doUpdateSet({ last_success_at: input.at.toISOString() }),
    )
    .execute();
}

/** Whether the address signed in to the account successfully at or after `since`. */
export async function isTrustedLoginAddress(
  db: Executor,
  input: { accountKey: string; addressKey: string; since: Date },
): Promise<boolean> {
  const row = await db
    .selectFrom('login_trusted_address')
    .select('last_success_at')
    .where('account_key', '=', input.accountKey)
    .where('address_key', '=', input.addressKey)
    .where('last_success_at', '>=', input.since.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

export async function pruneTrustedLoginAddresses(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_trusted_address').where('last_success_at', '<', before.toISOString()).execute();
}

export async function pruneLoginAttempts(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_attempt').where('at', '<', before.toISOString()).execute();
}

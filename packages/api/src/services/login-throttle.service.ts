import { DomainError, loginThrottle, loginWaitSeconds } from '@tessera/domain';
import {
  type Db,
  type Executor,
  isTrustedLoginAddress,
  markLoginAttemptSucceeded,
  recordLoginAttempt,
  summarizeFailures,
  trustLoginAddress,
} from '@tessera/db';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

const encoder = new TextEncoder();

export interface ThrottleContext {
  clientAddress: string;
  now: Date;
  secretKey: Uint8Array;
}

/**
 * What is being guessed: a password (keyed by the email typed, so unknown accounts are throttled
 * alike) or a second-factor code (keyed by the user, counted apart from passwords so that a
 * correct password cannot reset the count of wrong codes).
 */
export type ThrottledSecret = { kind: 'password'; email: string } | { kind: 'second-factor'; userId: string };

/**
 * Keys for the throttling tables: keyed hashes (HMAC with the server's secret), so they cannot
 * be reversed by hashing every email or every IPv4 address.
 */
function throttleKey(secretKey: Uint8Array, value: string): string {
  return encodeHexLowerCase(hmac(SHA256, secretKey, encoder.encode(value)));
}

export interface AdmittedAttempt {
  id: number;
  accountKey: string;
  addressKey: string;
}

/**
 * Counts recent failures for the pair (account and address), the address and the account and,
 * in the same transaction (SQLite runs one at a time), records this attempt as a
 * failure-until-proven-otherwise, so concurrent or batched guesses see each other. Throws
 * RATE_LIMITED when the caller must wait. See `loginThrottle` in the domain for the rule.
 */
export async function admitAttempt(
  db: Db,
  secret: ThrottledSecret,
  context: ThrottleContext,
): Promise<AdmittedAttempt> {
  const { now } = context;
  const account = secret.kind === 'password' ? `account:${secret.email}` : `second-factor:${secret.userId}`;
  const accountKey = throttleKey(context.secretKey, account);
  const addressKey = throttleKey(context.secretKey, `address:${context.clientAddress}`);
  const since = new Date(now.getTime() - loginThrottle.windowMinutes * 60_000);
  const trustSince = new Date(now.getTime() - loginThrottle.trustDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const wait = loginWaitSeconds(
      {
        pair: await summarizeFailures(trx, { accountKey, addressKey }, since, true),
        address: await summarizeFailures(trx, { addressKey }, since, false),
        account: await summarizeFailures(trx, { accountKey }, since, false),
        trustedAddress: await isTrustedLoginAddress(trx, { accountKey, addressKey, since: trustSince }),
      },
      now,
    );
    if (wait > 0) {
      throw new DomainError('RATE_LIMITED', `Too many failed attempts. Try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    const id = await recordLoginAttempt(trx, { accountKey, addressKey, at: now });
    return { id, accountKey, addressKey };
  });
}

/** The guess was right: the attempt stops counting and the address is trusted for the account. */
export async function markAttemptSucceeded(db: Executor, attempt: AdmittedAttempt, now: Date): Promise<void> {
  await markLoginAttemptSucceeded(db, attempt.id);
  await trustLoginAddress(db, { accountKey: attempt.accountKey, addressKey: attempt.addressKey, at: now });
}

/**
 * Sign-in throttling (ADR 0021). Three counts, each over the last `windowMinutes`:
 *
 * - **pair** (one account from one address): the owner mistyping and a guesser at one address.
 *   After `pair.freeFailures`, each further attempt waits twice as long, up to the cap. A correct
 *   sign-in from that address resets it. Nobody elsewhere can move this count.
 * - **address** (one address, any account): password spraying. Looser, for a shared office NAT.
 * - **account** (one account, any address): a distributed attack on one account. It slows down
 *   only addresses that have never signed in to this account (within `trustDays`), so the owner
 *   at their usual address is never held back by what happens elsewhere.
 *
 * After the free failures, the n-th further failure waits `baseDelaySeconds · 2^n`, capped at
 * `maxDelaySeconds`. Attempts refused for waiting are not recorded, so a throttled attacker
 * cannot push the count (and the wait) further; the wait counts from the last real failure.
 */
export const loginThrottle = {
  windowMinutes: 15,
  pair: { freeFailures: 5 },
  address: { freeFailures: 20 },
  account: { freeFailures: 10 },
  trustDays: 90,
  baseDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
} as const;

export function loginDelaySeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const exponent = Math.min(failures - freeFailures, 20);
  return Math.min(loginThrottle.baseDelaySeconds * 2 ** exponent, loginThrottle.maxDelaySeconds);
}

/** Seconds still to wait before the next attempt, given the failures and the last one's time. */
export function loginRetryAfterSeconds(
  failures: number,
  freeFailures: number,
  lastFailureAt: Date | null,
  now: Date,
): number {
  const delay = loginDelaySeconds(failures, freeFailures);
  if (delay === 0 || !lastFailureAt) return 0;
  const waited = (now.getTime() - lastFailureAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(delay - waited));
}

export interface FailureCount {
  failures: number;
  lastFailureAt: Date | null;
}

export interface LoginThrottleFacts {
  /** This account from this address, since the pair's last success. */
  pair: FailureCount;
  /** This address, any account. */
  address: FailureCount;
  /** This account, any address. */
  account: FailureCount;
  /** Whether this address signed in to this account successfully within `trustDays`. */
  trustedAddress: boolean;
}

/** Seconds the attempt must wait (0: go ahead), from the three counts and the address's trust. */
export function loginWaitSeconds(facts: LoginThrottleFacts, now: Date): number {
  const { pair, address, account } = facts;
  return Math.max(
    loginRetryAfterSeconds(pair.failures, loginThrottle.pair.freeFailures, pair.lastFailureAt, now),
    loginRetryAfterSeconds(address.failures, loginThrottle.address.freeFailures, address.lastFailureAt, now),
    facts.trustedAddress
      ? 0
      : loginRetryAfterSeconds(account.failures, loginThrottle.account.freeFailures, account.lastFailureAt, now),
  );
}

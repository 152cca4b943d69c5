import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FailureCount,
  loginDelaySeconds,
  loginRetryAfterSeconds,
  loginThrottle,
  loginWaitSeconds,
} from './login-throttle';

const none: FailureCount = { failures: 0, lastFailureAt: null };

describe('delays', () => {
  it('lets the free failures through, then doubles the wait', () => {
    expect(loginDelaySeconds(4, 5)).toBe(0);
    expect(loginDelaySeconds(5, 5)).toBe(2);
    expect(loginDelaySeconds(6, 5)).toBe(4);
    expect(loginDelaySeconds(7, 5)).toBe(8);
    expect(loginDelaySeconds(500, 5)).toBe(loginThrottle.maxDelaySeconds);
  });

  it('never shrinks as failures grow, and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 50 }), (failures, free) => {
        const a = loginDelaySeconds(failures, free);
        const b = loginDelaySeconds(failures + 1, free);
        return b >= a && b <= loginThrottle.maxDelaySeconds;
      }),
    );
  });

  it('counts down from the last failure', () => {
    const last = new Date('2026-01-01T10:00:00Z');
    expect(loginRetryAfterSeconds(6, 5, last, new Date('2026-01-01T10:00:01Z'))).toBe(3);
    expect(loginRetryAfterSeconds(6, 5, last, new Date('2026-01-01T10:00:05Z'))).toBe(0);
    expect(loginRetryAfterSeconds(3, 5, last, last)).toBe(0);
  });
});

describe('the three counts', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const count = fc.record({
    failures: fc.nat(500),
    lastFailureAt: fc.option(
      fc.integer({ min: 0, max: 15 * 60_000 }).map((ago) => new Date(now.getTime() - ago)),
      { nil: null },
    ),
  });

  it('never holds back a trusted address for what other addresses did to the account', () => {
    fc.assert(
      fc.property(count, count, count, (pair, address, account) => {
        const trusted = loginWaitSeconds({ pair, address, account, trustedAddress: true }, now);
        const calm = loginWaitSeconds({ pair, address, account: none, trustedAddress: true }, now);
        return trusted === calm;
      }),
    );
  });

  it('slows down an untrusted address at least as much as a trusted one', () => {
    fc.assert(
      fc.property(count, count, count, (pair, address, account) => {
        const untrusted = loginWaitSeconds({ pair, address, account, trustedAddress: false }, now);
        const trusted = loginWaitSeconds({ pair, address, account, trustedAddress: true }, now);
        return untrusted >= trusted;
      }),
    );
  });

  it('lets the owner in at once from a trusted address while the account is under attack', () => {
    const justNow = new Date(now.getTime() - 1000);
    const underAttack = { failures: 400, lastFailureAt: justNow };
    expect(loginWaitSeconds({ pair: none, address: none, account: underAttack, trustedAddress: true }, now)).toBe(0);
    expect(
      loginWaitSeconds({ pair: none, address: none, account: underAttack, trustedAddress: false }, now),
    ).toBeGreaterThan(0);
  });
});

/**
 * A model of the server: an attacker who may use a fresh address for every guess, at any
 * moments they like, gets only a bounded number of guesses at one account per window, while the
 * owner's trusted address is never refused.
 */
describe('a distributed attack, simulated', () => {
  it('bounds the guesses per window and never refuses the owner', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 * 60_000 }), { minLength: 12, maxLength: 400, size: 'large' }),
        (offsets) => {
          const start = Date.parse('2026-06-01T00:00:00Z');
          const times = [...offsets].sort((a, b) => a - b).map((t) => start + t);
          const failures: number[] = [];
          const windowMs = loginThrottle.windowMinutes * 60_000;
          const factsAt = (t: number): FailureCount => {
            const recent = failures.filter((f) => f > t - windowMs && f <= t);
            const last = recent.at(-1);
            return { failures: recent.length, lastFailureAt: last === undefined ? null : new Date(last) };
          };
          for (const [i, t] of times.entries()) {
            const now = new Date(t);
            // Every guess from an address never seen before: its pair and address counts are zero.
            const wait = loginWaitSeconds(
              { pair: none, address: none, account: factsAt(t), trustedAddress: false },
              now,
            );
            if (wait === 0) failures.push(t);
            // The owner, at their usual address, between any two guesses.
            const owner = loginWaitSeconds(
              { pair: none, address: none, account: factsAt(t), trustedAddress: true },
              now,
            );
            if (owner !== 0) throw new Error(`owner refused at guess ${i}`);
          }
          // Free failures, then doublings from 2 s until the 15-minute cap fills the window.
          const doublings = Math.ceil(Math.log2(loginThrottle.maxDelaySeconds / loginThrottle.baseDelaySeconds)) + 1;
          for (const t of failures) {
            const inWindow = failures.filter((f) => f > t - windowMs && f <= t).length;
            if (inWindow > loginThrottle.account.freeFailures + doublings) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginDelaySeconds, loginRetryAfterSeconds, loginThrottle, sessionNeedsRenewal, signInInput } from './auth';

describe('sign-in throttle', () => {
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

describe('sessions', () => {
  it('renews once less than half the lifetime remains', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const hour = 3600_000;
    expect(sessionNeedsRenewal(new Date(now.getTime() + 7 * hour), now, 12 * hour)).toBe(false);
    expect(sessionNeedsRenewal(new Date(now.getTime() + 5 * hour), now, 12 * hour)).toBe(true);
  });
});

describe('sign-in input', () => {
  it('lower-cases the email and requires a password', () => {
    expect(signInInput.parse({ email: ' Admin@Demo.TEST ', password: 'x' }).email).toBe('admin@demo.test');
    expect(signInInput.safeParse({ email: 'admin@demo.test', password: '' }).success).toBe(false);
    expect(signInInput.safeParse({ email: 'x'.repeat(300), password: 'x' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { sessionNeedsRenewal, signInInput, totpCodeField, recoveryCodeField } from './auth';

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

describe('second-factor codes', () => {
  it('reads six digits with spaces, and recovery codes in any case and grouping', () => {
    expect(totpCodeField.parse(' 123 456 ')).toBe('123456');
    expect(totpCodeField.safeParse('12345').success).toBe(false);
    expect(totpCodeField.safeParse('abcdef').success).toBe(false);
    expect(recoveryCodeField.parse('ABCD-efgh 2345-MNOP')).toBe('abcdefgh2345mnop');
    expect(recoveryCodeField.safeParse('abcd-efgh-2345').success).toBe(false);
    expect(recoveryCodeField.safeParse('abcd-efgh-2345-mnop-q').success).toBe(false);
  });
});

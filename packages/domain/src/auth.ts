import * as z from 'zod';
import { emailField } from './fields';
import { localeSchema } from './locales';
import { messageKey } from './messages';

export const passwordMinLength = 10;
export const passwordMaxLength = 256;

export const passwordField = z
  .string({ error: messageKey('validation.required') })
  .min(passwordMinLength, { error: messageKey('validation.tooShort', { min: passwordMinLength }) })
  .max(passwordMaxLength, { error: messageKey('validation.tooLong', { max: passwordMaxLength }) });

export const signInInput = z.object({
  email: emailField,
  // Not the policy check: a sign-in only needs something to compare; policy applies on set.
  password: z
    .string({ error: messageKey('validation.required') })
    .min(1, { error: messageKey('validation.required') })
    .max(passwordMaxLength, { error: messageKey('validation.tooLong', { max: passwordMaxLength }) }),
});
export type SignInInput = z.infer<typeof signInInput>;

export const changePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, { error: messageKey('validation.required') })
    .max(passwordMaxLength),
  newPassword: passwordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const switchOrganizationInput = z.object({ orgId: z.string().min(1).max(64) });
export const setLocaleInput = z.object({ locale: localeSchema });

/**
 * Sign-in throttling. After `freeFailures` failures inside the window, each further attempt must
 * wait twice as long as the one before, up to `maxDelaySeconds`. Counted separately per account
 * and per client address, with a looser allowance per address (a shared office NAT).
 */
export const loginThrottle = {
  windowMinutes: 15,
  perAccount: { freeFailures: 5 },
  perAddress: { freeFailures: 20 },
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

/**
 * Sessions lapse after their lifetime without use (SESSION_HOURS, renewed on use once less than
 * half remains) and, in use or not, after `maxAgeHours` from sign-in: a stolen cookie cannot be
 * kept alive for ever.
 */
export const sessionPolicy = {
  maxAgeHours: 7 * 24,
} as const;

export function sessionNeedsRenewal(expiresAt: Date, now: Date, lifetimeMs: number): boolean {
  return expiresAt.getTime() - now.getTime() < lifetimeMs / 2;
}

/** The new expiry on renewal: a full lifetime from now, never past the maximum age. */
export function renewedSessionExpiry(createdAt: Date, now: Date, lifetimeMs: number): Date {
  const cap = createdAt.getTime() + sessionPolicy.maxAgeHours * 3600_000;
  return new Date(Math.min(now.getTime() + lifetimeMs, cap));
}

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

/** A six-digit code from an authenticator app; spaces typed or pasted in between are ignored. */
export const totpCodeField = z
  .string({ error: messageKey('validation.required') })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: messageKey('validation.wrongCode') }));

/** A recovery code as printed (xxxxx-xxxxx-xxxxx-xxxxx, base32), in any case and grouping. */
export const recoveryCodeField = z
  .string({ error: messageKey('validation.required') })
  .transform((v) => v.toLowerCase().replace(/[^a-z2-7]/g, ''))
  .pipe(z.string().regex(/^[a-z2-7]{16}$/, { error: messageKey('validation.wrongCode') }));

export const confirmEnrolmentInput = z.object({ code: totpCodeField });
export const verifySecondFactorInput = z.union([
  z.object({ code: totpCodeField }),
  z.object({ recoveryCode: recoveryCodeField }),
]);
export type VerifySecondFactorInput = z.infer<typeof verifySecondFactorInput>;

/** The roles that must use a second factor when their organisation requires one. */
export const secondFactorRoles = ['admin', 'finance'] as const;

export const switchOrganizationInput = z.object({ orgId: z.string().min(1).max(64) });
export const setLocaleInput = z.object({ locale: localeSchema });
export const setUsFormatsInput = z.object({ usFormats: z.boolean() });

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

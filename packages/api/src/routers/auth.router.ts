import {
  changePasswordInput,
  DomainError,
  confirmEnrolmentInput,
  setLocaleInput,
  setUsFormatsInput,
  signInInput,
  switchOrganizationInput,
  verifySecondFactorInput,
} from '@tessera/domain';
import * as auth from '../services/auth.service';
import * as secondFactor from '../services/second-factor.service';
import { authedProcedure, pendingSessionProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const result = await auth.signIn(ctx.db, input, {
      clientAddress: ctx.clientAddress,
      now: ctx.now(),
      secretKey: ctx.secretKey,
      lifetimeMs: ctx.sessionLifetimeMs,
      previousToken: ctx.sessionToken,
    });
    ctx.setSessionCookie(result.token, result.expiresAt);
    return { userId: result.user.id, locale: result.user.locale, stage: result.stage };
  }),

  /** Who is signed in, or null: the app's first call, so it never errors for a visitor. */
  session: publicProcedure.query(async ({ ctx }) => {
    const state = await auth.resolveSession(ctx.db, ctx.sessionToken, ctx.now(), ctx.sessionLifetimeMs);
    if (!state) return null;
    if (state.renewedExpiresAt && ctx.sessionToken) ctx.setSessionCookie(ctx.sessionToken, state.renewedExpiresAt);
    return auth.getMe(ctx.db, state);
  }),

  /** What a half-signed-in browser still owes ('second_factor' or 'enrol'), or null. */
  pendingStage: publicProcedure.query(async ({ ctx }) => {
    const state = await auth.resolveSession(ctx.db, ctx.sessionToken, ctx.now(), ctx.sessionLifetimeMs, [
      'second_factor',
      'enrol',
    ]);
    return state ? { stage: state.stage } : null;
  }),

  /** The code from the app, or a recovery code, after the password. */
  verifySecondFactor: pendingSessionProcedure.input(verifySecondFactorInput).mutation(async ({ ctx, input }) => {
    const result = await auth.completeSecondFactor(ctx.db, ctx.auth, input, {
      clientAddress: ctx.clientAddress,
      now: ctx.now(),
      secretKey: ctx.secretKey,
      lifetimeMs: ctx.sessionLifetimeMs,
    });
    ctx.setSessionCookie(result.token, result.expiresAt);
    const status = await secondFactor.secondFactorStatus(ctx.db, ctx.auth.user.id);
    return { method: result.method, recoveryCodesLeft: status.recoveryCodesLeft };
  }),

  secondFactorStatus: authedProcedure.query(({ ctx }) => secondFactor.secondFactorStatus(ctx.db, ctx.auth.user.id)),

  /** A new secret to scan (enrolment at sign-in, or re-enrolment on a new phone). */
  beginEnrolment: pendingSessionProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth.stage === 'second_factor') throw secondFactorFirst();
    return ctx.db.transaction().execute((trx) => secondFactor.beginEnrolment(trx, ctx.secretKey, ctx.auth.user));
  }),

  /** Confirms the new secret with a code; answers the recovery codes, shown once. */
  confirmEnrolment: pendingSessionProcedure.input(confirmEnrolmentInput).mutation(async ({ ctx, input }) => {
    if (ctx.auth.stage === 'second_factor') throw secondFactorFirst();
    const now = ctx.now();
    const recoveryCodes = await secondFactor.confirmEnrolment(
      ctx.db,
      ctx.auth.user,
      input.code,
      { clientAddress: ctx.clientAddress, now, secretKey: ctx.secretKey },
      { orgId: ctx.auth.activeOrgId },
    );
    if (ctx.auth.stage === 'enrol') {
      const upgraded = await auth.upgradeSession(ctx.db, ctx.auth, { now, lifetimeMs: ctx.sessionLifetimeMs }, [
        'second_factor',
      ]);
      ctx.setSessionCookie(upgraded.token, upgraded.expiresAt);
    }
    return { recoveryCodes };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await ctx.db.transaction().execute((trx) => auth.signOut(trx, ctx.auth));
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),

  switchOrganization: authedProcedure.input(switchOrganizationInput).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute((trx) => auth.switchOrganization(trx, ctx.auth, input.orgId));
    return { ok: true as const };
  }),

  setLocale: authedProcedure.input(setLocaleInput).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute((trx) => auth.setLocale(trx, ctx.auth, input.locale));
    return { ok: true as const };
  }),

  setUsFormats: authedProcedure.input(setUsFormatsInput).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute((trx) => auth.setUsFormats(trx, ctx.auth, input.usFormats));
    return { ok: true as const };
  }),

  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    // Opens its own transaction after the slow password hashing (see the service).
    await auth.changePassword(ctx.db, ctx.auth, input, {
      clientAddress: ctx.clientAddress,
      now: ctx.now(),
      secretKey: ctx.secretKey,
    });
    return { ok: true as const };
  }),
});

/** A session waiting for its code may not swap the factor it is being asked for. */
function secondFactorFirst(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'Enter the code from your app first.');
}

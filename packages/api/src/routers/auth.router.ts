import { changePasswordInput, setLocaleInput, signInInput, switchOrganizationInput } from '@tessera/domain';
import * as auth from '../services/auth.service';
import { authedProcedure, publicProcedure, router } from '../trpc';

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
    return { userId: result.user.id, locale: result.user.locale };
  }),

  /** Who is signed in, or null: the app's first call, so it never errors for a visitor. */
  session: publicProcedure.query(async ({ ctx }) => {
    const state = await auth.resolveSession(ctx.db, ctx.sessionToken, ctx.now(), ctx.sessionLifetimeMs);
    if (!state) return null;
    if (state.renewedExpiresAt && ctx.sessionToken) ctx.setSessionCookie(ctx.sessionToken, state.renewedExpiresAt);
    return auth.getMe(ctx.db, state);
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

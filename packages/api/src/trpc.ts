import type { DomainErrorCode, FieldErrors, Permission } from '@tessera/domain';
import { DomainError, isDomainError } from '@tessera/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isDatabaseFault } from '@tessera/db';
import { ZodError } from 'zod';
import type { Context } from './context';
import { actorFor } from './actor';
import { resolveSession } from './services/auth.service';
import { type StorageErrorCode, storageFaultAnswer } from './storage-faults';

/** The one mapping from domain error codes to transport codes. */
const transportCodes: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  FORBIDDEN: 'FORBIDDEN',
  NO_ORGANIZATION: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  STALE_VERSION: 'CONFLICT',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  LAST_ADMIN: 'CONFLICT',
};

export type AppErrorCode = DomainErrorCode | StorageErrorCode | 'INTERNAL' | 'BAD_REQUEST';

/** The HTTP status for a domain error, for routes outside tRPC (same table as the procedures). */
export function httpStatusOf(code: DomainErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: transportCodes[code] }));
}

/** What every error response carries in `data`; the web app translates `appCode` and `fieldErrors`. */
export interface AppErrorData {
  appCode: AppErrorCode;
  fieldErrors: FieldErrors | null;
  retryAfterSeconds: number | null;
}

function zodFieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    const message = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    fields[path] = [...(fields[path] ?? []), message];
  }
  return fields;
}

export interface ProcedureMeta {
  permission?: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Never ship stack traces, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const storage = storageFaultAnswer(cause);
      let data: AppErrorData;
      let message = shape.message;
      if (storage) {
        data = { appCode: storage.appCode, fieldErrors: null, retryAfterSeconds: storage.retryAfterSeconds };
        message = storage.message;
      } else if (isDomainError(cause)) {
        data = {
          appCode: cause.code,
          fieldErrors: cause.fieldErrors ?? null,
          retryAfterSeconds: cause.retryAfterSeconds ?? null,
        };
      } else if (cause instanceof ZodError) {
        data = { appCode: 'VALIDATION', fieldErrors: zodFieldErrors(cause), retryAfterSeconds: null };
        message = 'Some fields are not valid.';
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        data = { appCode: 'INTERNAL', fieldErrors: null, retryAfterSeconds: null };
        message = 'Something went wrong on the server.';
      } else if (error.code === 'NOT_FOUND') {
        data = { appCode: 'NOT_FOUND', fieldErrors: null, retryAfterSeconds: null };
        message = 'No such procedure.';
      } else {
        // Parse errors and the like: a fixed message, never an echo of what was sent.
        data = { appCode: 'BAD_REQUEST', fieldErrors: null, retryAfterSeconds: null };
        message = 'The request could not be understood.';
      }
      const { stack: _stack, ...rest } = shape.data as typeof shape.data & { stack?: string };
      return { ...shape, message, data: { ...rest, ...data } };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/**
 * Turns a DomainError thrown anywhere below into the right transport code, and a storage fault
 * (full disk, read-only or missing database, I/O error, lock timeout) into 503.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: transportCodes[cause.code], message: cause.message, cause });
  }
  if (!result.ok && isDatabaseFault(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

const allStages = ['full', 'second_factor', 'enrol'] as const;

/** A signed-in user with a live session (renewed when past half its life). */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const auth = await resolveSession(ctx.db, ctx.sessionToken, ctx.now(), ctx.sessionLifetimeMs, allStages);
  if (auth?.stage !== 'full') {
    // A half-signed-in browser keeps its cookie: it is still on its way to the second factor.
    if (ctx.sessionToken && !auth) ctx.clearSessionCookie();
    throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  }
  if (auth.renewedExpiresAt && ctx.sessionToken) ctx.setSessionCookie(ctx.sessionToken, auth.renewedExpiresAt);
  return next({ ctx: { auth } });
});

/**
 * A session that has passed the password but still owes its second factor ('second_factor') or
 * an enrolment ('enrol'), or a full one: only for the procedures that finish signing in.
 */
export const pendingSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const auth = await resolveSession(ctx.db, ctx.sessionToken, ctx.now(), ctx.sessionLifetimeMs, allStages);
  if (!auth) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return next({ ctx: { auth } });
});

/**
 * A member of the session's active organisation holding `permission`. The role is read afresh
 * on every call, so a removed member or changed role takes effect at once.
 */
export function orgProcedure(permission: Permission) {
  return authedProcedure.meta({ permission }).use(async ({ ctx, next }) => {
    const actor = await actorFor(ctx.db, ctx.auth, permission);
    return next({ ctx: { actor } });
  });
}

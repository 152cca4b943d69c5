import type { CreateIndicatorInput, Role, Shown } from '@tessera/domain';
import { insertSession, type OpenedDatabase } from '@tessera/db';
import { createTestDatabase, createTestOrganization, createTestUser } from '@tessera/db/testing';
import { isDomainError, shownText } from '@tessera/domain';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { expect } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { sessionIdFromToken } from '../src/services/auth.service';
import { hashPassword } from '../src/services/passwords';

export { createTestDatabase, createTestOrganization, createTestUser };

let tokenCounter = 0;

/** A caller acting as a member with `role` in `orgId`, through a real session row. */
export async function callerFor(
  opened: OpenedDatabase,
  orgId: string,
  role: Role,
  context: Partial<Parameters<typeof createInnerContext>[0]> = {},
) {
  const user = await createTestUser(opened.db, orgId, role);
  return { user, caller: await callerForUser(opened, user.id, orgId, context) };
}

export async function callerForUser(
  opened: OpenedDatabase,
  userId: string,
  orgId: string | null,
  context: Partial<Parameters<typeof createInnerContext>[0]> = {},
) {
  tokenCounter += 1;
  const token = `test-token-${tokenCounter}-${Math.random().toString(36).slice(2)}`;
  await insertSession(opened.db, {
    id: sessionIdFromToken(token),
    userId,
    activeOrgId: orgId,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return createCaller(createInnerContext({ ...context, db: opened.db, sessionToken: token }));
}

export function anonymousCaller(
  opened: OpenedDatabase,
  overrides: Parameters<typeof createInnerContext>[0] extends infer T ? Partial<T> : never = {},
) {
  return createCaller(createInnerContext({ db: opened.db, ...overrides }));
}

export async function userWithPassword(opened: OpenedDatabase, orgId: string, role: Role, password: string) {
  return createTestUser(opened.db, orgId, role, { passwordHash: await hashPassword(password) });
}

/** The appCode the API would report for an error (the same rule as the error formatter). */
export function appCodeOf(error: TRPCError): string {
  const cause = error.cause;
  if (isDomainError(cause)) return cause.code;
  if (cause instanceof ZodError) return 'VALIDATION';
  return `other:${error.code}`;
}

/** Asserts a tRPC error with the given transport code and, if given, the exact appCode. */
export async function expectTrpcError(promise: Promise<unknown>, code: TRPCError['code'], appCode?: string) {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (appCode) expect(appCodeOf(error as TRPCError)).toBe(appCode);
  return error as TRPCError;
}

/** The field errors a domain error carries (as the API sends them). */
export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | undefined {
  return isDomainError(error.cause) ? error.cause.fieldErrors : undefined;
}

/** The zod issues behind an input validation error, as [path, message] pairs. */
export function issuesOf(error: TRPCError): [string, string][] {
  return error.cause instanceof ZodError ? error.cause.issues.map((i) => [i.path.join('.'), i.message]) : [];
}

type Plain<T> = T extends { suppressed: boolean }
  ? number | string
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/**
 * Counts of people as a screen shows them, for readable expectations: a shown count as its
 * number, a suppressed one as its text ("x").
 */
export function plain<T>(value: T): Plain<T> {
  if (Array.isArray(value)) return value.map(plain) as Plain<T>;
  if (value === null || typeof value !== 'object') return value as Plain<T>;
  if (isShown(value)) return (value.suppressed ? shownText(value) : value.value) as Plain<T>;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as Plain<T>;
}

function isShown(value: object): value is Shown {
  return (
    'suppressed' in value &&
    (('value' in value && !value.suppressed) || ('threshold' in value && value.suppressed === true))
  );
}

/** A valid indicator with no logframe details: a derived people count unless told otherwise. */
export function indicatorInput(overrides: Partial<CreateIndicatorInput>): CreateIndicatorInput {
  return {
    projectId: null,
    grantId: null,
    level: 'output',
    resultStatement: null,
    code: 'I-1',
    name: 'Indicator',
    definition: null,
    unit: 'people',
    type: 'number',
    direction: 'increase',
    baselineValue: null,
    baselineYear: null,
    baselineComment: null,
    lifeTarget: null,
    targets: [],
    dataSource: null,
    collectionMethod: null,
    frequency: null,
    responsible: null,
    disaggregation: [],
    source: 'derived',
    numerator: {
      measure: 'uniqueParticipants',
      filter: { activityKind: null, projectId: null, city: null, outputKind: null, outcomeKind: null },
    },
    denominator: null,
    ...overrides,
  };
}

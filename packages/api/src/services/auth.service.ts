import type { ChangePasswordInput, Locale, Membership, SignInInput } from '@tessera/domain';
import {
  DomainError,
  loginRetryAfterSeconds,
  loginThrottle,
  renewedSessionExpiry,
  sessionNeedsRenewal,
} from '@tessera/domain';
import {
  type Db,
  deleteSession,
  deleteSessionsOfUser,
  type Executor,
  extendSession,
  findCredentialsByEmail,
  findCredentialsById,
  findLastOrganization,
  findMembership,
  findSession,
  findUserById,
  insertAuditEvent,
  insertSession,
  listMembershipsOfUser,
  markLoginAttemptSucceeded,
  recordLoginAttempt,
  setLastOrganization,
  setSessionOrganization,
  summarizeFailures,
  updateUserLocale,
  updateUserPassword,
  type UserRecord,
} from '@tessera/db';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

const encoder = new TextEncoder();

/** The session id stored in the database is the token's hash: a leaked table opens no session. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(token)));
}

/**
 * Keys for the throttling table: keyed hashes (HMAC with the server's secret), so the table
 * cannot be reversed by hashing every email or every IPv4 address.
 */
function throttleKey(secretKey: Uint8Array, kind: 'account' | 'address', value: string): string {
  return encodeHexLowerCase(hmac(SHA256, secretKey, encoder.encode(`${kind}:${value}`)));
}

function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export interface AuthState {
  sessionId: string;
  user: UserRecord;
  /** The organisation the session works in; always one the user belongs to, or null. */
  activeOrgId: string | null;
  /** Set when the session was just extended: the host refreshes the cookie. */
  renewedExpiresAt: Date | null;
}

/** The organisation to work in: the preferred one if still a member, else the first. */
function pickOrganization(memberships: Membership[], preferred: (string | null)[]): string | null {
  for (const orgId of preferred) {
    if (orgId && memberships.some((m) => m.orgId === orgId)) return orgId;
  }
  return memberships[0]?.orgId ?? null;
}

export async function resolveSession(
  db: Db,
  token: string | null,
  now: Date,
  lifetimeMs: number,
): Promise<AuthState | null> {
  if (!token || token.length > 100) return null;
  const sessionId = sessionIdFromToken(token);
  const session = await findSession(db, sessionId);
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await deleteSession(db, sessionId);
    return null;
  }
  const user = await findUserById(db, session.userId);
  if (!user || user.disabled) return null;

  // Removed from the organisation this session was in (or added to one since signing in with
  // none): move the session to one the user still belongs to, so everything else keeps working.
  let activeOrgId = session.activeOrgId;
  if (!activeOrgId || !(await findMembership(db, activeOrgId, user.id))) {
    const memberships = await listMembershipsOfUser(db, user.id);
    activeOrgId = pickOrganization(memberships, [await findLastOrganization(db, user.id)]);
    if (activeOrgId !== session.activeOrgId) await setSessionOrganization(db, sessionId, activeOrgId);
  }

  let renewedExpiresAt: Date | null = null;
  if (sessionNeedsRenewal(session.expiresAt, now, lifetimeMs)) {
    const next = renewedSessionExpiry(session.createdAt, now, lifetimeMs);
    if (next.getTime() > session.expiresAt.getTime()) {
      renewedExpiresAt = next;
      await extendSession(db, sessionId, next);
    }
  }
  return { sessionId, user, activeOrgId, renewedExpiresAt };
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  user: UserRecord;
}

interface ThrottleContext {
  clientAddress: string;
  now: Date;
  secretKey: Uint8Array;
}

/**
 * Counts recent failures for the account and the address and, in the same transaction (SQLite
 * runs one at a time), records this attempt as a failure-until-proven-otherwise. Concurrent or
 * batched guesses therefore see each other. Throws RATE_LIMITED when the caller must wait.
 */
async function admitAttempt(db: Db, email: string, context: ThrottleContext): Promise<number> {
  const { now } = context;
  const accountKey = throttleKey(context.secretKey, 'account', email);
  const addressKey = throttleKey(context.secretKey, 'address', context.clientAddress);
  const since = new Date(now.getTime() - loginThrottle.windowMinutes * 60_000);
  return db.transaction().execute(async (trx) => {
    const account = await summarizeFailures(trx, 'account_key', accountKey, since, true);
    const address = await summarizeFailures(trx, 'address_key', addressKey, since, false);
    const wait = Math.max(
      loginRetryAfterSeconds(account.failures, loginThrottle.perAccount.freeFailures, account.lastFailureAt, now),
      loginRetryAfterSeconds(address.failures, loginThrottle.perAddress.freeFailures, address.lastFailureAt, now),
    );
    if (wait > 0) {
      throw new DomainError('RATE_LIMITED', `Too many failed attempts. Try again in ${wait} seconds.`, {
        retryAfterSeconds: wait,
      });
    }
    return recordLoginAttempt(trx, { accountKey, addressKey, at: now });
  });
}

/**
 * Signs in. The attempt is recorded before the password check and outside the transaction that
 * creates the session, so a failed sign-in counts even though the call ends in an error.
 */
export async function signIn(
  db: Db,
  input: SignInInput,
  context: ThrottleContext & { lifetimeMs: number; previousToken: string | null },
): Promise<SignInResult> {
  const attemptId = await admitAttempt(db, input.email, context);

  const credentials = await findCredentialsByEmail(db, input.email);
  // An unknown account still costs one hash check, so timing does not tell who has an account.
  const valid = credentials
    ? await verifyPassword(credentials.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!credentials || !valid || credentials.disabled) {
    throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not right.');
  }

  const { passwordHash: _hash, ...user } = credentials;
  const token = generateSessionToken();
  const expiresAt = new Date(context.now.getTime() + context.lifetimeMs);
  await db.transaction().execute(async (trx) => {
    await markLoginAttemptSucceeded(trx, attemptId);
    // A browser that signs in again leaves no older session of its own behind.
    if (context.previousToken) await deleteSession(trx, sessionIdFromToken(context.previousToken));
    const memberships = await listMembershipsOfUser(trx, user.id);
    const activeOrgId = pickOrganization(memberships, [await findLastOrganization(trx, user.id)]);
    await insertSession(trx, {
      id: sessionIdFromToken(token),
      userId: user.id,
      activeOrgId,
      expiresAt,
      createdAt: context.now,
    });
    await insertAuditEvent(trx, {
      orgId: activeOrgId,
      userId: user.id,
      action: 'sign_in',
      entity: 'user',
      entityId: user.id,
    });
  });
  return { token, expiresAt, user };
}

export async function signOut(db: Executor, auth: AuthState): Promise<void> {
  await deleteSession(db, auth.sessionId);
  await insertAuditEvent(db, {
    orgId: auth.activeOrgId,
    userId: auth.user.id,
    action: 'sign_out',
    entity: 'user',
    entityId: auth.user.id,
  });
}

export interface Me {
  user: { id: string; email: string; displayName: string; locale: Locale };
  memberships: Membership[];
  activeOrgId: string | null;
}

export async function getMe(db: Executor, auth: AuthState): Promise<Me> {
  return {
    user: { id: auth.user.id, email: auth.user.email, displayName: auth.user.displayName, locale: auth.user.locale },
    memberships: await listMembershipsOfUser(db, auth.user.id),
    activeOrgId: auth.activeOrgId,
  };
}

export async function switchOrganization(db: Executor, auth: AuthState, orgId: string): Promise<void> {
  const membership = await findMembership(db, orgId, auth.user.id);
  // Same answer for "no such organisation" and "not yours": nothing to learn by probing ids.
  if (!membership) throw new DomainError('FORBIDDEN', 'You are not a member of that organisation.');
  await setSessionOrganization(db, auth.sessionId, orgId);
  await setLastOrganization(db, auth.user.id, orgId);
}

export async function setLocale(db: Executor, auth: AuthState, locale: Locale): Promise<void> {
  await updateUserLocale(db, auth.user.id, locale);
  await insertAuditEvent(db, {
    orgId: auth.activeOrgId,
    userId: auth.user.id,
    action: 'update',
    entity: 'user',
    entityId: auth.user.id,
    fields: ['locale'],
  });
}

/**
 * Changes the password. Guesses at the current password are throttled like sign-ins, and the
 * slow hashing happens before the write transaction so other requests never queue behind it.
 */
export async function changePassword(
  db: Db,
  auth: AuthState,
  input: ChangePasswordInput,
  context: ThrottleContext,
): Promise<void> {
  const attemptId = await admitAttempt(db, auth.user.email, context);
  const credentials = await findCredentialsById(db, auth.user.id);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    throw new DomainError('VALIDATION', 'The current password is not right.', {
      fieldErrors: { currentPassword: ['validation.wrongPassword'] },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await markLoginAttemptSucceeded(trx, attemptId);
    await updateUserPassword(trx, auth.user.id, passwordHash);
    // Every other session of this user ends: a stolen session dies with the old password.
    await deleteSessionsOfUser(trx, auth.user.id, auth.sessionId);
    await insertAuditEvent(trx, {
      orgId: auth.activeOrgId,
      userId: auth.user.id,
      action: 'update',
      entity: 'user',
      entityId: auth.user.id,
      fields: ['password'],
    });
  });
}

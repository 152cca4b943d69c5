import type { ChangePasswordInput, Locale, Membership, SignInInput } from '@tessera/domain';
import { DomainError, loginRetryAfterSeconds, loginThrottle, sessionNeedsRenewal } from '@tessera/domain';
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
  recordLoginAttempt,
  setLastOrganization,
  setSessionOrganization,
  summarizeFailures,
  updateUserLocale,
  updateUserPassword,
  type UserRecord,
} from '@tessera/db';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** The session id stored in the database is the token's hash: a leaked table opens no session. */
export function sessionIdFromToken(token: string): string {
  return sha256Hex(token);
}

function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export interface AuthState {
  sessionId: string;
  user: UserRecord;
  activeOrgId: string | null;
  /** Set when the session was just extended: the host refreshes the cookie. */
  renewedExpiresAt: Date | null;
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
  let renewedExpiresAt: Date | null = null;
  if (sessionNeedsRenewal(session.expiresAt, now, lifetimeMs)) {
    renewedExpiresAt = new Date(now.getTime() + lifetimeMs);
    await extendSession(db, sessionId, renewedExpiresAt);
  }
  return { sessionId, user, activeOrgId: session.activeOrgId, renewedExpiresAt };
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  user: UserRecord;
}

/**
 * Checks the throttle, then the password. Attempts are recorded outside any transaction on
 * purpose: a failed sign-in must still count even though the call ends in an error.
 */
export async function signIn(
  db: Db,
  input: SignInInput,
  context: { clientAddress: string; now: Date; lifetimeMs: number },
): Promise<SignInResult> {
  const { now } = context;
  const accountKey = sha256Hex(`account:${input.email}`);
  const addressKey = sha256Hex(`address:${context.clientAddress}`);
  const since = new Date(now.getTime() - loginThrottle.windowMinutes * 60_000);

  const [account, address] = await Promise.all([
    summarizeFailures(db, 'account_key', accountKey, since, true),
    summarizeFailures(db, 'address_key', addressKey, since, false),
  ]);
  const wait = Math.max(
    loginRetryAfterSeconds(account.failures, loginThrottle.perAccount.freeFailures, account.lastFailureAt, now),
    loginRetryAfterSeconds(address.failures, loginThrottle.perAddress.freeFailures, address.lastFailureAt, now),
  );
  if (wait > 0) {
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${wait} seconds.`, {
      retryAfterSeconds: wait,
    });
  }

  const credentials = await findCredentialsByEmail(db, input.email);
  const valid = credentials
    ? await verifyPassword(credentials.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password)) && false;
  if (!credentials || !valid || credentials.disabled) {
    await recordLoginAttempt(db, { accountKey, addressKey, at: now, succeeded: false });
    throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not right.');
  }

  const { passwordHash: _hash, ...user } = credentials;
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + context.lifetimeMs);
  await db.transaction().execute(async (trx) => {
    await recordLoginAttempt(trx, { accountKey, addressKey, at: now, succeeded: true });
    const memberships = await listMembershipsOfUser(trx, user.id);
    const lastOrgId = await findLastOrganization(trx, user.id);
    const activeOrgId = (memberships.find((m) => m.orgId === lastOrgId) ?? memberships[0])?.orgId ?? null;
    await insertSession(trx, { id: sessionIdFromToken(token), userId: user.id, activeOrgId, expiresAt });
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
  const memberships = await listMembershipsOfUser(db, auth.user.id);
  // A session pointing at an organisation the user has left falls back to another one.
  const active = memberships.find((m) => m.orgId === auth.activeOrgId) ?? memberships[0] ?? null;
  return {
    user: { id: auth.user.id, email: auth.user.email, displayName: auth.user.displayName, locale: auth.user.locale },
    memberships,
    activeOrgId: active?.orgId ?? null,
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

export async function changePassword(db: Executor, auth: AuthState, input: ChangePasswordInput): Promise<void> {
  const credentials = await findCredentialsById(db, auth.user.id);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    throw new DomainError('VALIDATION', 'The current password is not right.', {
      fieldErrors: { currentPassword: ['validation.wrongPassword'] },
    });
  }
  await updateUserPassword(db, auth.user.id, await hashPassword(input.newPassword));
  // Every other session of this user ends: a stolen session dies with the old password.
  await deleteSessionsOfUser(db, auth.user.id, auth.sessionId);
  await insertAuditEvent(db, {
    orgId: auth.activeOrgId,
    userId: auth.user.id,
    action: 'update',
    entity: 'user',
    entityId: auth.user.id,
    fields: ['password'],
  });
}

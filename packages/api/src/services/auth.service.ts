import type { ChangePasswordInput, Locale, Membership, SignInInput } from '@tessera/domain';
import { DomainError, renewedSessionExpiry, sessionNeedsRenewal } from '@tessera/domain';
import { weakPasswordError } from '@tessera/domain/password-strength';
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
  findSecondFactor,
  findSession,
  findUserById,
  insertAuditEvent,
  insertSession,
  isSecondFactorRequiredFor,
  listMembershipsOfUser,
  type SessionStage,
  setLastOrganization,
  setSessionOrganization,
  updateUserLocale,
  updateUserUsFormats,
  updateUserPassword,
  type UserRecord,
} from '@tessera/db';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { admitAttempt, markAttemptSucceeded, type ThrottleContext } from './login-throttle.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { verifySecondFactor } from './second-factor.service';

const encoder = new TextEncoder();

/** The session id stored in the database is the token's hash: a leaked table opens no session. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(token)));
}

function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export interface AuthState {
  sessionId: string;
  /** Only 'full' sessions reach `authedProcedure` and the file routes. */
  stage: SessionStage;
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

/**
 * The session behind a cookie token, if it is live and at one of `stages`: by default only fully
 * signed-in sessions, so a half-signed-in one (password right, second factor awaited) opens
 * nothing but the second-factor procedures that ask for it.
 */
export async function resolveSession(
  db: Db,
  token: string | null,
  now: Date,
  lifetimeMs: number,
  stages: readonly SessionStage[] = ['full'],
): Promise<AuthState | null> {
  if (!token || token.length > 100) return null;
  const sessionId = sessionIdFromToken(token);
  const session = await findSession(db, sessionId);
  if (!session || !stages.includes(session.stage)) return null;
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
  if (session.stage === 'full' && sessionNeedsRenewal(session.expiresAt, now, lifetimeMs)) {
    const next = renewedSessionExpiry(session.createdAt, now, lifetimeMs);
    if (next.getTime() > session.expiresAt.getTime()) {
      renewedExpiresAt = next;
      await extendSession(db, sessionId, next);
    }
  }
  return { sessionId, stage: session.stage, user, activeOrgId, renewedExpiresAt };
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  user: UserRecord;
  /** 'full', or what is still needed: a code ('second_factor') or an enrolment ('enrol'). */
  stage: SessionStage;
}

/** A half-signed-in session lasts long enough to open an app and type a code, no longer. */
const pendingLifetimeMs = 10 * 60_000;

/**
 * Signs in. The attempt is recorded before the password check and outside the transaction that
 * creates the session, so a failed sign-in counts even though the call ends in an error.
 */
export async function signIn(
  db: Db,
  input: SignInInput,
  context: ThrottleContext & { lifetimeMs: number; previousToken: string | null },
): Promise<SignInResult> {
  const attempt = await admitAttempt(db, { kind: 'password', email: input.email }, context);

  const credentials = await findCredentialsByEmail(db, input.email);
  // An unknown account still costs one hash check, so timing does not tell who has an account.
  const valid = credentials
    ? await verifyPassword(credentials.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
  if (!credentials || !valid || credentials.disabled) {
    throw new DomainError('INVALID_CREDENTIALS', 'The email or password is not right.');
  }

  const { passwordHash: _hash, ...user } = credentials;
  const enrolled = Boolean((await findSecondFactor(db, user.id))?.secretSealed);
  const stage: SessionStage = enrolled
    ? 'second_factor'
    : (await isSecondFactorRequiredFor(db, user.id))
      ? 'enrol'
      : 'full';
  const token = generateSessionToken();
  const expiresAt = new Date(context.now.getTime() + (stage === 'full' ? context.lifetimeMs : pendingLifetimeMs));
  await db.transaction().execute(async (trx) => {
    await markAttemptSucceeded(trx, attempt, context.now);
    // A browser that signs in again leaves no older session of its own behind.
    if (context.previousToken) await deleteSession(trx, sessionIdFromToken(context.previousToken));
    await openSession(trx, user.id, token, expiresAt, context.now, stage);
  });
  return { token, expiresAt, user, stage };
}

async function openSession(
  trx: Executor,
  userId: string,
  token: string,
  expiresAt: Date,
  now: Date,
  stage: SessionStage,
  auditFields?: readonly ('second_factor' | 'recovery_code')[],
): Promise<void> {
  const memberships = await listMembershipsOfUser(trx, userId);
  const activeOrgId = pickOrganization(memberships, [await findLastOrganization(trx, userId)]);
  await insertSession(trx, { id: sessionIdFromToken(token), userId, activeOrgId, expiresAt, createdAt: now, stage });
  // Signed in once the last step is passed; a half-signed-in session is not a sign-in.
  if (stage !== 'full') return;
  await insertAuditEvent(trx, {
    orgId: activeOrgId,
    userId,
    action: 'sign_in',
    entity: 'user',
    entityId: userId,
    ...(auditFields ? { fields: auditFields } : {}),
  });
}

/**
 * Finishes a sign-in waiting for its second factor. The half-signed-in session is replaced by a
 * new one under a new token (what the password alone opened never becomes a full session).
 */
export async function completeSecondFactor(
  db: Db,
  auth: AuthState,
  input: { code: string } | { recoveryCode: string },
  context: ThrottleContext & { lifetimeMs: number },
): Promise<{ token: string; expiresAt: Date; method: 'code' | 'recovery_code' }> {
  if (auth.stage !== 'second_factor') throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const { method, attempt } = await verifySecondFactor(db, auth.user.id, input, context);
  const upgraded = await upgradeSession(
    db,
    auth,
    context,
    [method === 'code' ? 'second_factor' : 'recovery_code'],
    (trx) => markAttemptSucceeded(trx, attempt, context.now),
  );
  return { ...upgraded, method };
}

/** Replaces a half-signed-in session with a full one under a new token. */
export async function upgradeSession(
  db: Db,
  auth: AuthState,
  context: { now: Date; lifetimeMs: number },
  auditFields: readonly ('second_factor' | 'recovery_code')[],
  alsoInTransaction?: (trx: Executor) => Promise<void>,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(context.now.getTime() + context.lifetimeMs);
  await db.transaction().execute(async (trx) => {
    await alsoInTransaction?.(trx);
    await deleteSession(trx, auth.sessionId);
    await openSession(trx, auth.user.id, token, expiresAt, context.now, 'full', auditFields);
  });
  return { token, expiresAt };
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
  user: { id: string; email: string; displayName: string; locale: Locale; usFormats: boolean };
  memberships: Membership[];
  activeOrgId: string | null;
}

export async function getMe(db: Executor, auth: AuthState): Promise<Me> {
  return {
    user: {
      id: auth.user.id,
      email: auth.user.email,
      displayName: auth.user.displayName,
      locale: auth.user.locale,
      usFormats: auth.user.usFormats,
    },
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

/** English with US dates and numbers (or back to British); a choice of the person, audited. */
export async function setUsFormats(db: Executor, auth: AuthState, usFormats: boolean): Promise<void> {
  if (auth.user.usFormats === usFormats) return;
  await updateUserUsFormats(db, auth.user.id, usFormats);
  await insertAuditEvent(db, {
    orgId: auth.activeOrgId,
    userId: auth.user.id,
    action: 'update',
    entity: 'user',
    entityId: auth.user.id,
    fields: ['usFormats'],
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
  // The strength rule first: a weak new password costs no guess at the current one.
  const weak = weakPasswordError(input.newPassword, auth.user);
  if (weak) {
    throw new DomainError('VALIDATION', 'The new password is too easy to guess.', {
      fieldErrors: { newPassword: [weak] },
    });
  }
  const attempt = await admitAttempt(db, { kind: 'password', email: auth.user.email }, context);
  const credentials = await findCredentialsById(db, auth.user.id);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    throw new DomainError('VALIDATION', 'The current password is not right.', {
      fieldErrors: { currentPassword: ['validation.wrongPassword'] },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await markAttemptSucceeded(trx, attempt, context.now);
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

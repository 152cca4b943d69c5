import type { Role } from '@tessera/domain';
import { DomainError, passwordField, wouldLeaveNoAdmin } from '@tessera/domain';
import {
  type Db,
  deleteSecondFactor,
  deleteSessionsOfUser,
  findMembership,
  findSecondFactor,
  findOrganizationBySlug,
  findUserByEmail,
  insertAuditEvent,
  insertMembership,
  insertUser,
  listMembers,
  listMembershipsOfUser,
  updateMembershipRole,
} from '@tessera/db';
import { weakPasswordError } from '@tessera/domain/password-strength';
import { hashPassword } from './passwords';

/**
 * Operations for the admin CLI, run by whoever holds the server: no session, so the audit rows
 * carry no user id. Each runs in one transaction.
 */
export async function createUserWithMembership(
  db: Db,
  input: { email: string; orgSlug: string; role: Role; password: string; displayName?: string },
): Promise<{ userId: string; created: boolean }> {
  const password = passwordField.safeParse(input.password);
  if (!password.success) {
    throw new DomainError('VALIDATION', 'The password must be 10 to 256 characters long.', {
      fieldErrors: { password: password.error.issues.map((i) => i.message) },
    });
  }
  const weak = weakPasswordError(input.password, { email: input.email, displayName: input.displayName });
  if (weak) {
    throw new DomainError(
      'VALIDATION',
      'The password is too easy to guess (common, a pattern, or the person’s own email or name). Use a few unrelated words, or pipe nothing to have one generated.',
      { fieldErrors: { password: [weak] } },
    );
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const org = await findOrganizationBySlug(trx, input.orgSlug);
    if (!org) throw new DomainError('NOT_FOUND', `No organisation with slug "${input.orgSlug}".`);
    let user = await findUserByEmail(trx, input.email);
    const created = !user;
    if (!user) {
      user = await insertUser(trx, {
        email: input.email,
        displayName: input.displayName ?? input.email.split('@')[0] ?? input.email,
        passwordHash,
        locale: 'en',
      });
      await insertAuditEvent(trx, {
        orgId: org.id,
        userId: null,
        action: 'create',
        entity: 'user',
        entityId: user.id,
        fields: ['email', 'displayName'],
      });
    }
    if (await findMembership(trx, org.id, user.id)) {
      throw new DomainError('CONFLICT', `${input.email} is already a member of ${input.orgSlug}; use user:set-role.`);
    }
    await insertMembership(trx, org.id, user.id, input.role);
    await insertAuditEvent(trx, {
      orgId: org.id,
      userId: null,
      action: 'create',
      entity: 'membership',
      entityId: user.id,
      fields: ['role'],
    });
    return { userId: user.id, created };
  });
}

export async function setUserRole(db: Db, input: { email: string; orgSlug: string; role: Role }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await findOrganizationBySlug(trx, input.orgSlug);
    if (!org) throw new DomainError('NOT_FOUND', `No organisation with slug "${input.orgSlug}".`);
    const user = await findUserByEmail(trx, input.email);
    if (!user || !(await findMembership(trx, org.id, user.id))) {
      throw new DomainError('NOT_FOUND', `${input.email} is not a member of ${input.orgSlug}.`);
    }
    const members = await listMembers(trx, org.id);
    if (wouldLeaveNoAdmin(members, { userId: user.id, newRole: input.role })) {
      throw new DomainError('LAST_ADMIN', 'The organisation must keep at least one admin.');
    }
    await updateMembershipRole(trx, org.id, user.id, input.role);
    await insertAuditEvent(trx, {
      orgId: org.id,
      userId: null,
      action: 'role_change',
      entity: 'membership',
      entityId: user.id,
      fields: ['role'],
    });
  });
}

/**
 * Removes a user's second factor and recovery codes and signs them out everywhere: the way back
 * in for an organisation's only admin who lost their phone and codes (no other admin can reset
 * them in the app). At the next sign-in they enrol again where the organisation requires it.
 * Audited in every organisation they belong to, with no user id (whoever holds the server did it).
 */
export async function resetSecondFactorByEmail(
  db: Db,
  input: { email: string },
): Promise<{ hadSecondFactor: boolean }> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, input.email);
    if (!user) throw new DomainError('NOT_FOUND', `No account with the email ${input.email}.`);
    const factor = await findSecondFactor(trx, user.id);
    await deleteSecondFactor(trx, user.id);
    await deleteSessionsOfUser(trx, user.id);
    for (const membership of await listMembershipsOfUser(trx, user.id)) {
      await insertAuditEvent(trx, {
        orgId: membership.orgId,
        userId: null,
        action: 'delete',
        entity: 'second_factor',
        entityId: user.id,
        fields: ['second_factor', 'recovery_codes'],
      });
    }
    return { hadSecondFactor: Boolean(factor?.secretSealed || factor?.pendingSecretSealed) };
  });
}

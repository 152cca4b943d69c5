import type { Actor, AddMemberInput, Member, RemoveMemberInput, SetMemberRoleInput } from '@tessera/domain';
import { DomainError, defaultLocale, isLocale, wouldLeaveNoAdmin } from '@tessera/domain';
import {
  type Db,
  deleteMembership,
  type Executor,
  findMembership,
  findOrganizationById,
  findUserByEmail,
  insertAuditEvent,
  insertMembership,
  insertUser,
  listMembers,
  updateMembershipRole,
} from '@tessera/db';
import { generatePassword, hashPassword } from './passwords';

export function listOrganizationMembers(db: Executor, actor: Actor): Promise<Member[]> {
  return listMembers(db, actor.orgId);
}

export interface AddMemberResult {
  member: Member;
  /** Set only when a new account was created: shown once to the admin, never stored in clear. */
  temporaryPassword: string | null;
}

/**
 * Adds a person by email. An existing account gets a membership; an unknown email gets a new
 * account with a one-time password the admin hands over (there is no mail delivery yet).
 * The password is hashed before the transaction opens, so no other request waits on argon2.
 */
export async function addMember(db: Db, actor: Actor, input: AddMemberInput): Promise<AddMemberResult> {
  const candidatePassword = generatePassword();
  const candidateHash = await hashPassword(candidatePassword);
  return db.transaction().execute((trx) => addMemberInTransaction(trx, actor, input, candidatePassword, candidateHash));
}

async function addMemberInTransaction(
  db: Executor,
  actor: Actor,
  input: AddMemberInput,
  candidatePassword: string,
  candidateHash: string,
): Promise<AddMemberResult> {
  let user = await findUserByEmail(db, input.email);
  let temporaryPassword: string | null = null;
  if (user) {
    if (await findMembership(db, actor.orgId, user.id)) {
      throw new DomainError('CONFLICT', 'This person is already a member.', {
        fieldErrors: { email: ['validation.alreadyMember'] },
      });
    }
  } else {
    const org = await findOrganizationById(db, actor.orgId);
    temporaryPassword = candidatePassword;
    user = await insertUser(db, {
      email: input.email,
      displayName: input.displayName,
      passwordHash: candidateHash,
      locale: isLocale(org?.defaultLocale) ? org.defaultLocale : defaultLocale,
    });
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'user',
      entityId: user.id,
      fields: ['email', 'displayName'],
    });
  }
  await insertMembership(db, actor.orgId, user.id, input.role);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'membership',
    entityId: user.id,
    fields: ['role'],
  });
  const member = (await listMembers(db, actor.orgId)).find((m) => m.userId === user.id);
  if (!member) throw new Error('membership vanished after insert');
  return { member, temporaryPassword };
}

async function requireMember(db: Executor, actor: Actor, userId: string): Promise<Member[]> {
  const members = await listMembers(db, actor.orgId);
  if (!members.some((m) => m.userId === userId)) throw new DomainError('NOT_FOUND', 'No such member.');
  return members;
}

export async function setMemberRole(db: Executor, actor: Actor, input: SetMemberRoleInput): Promise<void> {
  const members = await requireMember(db, actor, input.userId);
  if (members.find((m) => m.userId === input.userId)?.role === input.role) return;
  if (wouldLeaveNoAdmin(members, { userId: input.userId, newRole: input.role })) {
    throw new DomainError('LAST_ADMIN', 'The organisation must keep at least one admin.');
  }
  await updateMembershipRole(db, actor.orgId, input.userId, input.role);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'role_change',
    entity: 'membership',
    entityId: input.userId,
    fields: ['role'],
  });
}

export async function removeMember(db: Executor, actor: Actor, input: RemoveMemberInput): Promise<void> {
  const members = await requireMember(db, actor, input.userId);
  if (wouldLeaveNoAdmin(members, { userId: input.userId, newRole: null })) {
    throw new DomainError('LAST_ADMIN', 'The organisation must keep at least one admin.');
  }
  await deleteMembership(db, actor.orgId, input.userId);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'membership',
    entityId: input.userId,
  });
}

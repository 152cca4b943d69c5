import type { Actor, Permission } from '@tessera/domain';
import { DomainError, rolesFor } from '@tessera/domain';
import { type Db, findMembership } from '@tessera/db';
import { type AuthState, resolveSession } from './services/auth.service';

/**
 * The actor for a signed-in user in the session's organisation, if the role there holds
 * `permission`. The one place roles are checked: tRPC procedures and plain HTTP routes (file
 * uploads and downloads) both come through here.
 */
export async function actorFor(db: Db, auth: AuthState, permission: Permission): Promise<Actor> {
  const orgId = auth.activeOrgId;
  if (!orgId) throw new DomainError('NO_ORGANIZATION', 'You do not belong to any organisation yet.');
  const membership = await findMembership(db, orgId, auth.user.id);
  if (!membership) throw new DomainError('NO_ORGANIZATION', 'You are no longer a member of this organisation.');
  if (!rolesFor(permission).includes(membership.role)) {
    throw new DomainError('FORBIDDEN', `Your role (${membership.role}) may not do this.`);
  }
  return { userId: auth.user.id, orgId, role: membership.role };
}

/** For HTTP routes outside tRPC: the session from a cookie token, then the role check. */
export async function actorFromToken(
  db: Db,
  token: string | null,
  permission: Permission,
  options: { now: Date; sessionLifetimeMs: number },
): Promise<Actor> {
  const auth = await resolveSession(db, token, options.now, options.sessionLifetimeMs);
  if (!auth) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return actorFor(db, auth, permission);
}

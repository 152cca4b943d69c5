import { can, type Permission, type Role } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';

/** The session as the shell sees it; `role` is the role in the active organisation. */
export function useSession() {
  const query = useQuery(trpc.auth.session.queryOptions());
  const session = query.data ?? null;
  const activeMembership = session?.memberships.find((m) => m.orgId === session.activeOrgId) ?? null;
  return { query, session, activeMembership, role: (activeMembership?.role ?? null) as Role | null };
}

/** Whether the signed-in user's role in the active organisation holds `permission`. */
export function useCan(permission: Permission): boolean {
  const { role } = useSession();
  return role !== null && can(role, permission);
}

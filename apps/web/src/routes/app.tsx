import { can, type Role } from '@tessera/domain';
import { createRoute, redirect } from '@tanstack/react-router';
import { AppLayout } from '../features/shell/app-layout';
import { queryClient, trpc } from '../lib/trpc';
import { rootRoute } from './root';

/** The signed-in area: a pathless layout route around every page but sign-in. */
export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });

/**
 * Where "/" leads: coordinators on today's sessions (attendance at the venue), finance and admin
 * on the dashboard, everyone else on the funders.
 */
export function landingPath(role: Role | null): '/today' | '/dashboard' | '/funders' {
  if (role === 'coordinator') return '/today';
  return role !== null && can(role, 'ledger.read') ? '/dashboard' : '/funders';
}

export const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: async () => {
    let role: Role | null = null;
    try {
      const session = await queryClient.ensureQueryData(trpc.auth.session.queryOptions());
      role = (session?.memberships.find((m) => m.orgId === session.activeOrgId)?.role ?? null) as Role | null;
    } catch {
      // Signed out or offline: the layout deals with it on whichever page we land.
    }
    throw redirect({ to: landingPath(role) });
  },
});

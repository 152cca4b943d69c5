import { can, type Role } from '@tessera/domain';
import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { StartScreen } from '../app/start-screen';
import { queryClient, trpc } from '../lib/trpc';
import { rootRoute } from './root';

/**
 * The signed-in area: a pathless layout route around every page but sign-in. Its layout is a
 * chunk of its own, so the sign-in page does not download the shell (docs/decisions/0026).
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: lazyRouteComponent(() => import('../features/shell/app-layout'), 'AppLayout'),
  pendingComponent: StartScreen,
});

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

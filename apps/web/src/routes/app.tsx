import { createRoute, redirect } from '@tanstack/react-router';
import { AppLayout } from '../features/shell/app-layout';
import { rootRoute } from './root';

/** The signed-in area: a pathless layout route around every page but sign-in. */
export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });

export const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/funders' });
  },
});

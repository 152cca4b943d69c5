import { type AnyRouter, createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { SignInPage } from '../features/auth/sign-in-page';

/**
 * A router that knows only the sign-in page: a visitor's first load carries it and not the app's
 * route tree (with its pages' search schemas, zod and the domain rules), which stays behind
 * `openApp`. Any other address (`/` after signing in) renders `OpenApp`, which swaps in the whole
 * app's router (app.tsx). See docs/decisions/0026-javascript-budget.md.
 */
export function createSignInRouter(OpenApp: () => ReactElement): AnyRouter {
  const root = createRootRoute({ component: Outlet });
  const signIn = createRoute({ getParentRoute: () => root, path: '/sign-in', component: SignInPage });
  const index = createRoute({ getParentRoute: () => root, path: '/', component: OpenApp });
  const rest = createRoute({ getParentRoute: () => root, path: '$', component: OpenApp });
  return createRouter({ routeTree: root.addChildren([signIn, index, rest]) });
}

/** Whether this load starts on the sign-in page (a visitor, or a bookmark of it). */
export function startsOnSignIn(): boolean {
  return typeof window !== 'undefined' && window.location.pathname.replace(/\/+$/, '') === '/sign-in';
}

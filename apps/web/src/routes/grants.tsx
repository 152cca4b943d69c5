import { createRoute } from '@tanstack/react-router';
import { useCallback } from 'react';
import {
  type GrantsSearch,
  type GrantTab,
  grantPageSearchSchema,
  grantsSearchSchema,
} from '../features/grants/grants-search';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const GrantPage = lazyPage(() => import('../features/grants/grant-page'), 'GrantPage');
const GrantsPage = lazyPage(() => import('../features/grants/grants-page'), 'GrantsPage');
const NewGrantPage = lazyPage(() => import('../features/grants/new-grant-page'), 'NewGrantPage');

export const grantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/grants',
  validateSearch: (search: Record<string, unknown>) => grantsSearchSchema.parse(search),
  component: function GrantsRoute() {
    const search = grantsRoute.useSearch();
    const navigate = grantsRoute.useNavigate();
    const onSearchChange = useCallback(
      (changes: Partial<GrantsSearch>) =>
        void navigate({ search: (previous) => ({ ...previous, ...changes }), replace: true }),
      [navigate],
    );
    return <GrantsPage search={search} onSearchChange={onSearchChange} />;
  },
});

export const newGrantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/grants/new',
  component: NewGrantPage,
});

export const grantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/grants/$grantId',
  validateSearch: (search: Record<string, unknown>) => grantPageSearchSchema.parse(search),
  component: function GrantRoute() {
    const { grantId } = grantRoute.useParams();
    const { tab } = grantRoute.useSearch();
    const navigate = grantRoute.useNavigate();
    const onTabChange = useCallback(
      (next: GrantTab) => void navigate({ search: { tab: next === 'overview' ? undefined : next }, replace: true }),
      [navigate],
    );
    return <GrantPage key={grantId} grantId={grantId} tab={tab ?? 'overview'} onTabChange={onTabChange} />;
  },
});

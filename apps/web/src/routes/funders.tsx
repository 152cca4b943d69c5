import { createRoute } from '@tanstack/react-router';
import { useCallback } from 'react';
import { type FundersSearch, fundersSearchSchema } from '../features/funders/funders-search';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const FunderPage = lazyPage(() => import('../features/funders/funder-page'), 'FunderPage');
const FundersPage = lazyPage(() => import('../features/funders/funders-page'), 'FundersPage');
const NewFunderPage = lazyPage(() => import('../features/funders/new-funder-page'), 'NewFunderPage');

export const fundersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/funders',
  validateSearch: (search: Record<string, unknown>) => fundersSearchSchema.parse(search),
  component: function FundersRoute() {
    const search = fundersRoute.useSearch();
    const navigate = fundersRoute.useNavigate();
    const onSearchChange = useCallback(
      (changes: Partial<FundersSearch>) =>
        void navigate({ search: (previous) => ({ ...previous, ...changes }), replace: true }),
      [navigate],
    );
    return <FundersPage search={search} onSearchChange={onSearchChange} />;
  },
});

export const newFunderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/funders/new',
  component: NewFunderPage,
});

export const funderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/funders/$funderId',
  component: function FunderRoute() {
    const { funderId } = funderRoute.useParams();
    return <FunderPage key={funderId} funderId={funderId} />;
  },
});

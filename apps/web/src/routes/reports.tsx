import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const PackPage = lazyPage(() => import('../features/reports/pack-page'), 'PackPage');

/** A report pack of a grant: its narrative, figures and exports. */
export const reportPackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/grants/$grantId/reports/$packId',
  component: function ReportPackRoute() {
    const { grantId, packId } = reportPackRoute.useParams();
    return <PackPage key={packId} grantId={grantId} packId={packId} />;
  },
});

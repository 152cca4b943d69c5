import { createRoute } from '@tanstack/react-router';
import { PackPage } from '../features/reports/pack-page';
import { appRoute } from './app';

/** A report pack of a grant: its narrative, figures and exports. */
export const reportPackRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/grants/$grantId/reports/$packId',
  component: function ReportPackRoute() {
    const { grantId, packId } = reportPackRoute.useParams();
    return <PackPage key={packId} grantId={grantId} packId={packId} />;
  },
});

import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const AuditPage = lazyPage(() => import('../features/audit/audit-page'), 'AuditPage');

export const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', component: AuditPage });

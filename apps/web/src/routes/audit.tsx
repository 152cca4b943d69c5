import { createRoute } from '@tanstack/react-router';
import { AuditPage } from '../features/audit/audit-page';
import { appRoute } from './app';

export const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/audit', component: AuditPage });

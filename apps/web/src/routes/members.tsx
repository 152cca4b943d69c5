import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const MembersPage = lazyPage(() => import('../features/members/members-page'), 'MembersPage');

export const membersRoute = createRoute({ getParentRoute: () => appRoute, path: '/members', component: MembersPage });

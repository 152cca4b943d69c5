import { createRoute } from '@tanstack/react-router';
import { MembersPage } from '../features/members/members-page';
import { appRoute } from './app';

export const membersRoute = createRoute({ getParentRoute: () => appRoute, path: '/members', component: MembersPage });

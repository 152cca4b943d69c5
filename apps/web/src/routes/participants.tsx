import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const ImportPage = lazyPage(() => import('../features/participants/import-page'), 'ImportPage');
const NewParticipantPage = lazyPage(
  () => import('../features/participants/new-participant-page'),
  'NewParticipantPage',
);
const ParticipantPage = lazyPage(() => import('../features/participants/participant-page'), 'ParticipantPage');
const ParticipantSettingsPage = lazyPage(
  () => import('../features/participants/participant-settings-page'),
  'ParticipantSettingsPage',
);
const ParticipantsPage = lazyPage(() => import('../features/participants/participants-page'), 'ParticipantsPage');
const RegisterPage = lazyPage(() => import('../features/participants/register-page'), 'RegisterPage');
const TodayPage = lazyPage(() => import('../features/participants/today-page'), 'TodayPage');

// Only ids ever appear in these URLs: searches and answers stay in the components.

export const todayRoute = createRoute({ getParentRoute: () => appRoute, path: '/today', component: TodayPage });

export const registerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/sessions/$sessionId/register',
  component: function RegisterRoute() {
    const { sessionId } = registerRoute.useParams();
    return <RegisterPage key={sessionId} sessionId={sessionId} />;
  },
});

export const participantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants',
  component: ParticipantsPage,
});

export const newParticipantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants/new',
  component: NewParticipantPage,
});

export const importParticipantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants/import',
  component: ImportPage,
});

export const participantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/participants/$participantId',
  component: function ParticipantRoute() {
    const { participantId } = participantRoute.useParams();
    return <ParticipantPage key={participantId} participantId={participantId} />;
  },
});

export const participantSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/participants',
  component: ParticipantSettingsPage,
});

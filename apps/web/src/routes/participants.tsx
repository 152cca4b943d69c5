import { createRoute } from '@tanstack/react-router';
import { ImportPage } from '../features/participants/import-page';
import { NewParticipantPage } from '../features/participants/new-participant-page';
import { ParticipantPage } from '../features/participants/participant-page';
import { ParticipantSettingsPage } from '../features/participants/participant-settings-page';
import { ParticipantsPage } from '../features/participants/participants-page';
import { RegisterPage } from '../features/participants/register-page';
import { TodayPage } from '../features/participants/today-page';
import { appRoute } from './app';

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

import { createRouter } from '@tanstack/react-router';
import { appRoute, indexRoute } from '../routes/app';
import { auditRoute } from '../routes/audit';
import { dashboardRoute } from '../routes/dashboard';
import { exchangeRatesRoute } from '../routes/exchange-rates';
import { funderRoute, fundersRoute, newFunderRoute } from '../routes/funders';
import { grantRoute, grantsRoute, newGrantRoute } from '../routes/grants';
import { membersRoute } from '../routes/members';
import {
  importParticipantsRoute,
  newParticipantRoute,
  participantRoute,
  participantSettingsRoute,
  participantsRoute,
  registerRoute,
  todayRoute,
} from '../routes/participants';
import {
  activitiesRoute,
  activityRoute,
  newActivityRoute,
  newProjectRoute,
  partnersRoute,
  projectRoute,
  projectsRoute,
} from '../routes/programme';
import { reportPackRoute } from '../routes/reports';
import { rootRoute } from '../routes/root';
import { signInRoute } from '../routes/sign-in';
import { templatesRoute } from '../routes/templates';

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    indexRoute,
    dashboardRoute,
    grantsRoute,
    newGrantRoute,
    grantRoute,
    reportPackRoute,
    templatesRoute,
    exchangeRatesRoute,
    fundersRoute,
    newFunderRoute,
    funderRoute,
    membersRoute,
    auditRoute,
    activitiesRoute,
    newActivityRoute,
    activityRoute,
    projectsRoute,
    newProjectRoute,
    projectRoute,
    partnersRoute,
    todayRoute,
    registerRoute,
    participantsRoute,
    newParticipantRoute,
    importParticipantsRoute,
    participantRoute,
    participantSettingsRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

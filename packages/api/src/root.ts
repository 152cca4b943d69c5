import { authRouter } from './routers/auth.router';
import { budgetRouter } from './routers/budget.router';
import { deadlinesRouter } from './routers/deadlines.router';
import {
  activitiesRouter,
  outputsRouter,
  partnersRouter,
  projectsRouter,
  sessionsRouter,
} from './routers/delivery.router';
import { exchangeRatesRouter } from './routers/exchange-rates.router';
import { expendituresRouter } from './routers/expenditures.router';
import { fundersRouter } from './routers/funders.router';
import { grantsRouter } from './routers/grants.router';
import { matchRouter } from './routers/match.router';
import { templatesRouter } from './routers/templates.router';
import { membersRouter } from './routers/members.router';
import { organizationRouter } from './routers/organization.router';
import { enrollmentsRouter, participantsRouter, registerRouter } from './routers/participants.router';
import { indicatorsRouter, outcomesRouter, reportsRouter, resultsRouter } from './routers/results.router';
import { tranchesRouter } from './routers/tranches.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  members: membersRouter,
  funders: fundersRouter,
  grants: grantsRouter,
  budget: budgetRouter,
  tranches: tranchesRouter,
  expenditures: expendituresRouter,
  match: matchRouter,
  exchangeRates: exchangeRatesRouter,
  deadlines: deadlinesRouter,
  partners: partnersRouter,
  projects: projectsRouter,
  activities: activitiesRouter,
  sessions: sessionsRouter,
  outputs: outputsRouter,
  participants: participantsRouter,
  enrollments: enrollmentsRouter,
  register: registerRouter,
  indicators: indicatorsRouter,
  outcomes: outcomesRouter,
  results: resultsRouter,
  reports: reportsRouter,
  templates: templatesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import { authRouter } from './routers/auth.router';
import { fundersRouter } from './routers/funders.router';
import { membersRouter } from './routers/members.router';
import { organizationRouter } from './routers/organization.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  members: membersRouter,
  funders: fundersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

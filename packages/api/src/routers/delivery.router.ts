import {
  activityIdInput,
  createActivityInput,
  createOutputInput,
  createPartnerInput,
  createProjectInput,
  createSessionInput,
  generateSessionsInput,
  listActivitiesInput,
  listSessionsInput,
  recordHeadCountInput,
  recordIdInput,
  recordRefInput,
  updateActivityInput,
  updateOutputInput,
  updatePartnerInput,
  updateProjectInput,
  updateSessionInput,
} from '@tessera/domain';
import * as delivery from '../services/delivery.service';
import { orgProcedure, router } from '../trpc';

export const partnersRouter = router({
  list: orgProcedure('delivery.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => delivery.listOrganizationPartners(trx, ctx.actor)),
  ),
  create: orgProcedure('delivery.write')
    .input(createPartnerInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.createPartner(trx, ctx.actor, input))),
  update: orgProcedure('delivery.write')
    .input(updatePartnerInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.editPartner(trx, ctx.actor, input))),
  delete: orgProcedure('delivery.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.removePartner(trx, ctx.actor, input))),
});

export const projectsRouter = router({
  list: orgProcedure('delivery.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => delivery.listOrganizationProjects(trx, ctx.actor)),
  ),
  get: orgProcedure('delivery.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.getProject(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('delivery.write')
    .input(createProjectInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.createProject(trx, ctx.actor, input))),
  update: orgProcedure('delivery.write')
    .input(updateProjectInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.editProject(trx, ctx.actor, input))),
  delete: orgProcedure('delivery.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.removeProject(trx, ctx.actor, input))),
});

export const activitiesRouter = router({
  /**
   * Activities with their counts; every role may see counts, never who. Counts of people are
   * `Shown`: exact for roles that may read the register, suppressed at the organisation's threshold
   * for the others (delivery-figures.ts in the domain).
   */
  list: orgProcedure('delivery.read')
    .input(listActivitiesInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.listOrganizationActivities(trx, ctx.actor, input)),
    ),
  get: orgProcedure('delivery.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.getActivity(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('delivery.write')
    .input(createActivityInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => delivery.createActivity(trx, ctx.actor, input)),
    ),
  update: orgProcedure('delivery.write')
    .input(updateActivityInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.editActivity(trx, ctx.actor, input))),
  delete: orgProcedure('delivery.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => delivery.removeActivity(trx, ctx.actor, input)),
    ),
});

export const sessionsRouter = router({
  list: orgProcedure('delivery.read')
    .input(listSessionsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.listActivitySessions(trx, ctx.actor, input)),
    ),
  get: orgProcedure('delivery.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.getSession(trx, ctx.actor, input.id)),
    ),
  /** Today's sessions in the organisation's time zone. */
  today: orgProcedure('delivery.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => delivery.todaysSessions(trx, ctx.actor, ctx.now())),
  ),
  create: orgProcedure('delivery.write')
    .input(createSessionInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.createSession(trx, ctx.actor, input))),
  generate: orgProcedure('delivery.write')
    .input(generateSessionsInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => delivery.generateActivitySessions(trx, ctx.actor, input)),
    ),
  update: orgProcedure('delivery.write')
    .input(updateSessionInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.editSession(trx, ctx.actor, input))),
  delete: orgProcedure('delivery.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.removeSession(trx, ctx.actor, input))),
  /**
   * A head count is a number per gender and age band, never a person: every role may read it,
   * suppressed (with the session's total) for roles that may not read the register.
   */
  headCount: orgProcedure('delivery.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.getHeadCount(trx, ctx.actor, input.id)),
    ),
  recordHeadCount: orgProcedure('delivery.write')
    .input(recordHeadCountInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => delivery.recordHeadCount(trx, ctx.actor, input)),
    ),
});

export const outputsRouter = router({
  list: orgProcedure('delivery.read')
    .input(activityIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => delivery.listActivityOutputs(trx, ctx.actor, input.activityId)),
    ),
  create: orgProcedure('delivery.write')
    .input(createOutputInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.createOutput(trx, ctx.actor, input))),
  update: orgProcedure('delivery.write')
    .input(updateOutputInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.editOutput(trx, ctx.actor, input))),
  delete: orgProcedure('delivery.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => delivery.removeOutput(trx, ctx.actor, input))),
});

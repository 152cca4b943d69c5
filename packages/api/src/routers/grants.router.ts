import {
  changeGrantStatusInput,
  createGrantInput,
  grantIdInput,
  listGrantsInput,
  recordIdInput,
  updateGrantInput,
} from '@tessera/domain';
import { getFinanceDashboard } from '../services/dashboard.service';
import * as grants from '../services/grants.service';
import { orgProcedure, router } from '../trpc';

export const grantsRouter = router({
  list: orgProcedure('grant.read')
    .input(listGrantsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => grants.listOrganizationGrants(trx, ctx.actor, input, ctx.now())),
    ),
  get: orgProcedure('grant.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => grants.getGrantDetail(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('grant.write')
    .input(createGrantInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => grants.createGrant(trx, ctx.actor, input, ctx.now())),
    ),
  update: orgProcedure('grant.write')
    .input(updateGrantInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => grants.editGrant(trx, ctx.actor, input))),
  changeStatus: orgProcedure('grant.write')
    .input(changeGrantStatusInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => grants.changeGrantStatus(trx, ctx.actor, input)),
    ),
  budgetVsActual: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => grants.getBudgetVsActual(trx, ctx.actor, input.grantId, ctx.now())),
    ),
  dashboard: orgProcedure('grant.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => getFinanceDashboard(trx, ctx.actor, ctx.now())),
  ),
});

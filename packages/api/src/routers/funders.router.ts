import { createFunderInput, funderIdInput, funderRefInput, listFundersInput, updateFunderInput } from '@tessera/domain';
import * as funders from '../services/funders.service';
import { orgProcedure, router } from '../trpc';

export const fundersRouter = router({
  list: orgProcedure('funder.read')
    .input(listFundersInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => funders.listOrganizationFunders(trx, ctx.actor, input)),
    ),
  get: orgProcedure('funder.read')
    .input(funderIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => funders.getFunder(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('funder.write')
    .input(createFunderInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => funders.createFunder(trx, ctx.actor, input))),
  update: orgProcedure('funder.write')
    .input(updateFunderInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => funders.editFunder(trx, ctx.actor, input))),
  archive: orgProcedure('funder.write')
    .input(funderRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => funders.archiveFunder(trx, ctx.actor, input, true)),
    ),
  restore: orgProcedure('funder.write')
    .input(funderRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => funders.archiveFunder(trx, ctx.actor, input, false)),
    ),
});

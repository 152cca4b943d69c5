import { createTrancheInput, grantIdInput, recordRefInput, updateTrancheInput } from '@tessera/domain';
import * as tranches from '../services/tranches.service';
import { orgProcedure, router } from '../trpc';

export const tranchesRouter = router({
  list: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => tranches.listGrantTranches(trx, ctx.actor, input.grantId)),
    ),
  create: orgProcedure('grant.write')
    .input(createTrancheInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => tranches.addTranche(trx, ctx.actor, input))),
  update: orgProcedure('grant.write')
    .input(updateTrancheInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => tranches.editTranche(trx, ctx.actor, input))),
  remove: orgProcedure('grant.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => tranches.removeTranche(trx, ctx.actor, input))),
});

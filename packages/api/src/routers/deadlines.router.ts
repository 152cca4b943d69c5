import { createDeadlineInput, grantIdInput, recordRefInput, updateDeadlineInput } from '@tessera/domain';
import * as deadlines from '../services/deadlines.service';
import { orgProcedure, router } from '../trpc';

export const deadlinesRouter = router({
  list: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => deadlines.listGrantDeadlines(trx, ctx.actor, input.grantId)),
    ),
  create: orgProcedure('grant.write')
    .input(createDeadlineInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => deadlines.addDeadline(trx, ctx.actor, input))),
  update: orgProcedure('grant.write')
    .input(updateDeadlineInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => deadlines.editDeadline(trx, ctx.actor, input))),
  remove: orgProcedure('grant.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => deadlines.removeDeadline(trx, ctx.actor, input)),
    ),
});

import {
  createBudgetLineInput,
  grantIdInput,
  recordRefInput,
  reviseBudgetInput,
  updateBudgetLineInput,
} from '@tessera/domain';
import * as budget from '../services/budget.service';
import { orgProcedure, router } from '../trpc';

export const budgetRouter = router({
  lines: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => budget.listLines(trx, ctx.actor, input.grantId)),
    ),
  revisions: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => budget.listRevisions(trx, ctx.actor, input.grantId)),
    ),
  addLine: orgProcedure('grant.write')
    .input(createBudgetLineInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => budget.addLine(trx, ctx.actor, input))),
  updateLine: orgProcedure('grant.write')
    .input(updateBudgetLineInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => budget.editLine(trx, ctx.actor, input))),
  removeLine: orgProcedure('grant.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => budget.removeLine(trx, ctx.actor, input))),
  revise: orgProcedure('grant.write')
    .input(reviseBudgetInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => budget.reviseBudget(trx, ctx.actor, input))),
});

import {
  createExpenditureInput,
  listExpendituresInput,
  recordIdInput,
  recordRefInput,
  updateExpenditureInput,
} from '@tessera/domain';
import * as expenditures from '../services/expenditures.service';
import { orgProcedure, router } from '../trpc';

/** The ledger: payees, descriptions and receipts are for finance and admin only. */
export const expendituresRouter = router({
  list: orgProcedure('ledger.read')
    .input(listExpendituresInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => expenditures.listLedger(trx, ctx.actor, input)),
    ),
  get: orgProcedure('ledger.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => expenditures.getExpenditure(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('ledger.write')
    .input(createExpenditureInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => expenditures.recordExpenditure(trx, ctx.actor, input)),
    ),
  update: orgProcedure('ledger.write')
    .input(updateExpenditureInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => expenditures.editExpenditure(trx, ctx.actor, input)),
    ),
  remove: orgProcedure('ledger.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => expenditures.removeExpenditure(trx, ctx.actor, input)),
    ),
  removeReceipt: orgProcedure('ledger.write')
    .input(recordIdInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => expenditures.detachReceipt(trx, ctx.actor, input.id)),
    ),
});

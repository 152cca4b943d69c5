import { createExchangeRateInput, importRatesInput, listExchangeRatesInput, recordIdInput } from '@tessera/domain';
import * as rates from '../services/exchange-rates.service';
import { orgProcedure, router } from '../trpc';

export const exchangeRatesRouter = router({
  list: orgProcedure('rate.read')
    .input(listExchangeRatesInput)
    .query(({ ctx, input }) => ctx.db.transaction().execute((trx) => rates.listRates(trx, ctx.actor, input))),
  save: orgProcedure('rate.write')
    .input(createExchangeRateInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => rates.saveRate(trx, ctx.actor, input))),
  remove: orgProcedure('rate.write')
    .input(recordIdInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => rates.removeRate(trx, ctx.actor, input.id))),
  importCsv: orgProcedure('rate.write')
    .input(importRatesInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => rates.importRatesCsv(trx, ctx.actor, input.csv)),
    ),
});

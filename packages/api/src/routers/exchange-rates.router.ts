import {
  createExchangeRateInput,
  importRatesInput,
  listExchangeRatesInput,
  lookupRateInput,
  recordIdInput,
} from '@tessera/domain';
import * as rates from '../services/exchange-rates.service';
import { orgProcedure, router } from '../trpc';

export const exchangeRatesRouter = router({
  list: orgProcedure('rate.read')
    .input(listExchangeRatesInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => rates.listRates(trx, ctx.actor, input)),
    ),
  /** The rate an expenditure would take from the table: proposed in the form before saving. */
  lookup: orgProcedure('rate.read')
    .input(lookupRateInput)
    .query(async ({ ctx, input }) => ({
      rate: await rates.lookupRate(ctx.db, ctx.actor.orgId, input.fromCurrency, input.toCurrency, input.date),
      /** What a typed rate is checked against: the table's rate nearest the date, either way round. */
      nearest: await rates.nearestRate(ctx.db, ctx.actor.orgId, input.fromCurrency, input.toCurrency, input.date),
    })),
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

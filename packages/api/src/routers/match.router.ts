import {
  createMatchContributionInput,
  grantIdInput,
  recordIdInput,
  recordRefInput,
  updateMatchContributionInput,
} from '@tessera/domain';
import * as match from '../services/match.service';
import { orgProcedure, router } from '../trpc';

/**
 * Cost share and match. The contributions (sources, descriptions, evidence) are read and written
 * like the ledger; the summary against the required match is a grant figure for everyone.
 */
export const matchRouter = router({
  list: orgProcedure('ledger.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.listGrantMatch(trx, ctx.actor, input.grantId)),
    ),
  summary: orgProcedure('grant.read')
    .input(grantIdInput)
    .query(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.grantMatchSummary(trx, ctx.actor, input.grantId)),
    ),
  create: orgProcedure('ledger.write')
    .input(createMatchContributionInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.addMatchContribution(trx, ctx.actor, input)),
    ),
  update: orgProcedure('ledger.write')
    .input(updateMatchContributionInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.editMatchContribution(trx, ctx.actor, input)),
    ),
  remove: orgProcedure('ledger.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.removeMatchContribution(trx, ctx.actor, input)),
    ),
  /** Evidence files arrive over plain HTTP (POST /files/match-evidence/:id); this removes one. */
  removeEvidence: orgProcedure('ledger.write')
    .input(recordIdInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => match.detachMatchEvidence(trx, ctx.actor, input.id)),
    ),
});

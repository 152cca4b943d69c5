import type { Actor, Indicator } from '@tessera/domain';
import {
  createIndicatorInput,
  createOutcomeInput,
  grantResultsInput,
  indicatorValueInput,
  packContentInput,
  peopleCountThreshold,
  preparePackInput,
  projectResultsInput,
  recordIdInput,
  recordRefInput,
  saveNarrativeInput,
  saveVarianceExplanationsInput,
  submitPackInput,
  updateIndicatorInput,
  updateOutcomeInput,
} from '@tessera/domain';
import type { Executor } from '@tessera/db';
import * as z from 'zod';
import { requireOrganization } from '../services/grants.service';
import { type LatticeOwner, readerPeriods, requireLatticePeriod } from '../services/period-lattice.service';
import * as freeze from '../services/report-freeze.service';
import * as reports from '../services/reports.service';
import * as results from '../services/results.service';
import { saveVarianceExplanations } from '../services/variance-explanations.service';
import { orgProcedure, router } from '../trpc';

const scopeInput = z.object({ projectId: z.string().min(1).optional(), grantId: z.string().min(1).optional() });

export const indicatorsRouter = router({
  list: orgProcedure('delivery.read')
    .input(scopeInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => results.listIndicators(trx, ctx.actor, input)),
    ),
  get: orgProcedure('delivery.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => results.getIndicator(trx, ctx.actor, input.id)),
    ),
  create: orgProcedure('results.write')
    .input(createIndicatorInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => results.createIndicator(trx, ctx.actor, input)),
    ),
  update: orgProcedure('results.write')
    .input(updateIndicatorInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => results.updateIndicator(trx, ctx.actor, input)),
    ),
  delete: orgProcedure('results.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => results.removeIndicator(trx, ctx.actor, input)),
    ),
  values: orgProcedure('delivery.read')
    .input(z.object({ indicatorId: z.string().min(1) }))
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => results.listValues(trx, ctx.actor, input.indicatorId)),
    ),
  setValue: orgProcedure('results.write')
    .input(indicatorValueInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => results.setValue(trx, ctx.actor, input))),
  deleteValue: orgProcedure('results.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => results.removeValue(trx, ctx.actor, input))),
});

export const outcomesRouter = router({
  list: orgProcedure('participant.read')
    .input(z.object({ participantId: z.string().min(1) }))
    .query(({ ctx, input }) =>
      // Audited (a read of participant-level data): a write transaction.
      ctx.db.transaction().execute((trx) => results.listOutcomes(trx, ctx.actor, ctx, input.participantId)),
    ),
  create: orgProcedure('participant.write')
    .input(createOutcomeInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => results.createOutcome(trx, ctx.actor, ctx, input)),
    ),
  update: orgProcedure('participant.write')
    .input(updateOutcomeInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => results.updateOutcome(trx, ctx.actor, ctx, input)),
    ),
  delete: orgProcedure('participant.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => results.removeOutcome(trx, ctx.actor, input))),
});

/**
 * The results view. Admin and coordinator (who see the register anyway) get exact figures;
 * finance and viewers get counts of people suppressed below the organisation's threshold.
 */
async function resultsView(
  db: Executor,
  actor: Actor,
  owner: LatticeOwner,
  period: { from: string; to: string },
  indicators: Indicator[],
) {
  const org = await requireOrganization(db, actor);
  const k = peopleCountThreshold(actor.role, org.suppressionThreshold);
  // Readers whose counts are suppressed ask for periods of the lattice only (ADR 0012).
  if (k !== null) await requireLatticePeriod(db, actor, owner, period);
  return {
    period: { from: period.from, to: period.to },
    suppressionThreshold: k,
    rows: await results.indicatorResults(db, actor, indicators, period, k),
  };
}

/** Each indicator's baseline, target, actual, cumulative, % achieved, split and series. */
export const resultsRouter = router({
  project: orgProcedure('delivery.read')
    .input(projectResultsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) =>
          resultsView(
            trx,
            ctx.actor,
            { projectId: input.projectId },
            input,
            await results.listIndicators(trx, ctx.actor, { projectId: input.projectId }),
          ),
        ),
    ),
  grant: orgProcedure('delivery.read')
    .input(grantResultsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) =>
          resultsView(
            trx,
            ctx.actor,
            { grantId: input.grantId },
            input,
            await results.listGrantIndicators(trx, ctx.actor, input.grantId),
          ),
        ),
    ),
  /** The periods this reader may ask for, and whether any dates will do (exact readers). */
  periods: orgProcedure('delivery.read')
    .input(scopeInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => readerPeriods(trx, ctx.actor, input)),
    ),
});

export const reportsRouter = router({
  list: orgProcedure('report.read')
    .input(z.object({ grantId: z.string().min(1) }))
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => reports.listPacks(trx, ctx.actor, ctx, input.grantId)),
    ),
  get: orgProcedure('report.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => reports.getPack(trx, ctx.actor, ctx, input.id)),
    ),
  /** Everything the pack shows, suppressed: the same object every export draws (as sent, once submitted). */
  content: orgProcedure('report.read')
    .input(packContentInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => reports.packContent(trx, ctx.actor, ctx, input, ctx.now())),
    ),
  /** The files a submitted pack was sent with (download: GET /files/reports/:packId/files/:fileId). */
  files: orgProcedure('report.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => freeze.listPackFiles(trx, ctx.actor, input.id)),
    ),
  prepare: orgProcedure('report.write')
    .input(preparePackInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => reports.preparePack(trx, ctx.actor, input, ctx)),
    ),
  saveNarrative: orgProcedure('report.write')
    .input(saveNarrativeInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => reports.saveNarrative(trx, ctx.actor, ctx, input)),
    ),
  saveExplanations: orgProcedure('report.write')
    .input(saveVarianceExplanationsInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => saveVarianceExplanations(trx, ctx.actor, ctx, input)),
    ),
  submit: orgProcedure('report.write')
    .input(submitPackInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => reports.submitPack(trx, ctx.actor, ctx, input, ctx.now())),
    ),
});

import { listTemplatesInput, locales, recordIdInput, templateKinds, uploadTemplateInput } from '@tessera/domain';
import { z } from 'zod';
import * as templates from '../services/templates/templates.service';
import { orgProcedure, router } from '../trpc';

/**
 * Funder templates (issue 18, ADR 0027). Whoever prepares report packs keeps and removes
 * templates; everyone who reads packs sees them, their tags, and the starter files. Filling runs
 * as a report export job (POST /files/reports/:packId/exports with a templateId).
 */
export const templatesRouter = router({
  list: orgProcedure('report.read')
    .input(listTemplatesInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => templates.listTemplates(trx, ctx.actor, input)),
    ),
  preview: orgProcedure('report.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => templates.previewTemplate(trx, ctx.actor, input.id)),
    ),
  starter: orgProcedure('report.read')
    .input(z.object({ kind: z.enum(templateKinds), locale: z.enum(locales) }))
    .query(({ input }) => templates.starterFile(input.kind, input.locale)),
  upload: orgProcedure('report.write')
    .input(uploadTemplateInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => templates.uploadTemplate(trx, ctx.actor, input)),
    ),
  remove: orgProcedure('report.write')
    .input(recordIdInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => templates.removeTemplate(trx, ctx.actor, input.id)),
    ),
});

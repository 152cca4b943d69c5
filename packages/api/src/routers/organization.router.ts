import { listAuditInput, setSecondFactorRequiredInput } from '@tessera/domain';
import { listAudit } from '../services/audit.service';
import { listCodeFindings } from '../services/free-text';
import { getCurrentOrganization } from '../services/organization.service';
import { setSecondFactorRequired } from '../services/second-factor.service';
import { orgProcedure, router } from '../trpc';

export const organizationRouter = router({
  current: orgProcedure('organization.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => getCurrentOrganization(trx, ctx.actor)),
  ),
  audit: orgProcedure('audit.read')
    .input(listAuditInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => listAudit(trx, ctx.actor, input)),
    ),
  /** Records whose outgoing free text names a participant code (admin only; titles, never the text). */
  codeFindings: orgProcedure('audit.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => listCodeFindings(trx, ctx.actor)),
  ),
  /** Admins and finance must use a second factor (they enrol at their next sign-in). */
  setSecondFactorRequired: orgProcedure('settings.write')
    .input(setSecondFactorRequiredInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.transaction().execute((trx) => setSecondFactorRequired(trx, ctx.actor, input.required));
      return { ok: true as const };
    }),
});

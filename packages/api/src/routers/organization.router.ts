import { listAuditInput } from '@tessera/domain';
import { listAudit } from '../services/audit.service';
import { getCurrentOrganization } from '../services/organization.service';
import { orgProcedure, router } from '../trpc';

export const organizationRouter = router({
  current: orgProcedure('organization.read').query(({ ctx }) =>
    ctx.db.transaction().execute((trx) => getCurrentOrganization(trx, ctx.actor)),
  ),
  audit: orgProcedure('audit.read')
    .input(listAuditInput)
    .query(({ ctx, input }) => ctx.db.transaction().execute((trx) => listAudit(trx, ctx.actor, input))),
});

import { addMemberInput, removeMemberInput, resetSecondFactorInput, setMemberRoleInput } from '@tessera/domain';
import * as members from '../services/members.service';
import { resetMemberSecondFactor } from '../services/second-factor.service';
import { orgProcedure, router } from '../trpc';

export const membersRouter = router({
  list: orgProcedure('member.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => members.listOrganizationMembers(trx, ctx.actor)),
  ),
  add: orgProcedure('member.manage')
    .input(addMemberInput)
    // Hashes the one-time password first, then opens its own transaction.
    .mutation(({ ctx, input }) => members.addMember(ctx.db, ctx.actor, input)),
  setRole: orgProcedure('member.manage')
    .input(setMemberRoleInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => members.setMemberRole(trx, ctx.actor, input))),
  remove: orgProcedure('member.manage')
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => members.removeMember(trx, ctx.actor, input))),
  /** Removes a member's second factor and recovery codes (a lost phone); they enrol again. */
  resetSecondFactor: orgProcedure('member.manage')
    .input(resetSecondFactorInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.transaction().execute((trx) => resetMemberSecondFactor(trx, ctx.actor, input.userId));
      return { ok: true as const };
    }),
});

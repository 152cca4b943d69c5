import {
  createParticipantInput,
  enrolInput,
  findByAnswersInput,
  listEnrollmentsInput,
  listParticipantsInput,
  participantSettingsInput,
  recordIdInput,
  recordRefInput,
  registerInput,
  saveRegisterInput,
  updateEnrollmentInput,
  updateParticipantInput,
} from '@tessera/domain';
import * as participants from '../services/participants.service';
import { orgProcedure, router } from '../trpc';

/** Everything here names participants: coordinators and admins only (see roles.ts). */
export const participantsRouter = router({
  settings: orgProcedure('participant.read').query(({ ctx }) =>
    ctx.db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => participants.getParticipantSettings(trx, ctx.actor)),
  ),
  saveSettings: orgProcedure('settings.write')
    .input(participantSettingsInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.saveParticipantSettings(trx, ctx.actor, ctx, input)),
    ),
  list: orgProcedure('participant.read')
    .input(listParticipantsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => participants.listOrganizationParticipants(trx, ctx.actor, input)),
    ),
  /** Opens a record (contact and notes decrypted); audited, so a write transaction. */
  get: orgProcedure('participant.read')
    .input(recordIdInput)
    .query(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.readParticipant(trx, ctx.actor, ctx, input.id)),
    ),
  /** A mutation so the answers travel in a POST body, never in a URL or a log line. Audited when found. */
  findByAnswers: orgProcedure('participant.read')
    .input(findByAnswersInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.findByAnswers(trx, ctx.actor, ctx, input.uicAnswers)),
    ),
  create: orgProcedure('participant.write')
    .input(createParticipantInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.createParticipant(trx, ctx.actor, ctx, input)),
    ),
  update: orgProcedure('participant.write')
    .input(updateParticipantInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.editParticipant(trx, ctx.actor, ctx, input)),
    ),
  erase: orgProcedure('participant.erase')
    .input(recordRefInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.transaction().execute((trx) => participants.erase(trx, ctx.actor, input));
      // After the commit, before the answer: the erased values leave the write-ahead log too.
      await participants.purgeErasedValues(ctx.db, ctx.warn);
    }),
});

export const enrollmentsRouter = router({
  list: orgProcedure('participant.read')
    .input(listEnrollmentsInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => participants.listActivityEnrollments(trx, ctx.actor, ctx, input)),
    ),
  enrol: orgProcedure('participant.write')
    .input(enrolInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.enrol(trx, ctx.actor, input, ctx.now())),
    ),
  update: orgProcedure('participant.write')
    .input(updateEnrollmentInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.editEnrollment(trx, ctx.actor, ctx, input, ctx.now())),
    ),
  delete: orgProcedure('participant.write')
    .input(recordRefInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.removeEnrollment(trx, ctx.actor, input)),
    ),
});

export const registerRouter = router({
  /** One page of a session's register (a 200-person event is never sent whole). */
  get: orgProcedure('participant.read')
    .input(registerInput)
    .query(({ ctx, input }) =>
      ctx.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => participants.getRegister(trx, ctx.actor, input)),
    ),
  save: orgProcedure('participant.write')
    .input(saveRegisterInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute((trx) => participants.saveRegister(trx, ctx.actor, input)),
    ),
});

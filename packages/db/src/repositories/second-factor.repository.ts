import type { Executor } from '../connection';
import { newId, nowIso } from '../clock';

/**
 * A user's TOTP state. The secrets arrive and leave sealed: this layer never sees them in clear
 * (the API seals with the server key). Key rotation must re-seal `secret_sealed` and
 * `pending_secret_sealed` of `user_second_factor`.
 */
export interface SecondFactorRecord {
  userId: string;
  secretSealed: string | null;
  pendingSecretSealed: string | null;
  lastUsedStep: number | null;
  confirmedAt: Date | null;
}

export async function findSecondFactor(db: Executor, userId: string): Promise<SecondFactorRecord | undefined> {
  const row = await db.selectFrom('user_second_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return (
    row && {
      userId: row.user_id,
      secretSealed: row.secret_sealed,
      pendingSecretSealed: row.pending_secret_sealed,
      lastUsedStep: row.last_used_step,
      confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
    }
  );
}

/** Starts (or restarts) an enrolment; a confirmed secret stays in force until the new one is confirmed. */
export async function savePendingSecondFactor(db: Executor, userId: string, pendingSealed: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('user_second_factor')
    .values({ user_id: userId, pending_secret_sealed: pendingSealed, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret_sealed: pendingSealed, updated_at: now }))
    .execute();
}

/** The pending secret becomes the one in force; `step` is the step of the code that confirmed it. */
export async function confirmSecondFactor(db: Executor, userId: string, sealed: string, step: number): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('user_second_factor')
    .set({
      secret_sealed: sealed,
      pending_secret_sealed: null,
      last_used_step: step,
      confirmed_at: now,
      updated_at: now,
    })
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Records that a code of `step` was used, only if no code of this step or a later one was:
 * returns false for a replay (also when two requests race with the same code).
 */
export async function claimSecondFactorStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_second_factor')
    .set({ last_used_step: step, updated_at: nowIso() })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the second factor and every recovery code (an admin's reset). */
export async function deleteSecondFactor(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_second_factor').where('user_id', '=', userId).execute();
}

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('recovery_code')
    .values(codeHashes.map((hash) => ({ id: newId(), user_id: userId, code_hash: hash, used_at: null })))
    .execute();
}

/** Uses one recovery code: true if it existed and was unused (now spent), false otherwise. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import type { Executor } from '../connection';

/**
 * Every value in the database sealed with the server's secret key, named by where it lives. The
 * services know how each is bound (organisation, row, field); this module only finds and stores
 * them, so a key rotation can re-seal all of them in one transaction. A new sealed column must be
 * added here, or a rotation would leave it under the old key (the key-rotation test lists them).
 */
export type SealedValueRef =
  | { table: 'participant'; column: 'sensitive_enc' | 'contact_enc' | 'notes_enc'; orgId: string; id: string }
  | { table: 'enrollment'; column: 'override_reason'; orgId: string; id: string }
  | { table: 'outcome_record'; column: 'description_enc'; orgId: string; id: string }
  | { table: 'report_pack'; column: 'frozen_content'; orgId: string; id: string }
  | { table: 'report_pack_file'; column: 'sealed'; orgId: string; id: string; packId: string }
  /** A TOTP secret (id: the user's; not an organisation's record). */
  | { table: 'user_second_factor'; column: 'secret_sealed' | 'pending_secret_sealed'; orgId: null; id: string };

export type SealedValue = SealedValueRef & { value: string };

/** The sealed columns, for messages and tests. */
export const sealedColumns = [
  'participant.sensitive_enc',
  'participant.contact_enc',
  'participant.notes_enc',
  'enrollment.override_reason',
  'outcome_record.description_enc',
  'report_pack.frozen_content',
  'report_pack_file.sealed',
  'user_second_factor.secret_sealed',
  'user_second_factor.pending_secret_sealed',
] as const;

/** Every sealed value (all organisations). Used by key rotation, inside its transaction. */
export async function listSealedValues(db: Executor): Promise<SealedValue[]> {
  const values: SealedValue[] = [];
  const participants = await db
    .selectFrom('participant')
    .select(['id', 'org_id', 'sensitive_enc', 'contact_enc', 'notes_enc'])
    .where((eb) =>
      eb.or([eb('sensitive_enc', 'is not', null), eb('contact_enc', 'is not', null), eb('notes_enc', 'is not', null)]),
    )
    .execute();
  for (const row of participants) {
    for (const column of ['sensitive_enc', 'contact_enc', 'notes_enc'] as const) {
      const value = row[column];
      if (value !== null) values.push({ table: 'participant', column, orgId: row.org_id, id: row.id, value });
    }
  }
  const enrollments = await db
    .selectFrom('enrollment')
    .select(['id', 'org_id', 'override_reason'])
    .where('override_reason', 'is not', null)
    .execute();
  for (const row of enrollments) {
    if (row.override_reason !== null) {
      values.push({
        table: 'enrollment',
        column: 'override_reason',
        orgId: row.org_id,
        id: row.id,
        value: row.override_reason,
      });
    }
  }
  const outcomes = await db
    .selectFrom('outcome_record')
    .select(['id', 'org_id', 'description_enc'])
    .where('description_enc', 'is not', null)
    .execute();
  for (const row of outcomes) {
    if (row.description_enc !== null) {
      values.push({
        table: 'outcome_record',
        column: 'description_enc',
        orgId: row.org_id,
        id: row.id,
        value: row.description_enc,
      });
    }
  }
  const packs = await db
    .selectFrom('report_pack')
    .select(['id', 'org_id', 'frozen_content'])
    .where('frozen_content', 'is not', null)
    .execute();
  for (const row of packs) {
    if (row.frozen_content !== null) {
      values.push({
        table: 'report_pack',
        column: 'frozen_content',
        orgId: row.org_id,
        id: row.id,
        value: row.frozen_content,
      });
    }
  }
  const files = await db.selectFrom('report_pack_file').select(['id', 'org_id', 'pack_id', 'sealed']).execute();
  for (const row of files) {
    values.push({
      table: 'report_pack_file',
      column: 'sealed',
      orgId: row.org_id,
      id: row.id,
      packId: row.pack_id,
      value: row.sealed,
    });
  }
  const factors = await db
    .selectFrom('user_second_factor')
    .select(['user_id', 'secret_sealed', 'pending_secret_sealed'])
    .execute();
  for (const row of factors) {
    for (const column of ['secret_sealed', 'pending_secret_sealed'] as const) {
      const value = row[column];
      if (value !== null) values.push({ table: 'user_second_factor', column, orgId: null, id: row.user_id, value });
    }
  }
  return values;
}

/** One sealed value, any, to test a key against; null when the database holds none. */
export async function findAnySealedValue(db: Executor): Promise<SealedValue | null> {
  const participant = await db
    .selectFrom('participant')
    .select(['id', 'org_id', 'contact_enc', 'notes_enc', 'sensitive_enc'])
    .where((eb) =>
      eb.or([eb('sensitive_enc', 'is not', null), eb('contact_enc', 'is not', null), eb('notes_enc', 'is not', null)]),
    )
    .limit(1)
    .executeTakeFirst();
  if (participant) {
    for (const column of ['contact_enc', 'notes_enc', 'sensitive_enc'] as const) {
      const value = participant[column];
      if (value !== null) return { table: 'participant', column, orgId: participant.org_id, id: participant.id, value };
    }
  }
  const outcome = await db
    .selectFrom('outcome_record')
    .select(['id', 'org_id', 'description_enc'])
    .where('description_enc', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (outcome?.description_enc) {
    return {
      table: 'outcome_record',
      column: 'description_enc',
      orgId: outcome.org_id,
      id: outcome.id,
      value: outcome.description_enc,
    };
  }
  // The rarer ones: rotation and the start-up check look at every kind, so none is missed.
  const rest = await listSealedValues(db);
  return rest[0] ?? null;
}

/** Writes one re-sealed value back where it was read. */
export async function updateSealedValue(db: Executor, ref: SealedValueRef, value: string): Promise<void> {
  switch (ref.table) {
    case 'participant':
      await db
        .updateTable('participant')
        .set({ [ref.column]: value })
        .where('id', '=', ref.id)
        .execute();
      return;
    case 'enrollment':
      await db.updateTable('enrollment').set({ override_reason: value }).where('id', '=', ref.id).execute();
      return;
    case 'outcome_record':
      await db.updateTable('outcome_record').set({ description_enc: value }).where('id', '=', ref.id).execute();
      return;
    case 'report_pack':
      await db.updateTable('report_pack').set({ frozen_content: value }).where('id', '=', ref.id).execute();
      return;
    case 'report_pack_file':
      await db.updateTable('report_pack_file').set({ sealed: value }).where('id', '=', ref.id).execute();
      return;
    case 'user_second_factor':
      await db
        .updateTable('user_second_factor')
        .set({ [ref.column]: value })
        .where('user_id', '=', ref.id)
        .execute();
      return;
  }
}

/** True when any participant is stored: their codes may be keyed hashes made with the server's key. */
export async function hasAnyParticipant(db: Executor): Promise<boolean> {
  return (await db.selectFrom('participant').select('id').limit(1).executeTakeFirst()) !== undefined;
}

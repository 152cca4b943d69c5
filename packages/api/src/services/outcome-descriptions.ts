import type { OutcomeRecord } from '@tessera/domain';
import {
  type Db,
  outcomesWithClearDescription,
  purgeWriteAheadLog,
  type StoredOutcome,
  sealOutcomeDescription,
} from '@tessera/db';
import { type ParticipantCrypto, participantCrypto } from '../participant-crypto';

/**
 * An outcome's description is free text about a person ("found work at the bakery"): it is sealed
 * like a participant's notes (docs/decisions/0008-participant-data.md), bound to its organisation,
 * row and field.
 */
export function descriptionContext(orgId: string, outcomeId: string): string {
  return `${orgId}/outcome_record/${outcomeId}/description`;
}

export function sealDescription(
  crypto: ParticipantCrypto,
  orgId: string,
  outcomeId: string,
  description: string | null,
): string | null {
  return description === null ? null : crypto.encrypt(description, descriptionContext(orgId, outcomeId));
}

/** The record as the API returns it; a row not yet sealed at start is read in clear. */
export function openOutcome(crypto: ParticipantCrypto, orgId: string, stored: StoredOutcome): OutcomeRecord {
  const { descriptionEnc, description, ...record } = stored;
  return {
    ...record,
    description:
      descriptionEnc === null ? description : crypto.open(descriptionEnc, descriptionContext(orgId, stored.id)),
  };
}

/**
 * Seals the outcome descriptions written in clear before they were sealed (migration
 * 2026-11-21-0005): run by the server at start, because only it holds the key. Each value moves
 * into `description_enc` and the clear column is emptied (secure_delete zeroes the old bytes); the
 * write-ahead log is then purged so no copy of the clear text stays behind. Returns how many
 * rows were sealed and whether the purge completed.
 */
export async function sealOutcomeDescriptions(
  db: Db,
  secretKey: Uint8Array,
): Promise<{ sealed: number; purged: boolean }> {
  const crypto = participantCrypto(secretKey);
  let sealed = 0;
  for (;;) {
    const batch = await outcomesWithClearDescription(db, 500);
    if (batch.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const row of batch) {
        await sealOutcomeDescription(
          trx,
          row.orgId,
          row.id,
          crypto.encrypt(row.description, descriptionContext(row.orgId, row.id)),
        );
      }
    });
    sealed += batch.length;
  }
  const purged = sealed === 0 || (await purgeWriteAheadLog(db)).completed;
  return { sealed, purged };
}

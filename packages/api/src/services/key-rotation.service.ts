import { createHmac, hkdfSync } from 'node:crypto';
import {
  type Db,
  type Executor,
  findAnySealedValue,
  getInstanceSetting,
  hasAnyParticipant,
  listSealedValues,
  type SealedValueRef,
  setInstanceSetting,
  updateSealedValue,
} from '@tessera/db';
import { participantCrypto, splitSecret } from '../participant-crypto';
import { descriptionContext } from './outcome-descriptions';
import { reasonContext, sealContext } from './participants.service';
import { contentContext, fileContext } from './report-freeze.service';
import { sealContext as secondFactorContext } from './second-factor.service';

/**
 * The key and the data belong together (docs/decisions/0018): the database keeps a check value
 * of the secret key (a keyed hash that opens nothing), so a server or CLI started with another
 * key refuses to start instead of answering 500 on every participant, and a rotation re-seals
 * every sealed value under a new key in one transaction.
 */

/** Thrown when the key given cannot open this database's sealed data. Names the settings only. */
export class SecretKeyMismatch extends Error {
  constructor(readonly reason: 'check' | 'sealed') {
    super(
      reason === 'check'
        ? 'The secret key (SECRET_KEY / SECRET_KEY_FILE) is not the one this database was sealed with: start with the key that belongs to this database (a restored backup needs the key from the time of the backup).'
        : 'The secret key (SECRET_KEY / SECRET_KEY_FILE) cannot open the sealed participant data in this database: start with the key that belongs to this database (a restored backup needs the key from the time of the backup).',
    );
    this.name = 'SecretKeyMismatch';
  }
}

/** `v1.` + HMAC-SHA256 under a key derived from the whole secret: says "same key", opens nothing. */
export function secretKeyCheckValue(secret: Uint8Array): string {
  const checkKey = Buffer.from(hkdfSync('sha256', secret, 'tessera', 'secret-key-check-v1', 32));
  return `v1.${createHmac('sha256', checkKey).update('tessera secret key check', 'utf8').digest('hex')}`;
}

/** The context a sealed value was bound to when sealed (the services' own functions). */
function contextOf(ref: SealedValueRef): string {
  switch (ref.table) {
    case 'participant':
      return sealContext(ref.orgId, ref.id, ref.column.replace(/_enc$/, ''));
    case 'enrollment':
      return reasonContext(ref.orgId, ref.id);
    case 'outcome_record':
      return descriptionContext(ref.orgId, ref.id);
    case 'report_pack':
      return contentContext(ref.orgId, ref.id);
    case 'report_pack_file':
      return fileContext(ref.orgId, ref.packId, ref.id);
    case 'user_second_factor':
      return secondFactorContext(ref.id, ref.column === 'secret_sealed' ? 'secret' : 'pending');
  }
}

/** True when the database holds sealed data, participants or a key check: a new key must not be made for it. */
export async function databaseNeedsItsKey(db: Executor): Promise<boolean> {
  if ((await getInstanceSetting(db, 'secret_key_check')) !== null) return true;
  // Unique identifier codes are keyed hashes: a new key would give a returning person a new code.
  if (await hasAnyParticipant(db)) return true;
  return (await findAnySealedValue(db)) !== null;
}

/**
 * Compares `secret` with the check value kept in the database. With no check value yet (a
 * database from before this check, or a new one), the key is tried on one sealed value, if any,
 * and the check value is written. Throws SecretKeyMismatch when the key is not this database's.
 */
export async function verifySecretKey(db: Executor, secret: Uint8Array): Promise<'matches' | 'recorded'> {
  const stored = await getInstanceSetting(db, 'secret_key_check');
  const expected = secretKeyCheckValue(secret);
  if (stored !== null) {
    if (stored !== expected) throw new SecretKeyMismatch('check');
    return 'matches';
  }
  const sample = await findAnySealedValue(db);
  if (sample) {
    try {
      participantCrypto(secret).decrypt(sample.value, contextOf(sample));
    } catch {
      throw new SecretKeyMismatch('sealed');
    }
  }
  await setInstanceSetting(db, 'secret_key_check', expected);
  return 'recorded';
}

/**
 * The key a rotation moves to: the fresh 32-byte sealing key followed by the code root of the
 * current key, so unique identifier codes made from answers at the door stay the same.
 */
export function rotatedSecret(current: Uint8Array, freshSealingKey: Uint8Array): Uint8Array {
  if (freshSealingKey.length !== 32) throw new Error('A new sealing key is 32 bytes.');
  const { codes } = splitSecret(current);
  const next = new Uint8Array(64);
  next.set(freshSealingKey, 0);
  next.set(codes, 32);
  return next;
}

export interface KeyRotationResult {
  /** Values re-sealed, by `table.column`. */
  resealed: Record<string, number>;
  total: number;
}

/**
 * Re-seals every sealed value from `current` to `next` and stores `next`'s check value, in ONE
 * transaction: an error anywhere (a value that does not open, a crash, `beforeCommit` throwing in
 * tests) rolls everything back, and the data stays under the current key.
 */
export async function rotateSecretKey(
  db: Db,
  current: Uint8Array,
  next: Uint8Array,
  options: { beforeCommit?: () => void; onProgress?: (done: number, total: number) => void } = {},
): Promise<KeyRotationResult> {
  if (Buffer.from(splitSecret(current).sealing).equals(Buffer.from(splitSecret(next).sealing))) {
    throw new Error('The new key is the current key: nothing to rotate.');
  }
  return db.transaction().execute(async (trx) => {
    await verifySecretKey(trx, current);
    const from = participantCrypto(current);
    const to = participantCrypto(next);
    const values = await listSealedValues(trx);
    const resealed: Record<string, number> = {};
    let done = 0;
    for (const value of values) {
      const context = contextOf(value);
      let plain: string;
      try {
        plain = from.decrypt(value.value, context);
      } catch {
        // Never the value: only where it is.
        throw new Error(`A sealed value in ${value.table}.${value.column} does not open with the current key.`);
      }
      await updateSealedValue(trx, value, to.encrypt(plain, context));
      const name = `${value.table}.${value.column}`;
      resealed[name] = (resealed[name] ?? 0) + 1;
      done += 1;
      if (done % 500 === 0) options.onProgress?.(done, values.length);
    }
    await setInstanceSetting(trx, 'secret_key_check', secretKeyCheckValue(next));
    options.beforeCommit?.();
    return { resealed, total: done };
  });
}

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The two uses of the server's secret key (kept outside the database) for participant data:
 *
 * - field encryption: AES-256-GCM with a random 96-bit nonce, the key derived from the secret
 *   with HKDF-SHA256. The row id and field name are bound in as associated data, so a ciphertext
 *   copied into another row or field fails to decrypt. Stored as `v1.<base64url(nonce|ct|tag)>`.
 * - unique identifier codes: HMAC-SHA256 of the canonical answers under a second derived key,
 *   shortened to 50 bits of Crockford base32 ("U-7KQ2M-9XD4T"). Without the secret, guessed
 *   answers cannot be turned into a code; with it, the same answers always give the same code.
 */
export interface ParticipantCrypto {
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /**
   * `decrypt` for a stored value that may be absent. A value that does not open means the server
   * runs with another key: the error names the setting, never the value or the ciphertext.
   */
  open(sealed: string | null, context: string): string | null;
  uicCode(orgId: string, message: string): string;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function derive(secret: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'tessera', info, 32));
}

const cache = new WeakMap<Uint8Array, ParticipantCrypto>();

/**
 * The secret is 32 bytes, or 64 after a key rotation (docs/decisions/0018): the new sealing key
 * followed by the first key's code root. Unique identifier codes are printed on cards and
 * recomputed from answers given at the door, which are never stored, so they cannot be re-made
 * under a new key: the code root is carried over unchanged while everything sealed moves.
 */
export function splitSecret(secret: Uint8Array): { sealing: Uint8Array; codes: Uint8Array } {
  if (secret.length === 64) return { sealing: secret.subarray(0, 32), codes: secret.subarray(32) };
  return { sealing: secret, codes: secret };
}

export function participantCrypto(secret: Uint8Array): ParticipantCrypto {
  const cached = cache.get(secret);
  if (cached) return cached;
  const { sealing, codes } = splitSecret(secret);
  const encryptionKey = derive(sealing, 'participant-fields-v1');
  const codeKey = derive(codes, 'participant-uic-v1');
  const crypto: ParticipantCrypto = {
    encrypt(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(sealed, context) {
      if (!sealed.startsWith('v1.')) throw new Error('Unknown ciphertext format.');
      const bytes = Buffer.from(sealed.slice(3), 'base64url');
      if (bytes.length < 28) throw new Error('Ciphertext too short.');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
    open(sealed, context) {
      if (sealed === null) return null;
      try {
        return crypto.decrypt(sealed, context);
      } catch {
        throw new Error(
          'Sealed participant data could not be decrypted: the server secret key (SECRET_KEY / SECRET_KEY_FILE) is not the one it was sealed with.',
        );
      }
    },
    uicCode(orgId, message) {
      const digest = createHmac('sha256', codeKey).update(`${orgId}\n${message}`, 'utf8').digest();
      // 50 bits: ten base32 characters from the first seven bytes.
      let bits = 0n;
      for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
      bits >>= 6n;
      let text = '';
      for (let i = 0; i < 10; i += 1) {
        text = crockford[Number(bits & 31n)] + text;
        bits >>= 5n;
      }
      return `U-${text.slice(0, 5)}-${text.slice(5)}`;
    },
  };
  cache.set(secret, crypto);
  return crypto;
}

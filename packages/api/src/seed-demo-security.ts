import {
  type Executor,
  confirmSecondFactor,
  findSecondFactor,
  findUserByEmail,
  savePendingSecondFactor,
  setOrganizationSecondFactorRequired,
} from '@tessera/db';
import { participantCrypto } from './participant-crypto';
import { sealContext } from './services/second-factor.service';

/**
 * Fixed TOTP secrets of the demo accounts that must use a second factor (the demo organisation
 * requires one of admins and finance). Public on purpose, like the demo password: README shows
 * them so a person can add them to an authenticator app, and the browser tests compute codes
 * from them. Never use a demo database for real data.
 */
export const demoTotpSecrets: Record<string, string> = {
  'admin@demo.test': 'TESSERADEMOADMIN',
  'finance@demo.test': 'TESSERADEMOFINAN',
};

/**
 * Turns the requirement on for the demo organisation when it is first created, and enrols the
 * demo admin and finance user. Needs the server key to seal the secrets: without one (some
 * tests), nothing here happens and nobody needs a second factor.
 */
export async function seedDemoSecurity(
  trx: Executor,
  demoOrg: { id: string; created: boolean },
  secretKey: Uint8Array | null,
): Promise<number> {
  if (!secretKey) return 0;
  let created = 0;
  if (demoOrg.created) await setOrganizationSecondFactorRequired(trx, demoOrg.id, true);
  const crypto = participantCrypto(secretKey);
  for (const [email, secret] of Object.entries(demoTotpSecrets)) {
    const user = await findUserByEmail(trx, email);
    if (!user || (await findSecondFactor(trx, user.id))) continue;
    await savePendingSecondFactor(trx, user.id, crypto.encrypt(secret, sealContext(user.id, 'pending')));
    await confirmSecondFactor(trx, user.id, crypto.encrypt(secret, sealContext(user.id, 'secret')), 0);
    created += 1;
  }
  return created;
}

import type { Actor } from '@tessera/domain';
import { DomainError } from '@tessera/domain';
import {
  claimSecondFactorStep,
  confirmSecondFactor,
  countUnusedRecoveryCodes,
  type Db,
  deleteSecondFactor,
  deleteSessionsOfUser,
  type Executor,
  findSecondFactor,
  insertAuditEvent,
  isSecondFactorRequiredFor,
  listMembers,
  replaceRecoveryCodes,
  savePendingSecondFactor,
  setOrganizationSecondFactorRequired,
  useRecoveryCode,
} from '@tessera/db';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { participantCrypto } from '../participant-crypto';
import {
  type AdmittedAttempt,
  admitAttempt,
  markAttemptSucceeded,
  type ThrottleContext,
} from './login-throttle.service';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app expects) with `otpauth`,
 * and ten single-use recovery codes. The secret is sealed with the server key like participant
 * fields (AES-256-GCM, the user id and column bound in), so a copied database holds no usable
 * secret. KEY ROTATION: re-seal `user_second_factor.secret_sealed` and `pending_secret_sealed`
 * with the contexts from `sealContext` below.
 */
const issuer = 'Tessera';
export const recoveryCodeCount = 10;
/** Codes from one step either side are accepted (clock drift); never one already used. */
const window = 1;

export function sealContext(userId: string, column: 'secret' | 'pending'): string {
  return `user_second_factor:${userId}:${column}`;
}

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** The 30-second step a code is for, if it matches within the window; null otherwise. */
function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const totp = totpFor(secretBase32, 'x');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

/** A sealed secret in clear; one that does not open names the key setting, never the value. */
function openSecret(secretKey: Uint8Array, sealed: string, context: string): string {
  const secret = participantCrypto(secretKey).open(sealed, context);
  if (secret === null) throw new Error('A second-factor secret is missing.');
  return secret;
}

export function hashRecoveryCode(normalised: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}

/** 80 random bits each, printed as four groups of four base32 letters. */
function generateRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    const text = encodeBase32LowerCaseNoPadding(bytes);
    return [0, 4, 8, 12].map((at) => text.slice(at, at + 4)).join('-');
  });
}

export interface SecondFactorStatus {
  enrolled: boolean;
  recoveryCodesLeft: number;
  /** An organisation where the user is admin or finance requires it. */
  required: boolean;
}

export async function secondFactorStatus(db: Executor, userId: string): Promise<SecondFactorStatus> {
  const factor = await findSecondFactor(db, userId);
  return {
    enrolled: Boolean(factor?.secretSealed),
    recoveryCodesLeft: await countUnusedRecoveryCodes(db, userId),
    required: await isSecondFactorRequiredFor(db, userId),
  };
}

export interface Enrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URL. */
  qrCode: string;
}

/** A new secret, pending until a code from it is confirmed; any confirmed secret stays in force. */
export async function beginEnrolment(
  db: Executor,
  secretKey: Uint8Array,
  user: { id: string; email: string },
): Promise<Enrolment> {
  const secret = new Secret({ size: 20 }).base32;
  await savePendingSecondFactor(
    db,
    user.id,
    participantCrypto(secretKey).encrypt(secret, sealContext(user.id, 'pending')),
  );
  const uri = totpFor(secret, user.email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

function wrongCode(field: 'code' | 'recoveryCode', key = 'validation.wrongCode'): DomainError {
  return new DomainError('VALIDATION', 'That code is not right.', { fieldErrors: { [field]: [key] } });
}

/**
 * Confirms the pending secret with a code from the app; returns the new recovery codes (shown
 * once: only their hashes are kept). Guesses are throttled like sign-ins.
 */
export async function confirmEnrolment(
  db: Db,
  user: { id: string },
  code: string,
  context: ThrottleContext,
  actor: { orgId: string | null },
): Promise<string[]> {
  const attempt = await admitAttempt(db, { kind: 'second-factor', userId: user.id }, context);
  const factor = await findSecondFactor(db, user.id);
  if (!factor?.pendingSecretSealed) {
    throw new DomainError('CONFLICT', 'Start the enrolment again.', {
      fieldErrors: { code: ['validation.wrongCode'] },
    });
  }
  const crypto = participantCrypto(context.secretKey);
  const secret = openSecret(context.secretKey, factor.pendingSecretSealed, sealContext(user.id, 'pending'));
  const step = matchingStep(secret, code, context.now);
  if (step === null) throw wrongCode('code');
  const codes = generateRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await markAttemptSucceeded(trx, attempt, context.now);
    await confirmSecondFactor(trx, user.id, crypto.encrypt(secret, sealContext(user.id, 'secret')), step);
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => hashRecoveryCode(c.replace(/-/g, ''))),
    );
    await insertAuditEvent(trx, {
      orgId: actor.orgId,
      userId: user.id,
      action: 'update',
      entity: 'user',
      entityId: user.id,
      fields: ['second_factor', 'recovery_codes'],
    });
  });
  return codes;
}

/**
 * Checks a sign-in's second factor: a code from the app (never one of a step already used) or
 * an unused recovery code (then spent). Throttled apart from passwords. Returns how it passed.
 */
export async function verifySecondFactor(
  db: Db,
  userId: string,
  input: { code: string } | { recoveryCode: string },
  context: ThrottleContext,
): Promise<{ method: 'code' | 'recovery_code'; attempt: AdmittedAttempt }> {
  const attempt = await admitAttempt(db, { kind: 'second-factor', userId }, context);
  if ('recoveryCode' in input) {
    const used = await useRecoveryCode(db, userId, hashRecoveryCode(input.recoveryCode));
    if (!used) throw wrongCode('recoveryCode');
    return { method: 'recovery_code', attempt };
  }
  const factor = await findSecondFactor(db, userId);
  if (!factor?.secretSealed) throw wrongCode('code');
  const secret = openSecret(context.secretKey, factor.secretSealed, sealContext(userId, 'secret'));
  const step = matchingStep(secret, input.code, context.now);
  if (step === null) throw wrongCode('code');
  // The step is claimed atomically: the same code twice (or racing) passes once.
  if (!(await claimSecondFactorStep(db, userId, step))) throw wrongCode('code', 'validation.codeUsed');
  return { method: 'code', attempt };
}

/** An admin removes a member's second factor (a lost phone and no recovery codes). Audited. */
export async function resetMemberSecondFactor(db: Executor, actor: Actor, userId: string): Promise<void> {
  const members = await listMembers(db, actor.orgId);
  if (!members.some((m) => m.userId === userId)) throw new DomainError('NOT_FOUND', 'No such member.');
  await deleteSecondFactor(db, userId);
  // Whoever holds the member's sessions now (a stolen phone, say) is signed out.
  await deleteSessionsOfUser(db, userId);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'second_factor',
    entityId: userId,
    fields: ['second_factor', 'recovery_codes'],
  });
}

export async function setSecondFactorRequired(db: Executor, actor: Actor, required: boolean): Promise<void> {
  await setOrganizationSecondFactorRequired(db, actor.orgId, required);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'organization',
    entityId: actor.orgId,
    fields: ['requireSecondFactor'],
  });
}

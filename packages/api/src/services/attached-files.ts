import { type Actor, DomainError, receiptPolicy, sniffReceiptType } from '@tessera/domain';
import {
  type AttachedFile,
  type AttachedFileKind,
  deleteAttachedFile,
  type Executor,
  findAttachedFile,
  insertAuditEvent,
  upsertAttachedFile,
} from '@tessera/db';
import { notFound } from './errors';

/**
 * The checks every kept file passes (an expenditure's receipt, a match contribution's evidence):
 * at most receiptPolicy.maxBytes, a PDF or an image by its bytes (not its name or declared type),
 * and a safe file name. Answers what to store, or a field error on `file`.
 */
export function checkedAttachment(
  input: { fileName: string; content: Uint8Array },
  what: AttachedFileKind,
): { fileName: string; contentType: string } {
  const noun = what === 'receipt' ? 'A receipt' : 'Evidence';
  const maxMb = receiptPolicy.maxBytes / 1024 / 1024;
  if (input.content.byteLength > receiptPolicy.maxBytes) {
    throw new DomainError('VALIDATION', `${noun} may be at most ${maxMb} MB.`, {
      fieldErrors: { file: [`validation.fileTooLarge?max=${maxMb}`] },
    });
  }
  const contentType = sniffReceiptType(input.content);
  if (!contentType) {
    throw new DomainError('VALIDATION', `${noun} must be a PDF or an image (JPEG, PNG, WebP, HEIC).`, {
      fieldErrors: { file: ['validation.fileType'] },
    });
  }
  return { fileName: cleanFileName(input.fileName, contentType, what), contentType };
}

/** Keeps only a safe file name: no paths, no control characters, at most 120 characters. */
function cleanFileName(name: string, contentType: string, what: string): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .trim()
      .slice(0, 120) ?? '';
  const fallback = contentType === 'application/pdf' ? `${what}.pdf` : `${what}.${contentType.split('/')[1] ?? 'bin'}`;
  return base && base !== '.' && base !== '..' ? base : fallback;
}

/** The record a kept file belongs to, and the field its changes are audited under. */
const auditedOn = {
  receipt: (ownerId: string) => ({ entity: 'expenditure' as const, entityId: ownerId, fields: ['receipt' as const] }),
  evidence: (ownerId: string) => ({
    entity: 'match_contribution' as const,
    entityId: ownerId,
    fields: ['evidenceFile' as const],
  }),
};

/**
 * Checks and keeps a file for a record the caller has already found in the actor's
 * organisation, replacing any it had, and audits the change on that record.
 */
export async function attachFile(
  db: Executor,
  actor: Actor,
  kind: AttachedFileKind,
  input: { ownerId: string; fileName: string; content: Uint8Array },
): Promise<void> {
  const { fileName, contentType } = checkedAttachment(input, kind);
  await upsertAttachedFile(db, actor.orgId, kind, {
    ownerId: input.ownerId,
    fileName,
    contentType,
    content: input.content,
  });
  await auditFileChange(db, actor, kind, input.ownerId);
}

/** Removes a record's file; audited only when there was one. */
export async function detachFile(db: Executor, actor: Actor, kind: AttachedFileKind, ownerId: string): Promise<void> {
  if (await deleteAttachedFile(db, actor.orgId, kind, ownerId)) await auditFileChange(db, actor, kind, ownerId);
}

/** The record's file, or NOT_FOUND naming the kind. */
export async function readAttachedFile(
  db: Executor,
  actor: Actor,
  kind: AttachedFileKind,
  ownerId: string,
): Promise<AttachedFile> {
  const file = await findAttachedFile(db, actor.orgId, kind, ownerId);
  if (!file) throw notFound(kind);
  return file;
}

async function auditFileChange(db: Executor, actor: Actor, kind: AttachedFileKind, ownerId: string): Promise<void> {
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    ...auditedOn[kind](ownerId),
  });
}

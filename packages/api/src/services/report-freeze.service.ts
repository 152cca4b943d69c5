import { createHash } from 'node:crypto';
import type { Actor, Locale, ReportFormat, ReportPack, ReportPackContent, SubmittedPackFile } from '@tessera/domain';
import { locales, protectPackAgainstReleased } from '@tessera/domain';
import {
  type Executor,
  findFrozenContent,
  findReportPack,
  findReportPackFile,
  freezeReportPack,
  insertReportPackFile,
  listReleasedPacks,
  listReportPackFiles,
  newId,
} from '@tessera/db';
import { renderReport } from '@tessera/reports';
import { participantCrypto } from '../participant-crypto';
import { notFound } from './errors';

/**
 * Frozen report packs (docs/decisions/0011-report-packs.md, "Frozen packs"). At submission the
 * pack's content is worked out once and kept as sent, with the files the funder receives; both
 * are sealed with the server key (they hold the narrative), like participant notes (ADR 0008).
 * A submitted pack is shown and exported from that snapshot, never from today's data. A new
 * version of a submitted period is checked against every version already released.
 */

/** The server's secret, kept outside the database. */
export interface SealKeys {
  secretKey: Uint8Array;
}

/** The files kept for the funder at submission, in the organisation's default language. */
export const filesKeptAtSubmission: readonly ReportFormat[] = ['pdf', 'xlsx'];

export const contentContext = (orgId: string, packId: string) => `report_pack:${orgId}:${packId}:frozen_content`;
export const fileContext = (orgId: string, packId: string, fileId: string) =>
  `report_pack_file:${orgId}:${packId}:${fileId}`;

function openContent(keys: SealKeys, orgId: string, packId: string, sealed: string): ReportPackContent {
  const plain = participantCrypto(keys.secretKey).open(sealed, contentContext(orgId, packId)) as string;
  return JSON.parse(plain) as ReportPackContent;
}

/** The content of a frozen pack as it was sent, or null while the pack is a draft. */
export async function frozenContent(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  pack: ReportPack,
): Promise<ReportPackContent | null> {
  if (pack.frozenAt === null) return null;
  const sealed = await findFrozenContent(db, actor.orgId, pack.id);
  return sealed === null ? null : openContent(keys, actor.orgId, pack.id, sealed);
}

/**
 * A frozen pack's narrative and variance explanations live in its sealed snapshot: the stored
 * pack with them put back (none for a pack frozen before explanations were kept).
 */
export async function withFrozenNarrative(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  pack: ReportPack,
): Promise<ReportPack> {
  const content = await frozenContent(db, actor, keys, pack);
  return content
    ? { ...pack, narrative: content.pack.narrative, varianceExplanations: content.pack.varianceExplanations ?? [] }
    : pack;
}

/**
 * A frozen pack's content as it is shown or exported: the snapshot, with today's record of the
 * pack (status, version) and, for an export, the language asked for. The figures are as sent.
 */
export function asSent(snapshot: ReportPackContent, pack: ReportPack, locale: Locale | undefined): ReportPackContent {
  return {
    ...snapshot,
    pack: {
      ...pack,
      narrative: snapshot.pack.narrative,
      varianceExplanations: snapshot.pack.varianceExplanations ?? [],
    },
    locale: locale ?? snapshot.locale,
  };
}

/**
 * A new version's figures beside every version of its period already released: a people figure
 * that moved by 1 to k−1 is hidden, with whatever changed beside it (`protectAgainstReleased`).
 */
export async function protectNewVersion(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  pack: ReportPack,
  content: ReportPackContent,
): Promise<ReportPackContent> {
  if (pack.edition <= 1) return content;
  const released = await listReleasedPacks(db, actor.orgId, {
    grantId: pack.grantId,
    from: pack.periodStart,
    to: pack.periodEnd,
    beforeEdition: pack.edition,
  });
  let protectedContent = content;
  for (const r of released) {
    protectedContent = protectPackAgainstReleased(
      openContent(keys, actor.orgId, r.id, r.frozenContent),
      protectedContent,
    );
  }
  return protectedContent;
}

function defaultLocale(content: ReportPackContent, orgLocale: string): Locale {
  return (locales as readonly string[]).includes(orgLocale) ? (orgLocale as Locale) : content.locale;
}

/**
 * Freezes a just-submitted pack: seals its content and stores the files the funder receives,
 * drawn from that same content. Runs in the submission's transaction: all of it or none.
 */
export async function freezeSubmitted(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: { pack: ReportPack; content: ReportPackContent; orgLocale: string; now: Date },
): Promise<void> {
  const crypto = participantCrypto(keys.secretKey);
  const frozenAt = input.now.toISOString();
  const locale = defaultLocale(input.content, input.orgLocale);
  const content: ReportPackContent = {
    ...input.content,
    locale,
    pack: { ...input.content.pack, frozenAt },
  };
  const sealed = crypto.encrypt(JSON.stringify(content), contentContext(actor.orgId, input.pack.id));
  if (!(await freezeReportPack(db, actor.orgId, { id: input.pack.id, frozenContent: sealed, frozenAt }))) {
    throw notFound('report');
  }
  for (const format of filesKeptAtSubmission) {
    const file = await renderReport(content, format);
    const id = newId();
    const bytes = Buffer.from(file.bytes);
    await insertReportPackFile(db, actor.orgId, {
      id,
      packId: input.pack.id,
      format,
      locale,
      fileName: file.fileName,
      contentType: file.contentType,
      // Binary bytes as base64 text, sealed and bound to this file's row.
      sealed: crypto.encrypt(bytes.toString('base64'), fileContext(actor.orgId, input.pack.id, id)),
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
}

/** The files a submitted pack was sent with (empty for a draft). */
export async function listPackFiles(db: Executor, actor: Actor, packId: string): Promise<SubmittedPackFile[]> {
  const pack = await findReportPack(db, actor.orgId, packId);
  if (!pack) throw notFound('report');
  return listReportPackFiles(db, actor.orgId, pack.id);
}

/** One stored file, byte for byte as it was sent. */
export async function readPackFile(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: { packId: string; fileId: string },
): Promise<{ fileName: string; contentType: string; sha256: string; bytes: Uint8Array }> {
  const file = await findReportPackFile(db, actor.orgId, input.packId, input.fileId);
  if (!file) throw notFound('file');
  const base64 = participantCrypto(keys.secretKey).open(
    file.sealed,
    fileContext(actor.orgId, input.packId, file.id),
  ) as string;
  return {
    fileName: file.fileName,
    contentType: file.contentType,
    sha256: file.sha256,
    bytes: new Uint8Array(Buffer.from(base64, 'base64')),
  };
}

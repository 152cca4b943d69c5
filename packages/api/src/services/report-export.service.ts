import type { Actor, Locale, ReportFormat, ReportPackContent } from '@tessera/domain';
import { DomainError, locales, messageKey, reportFormats } from '@tessera/domain';
import { type Db, type Executor, findOrganizationBySlug, organizationsWithGrantReference } from '@tessera/db';
import { NotUsFederalError, type RenderedReport, renderReport } from '@tessera/reports';
import { actorFromToken } from '../actor';
import { invalid } from './errors';
import { readPackFile, type SealKeys } from './report-freeze.service';
import { packContent, packForReference } from './reports.service';

/**
 * Exporting a report pack to a file: the pack's content (worked out and suppressed by the
 * reports service, the same object the screen shows) drawn by packages/reports. The figures are
 * read in one transaction; drawing happens outside it.
 */

export type ExportProgress = (done: number, total: number) => void;

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

export function checkExportRequest(input: { format?: unknown; locale?: unknown }): {
  format: ReportFormat;
  locale: Locale | undefined;
} {
  const format = typeof input.format === 'string' ? input.format : '';
  if (!isReportFormat(format)) {
    throw invalid('Choose pdf, xlsx, csv, sf425 or eu.', { format: [messageKey('validation.invalidChoice')] });
  }
  if (input.locale !== undefined && !(locales as readonly unknown[]).includes(input.locale)) {
    throw invalid('Choose en, mk, sv or sq.', { locale: [messageKey('validation.invalidChoice')] });
  }
  return { format, locale: input.locale as Locale | undefined };
}

function notFederal(): DomainError {
  return invalid('SF-425 applies to U.S. federal awards only (a government funder paying in USD).', {
    format: [messageKey('validation.notFederal')],
  });
}

/** The figures of an export; refuses what cannot be exported (SF-425 for another funder). */
async function readExportContent(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: { id: string; format: ReportFormat; locale?: Locale | undefined },
  now: Date,
): Promise<ReportPackContent> {
  const content = await packContent(db, actor, keys, { id: input.id, locale: input.locale }, now);
  if (input.format === 'sf425' && content.sf425 === null) throw notFederal();
  return content;
}

/** The figures of an export, read in one transaction (a submitted pack's as sent). */
export function exportContent(
  db: Db,
  actor: Actor,
  keys: SealKeys,
  input: { id: string; format: ReportFormat; locale?: Locale | undefined },
  now: Date,
): Promise<ReportPackContent> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute((trx) => readExportContent(trx, actor, keys, input, now));
}

/** A file a submitted pack was sent with, byte for byte, read in one transaction. */
export function submittedFile(
  db: Db,
  actor: Actor,
  keys: SealKeys,
  input: { packId: string; fileId: string },
): ReturnType<typeof readPackFile> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute((trx) => readPackFile(trx, actor, keys, input));
}

/** Draws the content into a file (CPU only: no database). */
export async function renderExport(
  content: ReportPackContent,
  format: ReportFormat,
  onProgress?: ExportProgress,
): Promise<RenderedReport> {
  try {
    return await renderReport(content, format, onProgress ? { onProgress } : {});
  } catch (error) {
    if (error instanceof NotUsFederalError) throw notFederal();
    throw error;
  }
}

/** For the export routes: the session's actor if the role may read report packs. */
export function reportActor(
  db: Db,
  token: string | null,
  options: { now: Date; sessionLifetimeMs: number },
): Promise<Actor> {
  return actorFromToken(db, token, 'report.read', options);
}

/** The CLI acts as the admin of the organisation that has the grant reference (or `--org`). */
export async function cliActor(db: Db, input: { orgSlug?: string | undefined; reference: string }): Promise<Actor> {
  let orgId: string;
  if (input.orgSlug) {
    const org = await findOrganizationBySlug(db, input.orgSlug);
    if (!org) throw new DomainError('NOT_FOUND', `No organisation with slug "${input.orgSlug}".`);
    orgId = org.id;
  } else {
    const orgIds = await organizationsWithGrantReference(db, input.reference);
    if (orgIds.length === 0) throw new DomainError('NOT_FOUND', `No grant with the reference ${input.reference}.`);
    if (orgIds.length > 1) {
      throw new DomainError('VALIDATION', `Several organisations have a grant ${input.reference}: add --org <slug>.`);
    }
    orgId = orgIds[0] as string;
  }
  return { userId: null, orgId, role: 'admin' };
}

/**
 * `cli report`: the latest pack for a grant reference and period (prepared as a draft if new; a
 * submitted one as it was sent), drawn to a file. Without an organisation slug the reference must name exactly one grant.
 */
export async function reportForCli(
  db: Db,
  keys: SealKeys,
  input: {
    orgSlug?: string | undefined;
    reference: string;
    from: string;
    to: string;
    format: ReportFormat;
    locale?: Locale | undefined;
  },
  now: Date,
  onProgress?: ExportProgress,
): Promise<RenderedReport> {
  const actor = await cliActor(db, input);
  // Preparing the draft and reading its figures in one transaction: a refused export (SF-425
  // for a grant that is not a U.S. federal award) leaves no new draft behind.
  const content = await db.transaction().execute(async (trx) => {
    const pack = await packForReference(trx, actor, input);
    return readExportContent(trx, actor, keys, { id: pack.id, format: input.format, locale: input.locale }, now);
  });
  return renderExport(content, input.format, onProgress);
}

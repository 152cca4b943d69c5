import type { Actor, FunderTemplate, ReportPackContent, TemplatePreview, UploadTemplateInput } from '@tessera/domain';
import { DomainError, findTemplateTag, type Locale, messageKey, type TemplateKind } from '@tessera/domain';
import {
  type Db,
  deleteFunderTemplate,
  type Executor,
  findFunder,
  findFunderTemplate,
  insertFunderTemplate,
  listFunderTemplates,
} from '@tessera/db';
import { type FilledTemplate, fillTemplate, starterTemplate, TemplateRefused, tagNames } from '@tessera/reports';
import { audit } from '../audit.service';
import { notFound } from '../errors';
import { requireGrant } from '../grants.service';
import type { SealKeys } from '../report-freeze.service';
import { cliActor } from '../report-export.service';
import { packContent, packForReference } from '../reports.service';
import { checkTemplate } from './template-checks';

/**
 * Funder templates (issue 18, ADR 0027): kept per funder or per grant after the checks in
 * template-checks.ts, listed without their bytes, filled only from a pack's content.
 */

function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new DomainError('VALIDATION', 'The file did not arrive whole.', {
      fieldErrors: { file: [messageKey('validation.templateUnreadable')] },
    });
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function cleanFileName(name: string, kind: TemplateKind): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .trim()
      .slice(0, 120) ?? '';
  return base && base !== '.' && base !== '..' ? base : `template.${kind}`;
}

export async function uploadTemplate(db: Executor, actor: Actor, input: UploadTemplateInput): Promise<FunderTemplate> {
  if (input.funderId !== null && !(await findFunder(db, actor.orgId, input.funderId))) throw notFound('funder');
  if (input.grantId !== null) await requireGrant(db, actor, input.grantId);
  const checked = await checkTemplate(decodeBase64(input.contentBase64));
  const id = await insertFunderTemplate(db, actor.orgId, {
    funderId: input.funderId,
    grantId: input.grantId,
    name: input.name,
    language: input.language,
    kind: checked.kind,
    fileName: cleanFileName(input.fileName, checked.kind),
    content: checked.bytes,
    tags: tagNames(checked.found),
  });
  await audit(db, actor, 'create', 'funder_template', id, ['file', 'funderId', 'grantId', 'kind', 'language', 'name']);
  const { content: _bytes, ...listed } = await requireTemplate(db, actor, id);
  return listed;
}

async function requireTemplate(db: Executor, actor: Actor, id: string) {
  const template = await findFunderTemplate(db, actor.orgId, id);
  if (!template) throw notFound('template');
  return template;
}

export async function listTemplates(
  db: Executor,
  actor: Actor,
  input: { funderId?: string | undefined; grantId?: string | undefined },
): Promise<FunderTemplate[]> {
  if (input.grantId) {
    const grant = await requireGrant(db, actor, input.grantId);
    return listFunderTemplates(db, actor.orgId, { grantId: grant.id, grantFunderId: grant.funderId });
  }
  return listFunderTemplates(db, actor.orgId, { funderId: input.funderId });
}

/** The tags a template holds and what each will take (the catalogue's kind; meanings on screen). */
export async function previewTemplate(db: Executor, actor: Actor, id: string): Promise<TemplatePreview> {
  const { content: _bytes, ...template } = await requireTemplate(db, actor, id);
  return {
    template,
    tags: template.tags.map((tag) => {
      const loop = tag.includes('.') && findTemplateTag(tag, null) === null ? (tag.split('.')[0] ?? null) : null;
      const known = loop ? findTemplateTag(tag.slice(loop.length + 1), loop) : findTemplateTag(tag, null);
      return { tag, loop, kind: known?.kind ?? 'text' };
    }),
  };
}

export async function removeTemplate(db: Executor, actor: Actor, id: string): Promise<void> {
  await requireTemplate(db, actor, id);
  if (await deleteFunderTemplate(db, actor.orgId, id)) await audit(db, actor, 'delete', 'funder_template', id, []);
}

export async function starterFile(kind: TemplateKind, locale: Locale) {
  const file = await starterTemplate(kind, locale);
  return { fileName: file.fileName, contentBase64: Buffer.from(file.bytes).toString('base64') };
}

/**
 * An export in a funder's template: the pack's content (as every export reads it, suppressed) and
 * the template, read in one transaction; the template must be the pack's grant's or its funder's.
 */
export function templateExportInputs(
  db: Db,
  actor: Actor,
  keys: SealKeys,
  input: { packId: string; templateId: string },
  now: Date,
): Promise<{
  content: ReportPackContent;
  template: { bytes: Uint8Array; kind: TemplateKind; name: string; locale: Locale };
}> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const template = await requireTemplate(trx, actor, input.templateId);
      const content = await packContent(trx, actor, keys, { id: input.packId, locale: template.language }, now);
      const grant = await requireGrant(trx, actor, content.grant.id);
      if (template.grantId !== grant.id && template.funderId !== grant.funderId) throw notFound('template');
      return {
        content,
        template: { bytes: template.content, kind: template.kind, name: template.name, locale: template.language },
      };
    });
}

export function fillExport(
  content: ReportPackContent,
  template: { bytes: Uint8Array; kind: TemplateKind; name: string; locale: Locale },
): Promise<FilledTemplate> {
  return fillTemplate(template, content).catch((error: unknown) => {
    if (error instanceof TemplateRefused) {
      throw new DomainError('VALIDATION', `This template no longer passes its checks: ${error.message}.`);
    }
    throw error;
  });
}

/**
 * `cli report … --template NAME`: the pack for the grant and period (prepared as a draft if new, a
 * submitted one as sent) filled into the grant's or its funder's template of that name.
 */
export async function templateReportForCli(
  db: Db,
  keys: SealKeys,
  input: { orgSlug?: string | undefined; reference: string; from: string; to: string; templateName: string },
  now: Date,
): Promise<FilledTemplate> {
  const actor = await cliActor(db, input);
  const inputs = await db.transaction().execute(async (trx) => {
    const pack = await packForReference(trx, actor, input);
    const grant = await requireGrant(trx, actor, pack.grantId);
    const candidates = (
      await listFunderTemplates(trx, actor.orgId, { grantId: grant.id, grantFunderId: grant.funderId })
    ).filter((t) => t.name.toLowerCase() === input.templateName.trim().toLowerCase());
    if (candidates.length === 0) {
      throw new DomainError(
        'NOT_FOUND',
        `No template named "${input.templateName}" for grant ${input.reference} or its funder.`,
      );
    }
    // The grant's own template wins over its funder's of the same name.
    const chosen = candidates.find((t) => t.grantId === grant.id) ?? candidates[0];
    const template = await requireTemplate(trx, actor, (chosen as FunderTemplate).id);
    const content = await packContent(trx, actor, keys, { id: pack.id, locale: template.language }, now);
    return {
      content,
      template: { bytes: template.content, kind: template.kind, name: template.name, locale: template.language },
    };
  });
  return fillTemplate(inputs.template, inputs.content);
}

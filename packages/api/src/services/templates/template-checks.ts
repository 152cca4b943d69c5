import { DomainError, messageKey, type TemplateKind, templatePolicy } from '@tessera/domain';
import { type FoundTag, inspectTemplate, TemplateRefused } from '@tessera/reports';
import { ArchiveRefused, repack, unpackBounded } from '../../imports/bounded-archive';

/**
 * The checks a funder's template passes before it is kept (issue 18 item 4, ADR 0027): size,
 * a ZIP by its bytes, unpacked with the same bounds as an XLSX import (no decompression bomb, no
 * DTD), a Word or Excel document by its content types, no macros, no external links or
 * relationships, no embedded objects, and tags from the catalogue only. Each refusal names the
 * part or the tag. What is kept is the checked parts repacked (a directory true by construction).
 */

function refuse(message: string, key: Parameters<typeof messageKey>[0], params?: Record<string, string>): DomainError {
  return new DomainError('VALIDATION', message, { fieldErrors: { file: [messageKey(key, params)] } });
}

const docxMain = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const xlsxMain = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const textOf = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder('utf-8').decode(bytes) : '');

/** Relationships a template may point outside itself with: a clickable link and nothing else. */
const allowedExternal = /\/relationships\/hyperlink$/;

function checkParts(parts: Map<string, Uint8Array>): TemplateKind {
  const types = textOf(parts.get('[Content_Types].xml'));
  if (!types) throw refuse('Attach a Word (.docx) or Excel (.xlsx) file.', 'validation.templateType');
  for (const name of parts.keys()) {
    if (/vbaProject\.bin$|vbaData\.xml$|(^|\/)activeX\//i.test(name)) {
      throw refuse(`This file holds macros (${name}).`, 'validation.templateMacro', { part: name });
    }
    if (/(^|\/)externalLinks\//i.test(name)) {
      throw refuse(`This file links outside itself (${name}).`, 'validation.templateExternal', { part: name });
    }
    if (/(^|\/)embeddings\/|oleObject/i.test(name)) {
      throw refuse(`This file has an embedded object (${name}).`, 'validation.templateEmbedded', { part: name });
    }
  }
  const macroType = /ContentType="([^"]*macroEnabled[^"]*)"/i.exec(types);
  if (macroType) {
    throw refuse(`This file holds macros (${macroType[1]}).`, 'validation.templateMacro', { part: macroType[1] ?? '' });
  }
  for (const [name, bytes] of parts) {
    if (!name.endsWith('.rels')) continue;
    for (const rel of textOf(bytes).matchAll(/<Relationship\b[^>]*>/g)) {
      const element = rel[0];
      if (!/TargetMode\s*=\s*"External"/i.test(element)) continue;
      const type = /Type\s*=\s*"([^"]*)"/.exec(element)?.[1] ?? '';
      if (allowedExternal.test(type)) continue;
      const part = `${name}: ${type.split('/').pop() ?? 'external'}`;
      throw refuse(`This file links outside itself (${part}).`, 'validation.templateExternal', { part });
    }
  }
  if (types.includes(docxMain)) return 'docx';
  if (types.includes(xlsxMain)) return 'xlsx';
  throw refuse('Attach a Word (.docx) or Excel (.xlsx) file.', 'validation.templateType');
}

export interface CheckedTemplate {
  kind: TemplateKind;
  bytes: Uint8Array;
  found: FoundTag[];
}

/** Checks an uploaded template; answers what to keep, or a field error on `file` naming the part or tag. */
export async function checkTemplate(content: Uint8Array): Promise<CheckedTemplate> {
  const maxKb = templatePolicy.maxBytes / 1024;
  if (content.byteLength > templatePolicy.maxBytes) {
    throw new DomainError('VALIDATION', `A template may be at most ${maxKb} KB.`, {
      fieldErrors: { file: [messageKey('validation.fileTooLarge', { max: `${maxKb / 1024}` })] },
    });
  }
  const zipMagic = content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  if (!zipMagic) throw refuse('Attach a Word (.docx) or Excel (.xlsx) file.', 'validation.templateType');
  let parts: Map<string, Uint8Array>;
  try {
    parts = await unpackBounded(content);
  } catch (error) {
    if (error instanceof ArchiveRefused) {
      throw refuse(`This file cannot be read as a template (${error.reason}).`, 'validation.templateUnreadable');
    }
    throw error;
  }
  const kind = checkParts(parts);
  const bytes = repack(parts);
  try {
    return { kind, bytes, found: await inspectTemplate(bytes, kind) };
  } catch (error) {
    if (!(error instanceof TemplateRefused)) throw error;
    const fieldErrors = error.problems.map((p) =>
      p.code === 'unknownTag'
        ? messageKey('validation.templateUnknownTag', { tag: `{${p.tag}}` })
        : p.code === 'brokenLoop'
          ? messageKey('validation.templateBrokenLoop', { tag: `{#${p.tag}}` })
          : messageKey('validation.templateUnreadable'),
    );
    const named = error.problems.map((p) => (p.tag === null ? p.code : `${p.code} {${p.tag}}`)).join(', ');
    throw new DomainError('VALIDATION', `This template cannot be used: ${named}.`, {
      fieldErrors: { file: fieldErrors },
    });
  }
}

import { z } from 'zod';
import { idField } from './fields';
import { locales } from './locales';
import { messageKey } from './messages';

/**
 * A funder's own report template (issue 18, docs/decisions/0027): a DOCX or XLSX with tags from
 * the catalogue (template-tags.ts), kept for a funder (every grant of theirs) or for one grant.
 */

export const templateKinds = ['docx', 'xlsx'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export const templatePolicy = {
  /** A template travels base64 in one request under the server's 1 MB body limit. */
  maxBytes: 640 * 1024,
} as const;

export const templateContentTypes: Record<TemplateKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const nameField = z
  .string()
  .trim()
  .min(1, { error: messageKey('validation.required') })
  .max(120, { error: messageKey('validation.tooLong', { max: 120 }) });

export const uploadTemplateInput = z
  .object({
    name: nameField,
    language: z.enum(locales, { error: messageKey('validation.invalidChoice') }),
    funderId: idField.nullable(),
    grantId: idField.nullable(),
    fileName: z.string().max(255),
    /** The file, base64; at most templatePolicy.maxBytes once decoded. */
    contentBase64: z.string().max(Math.ceil((templatePolicy.maxBytes * 4) / 3) + 4),
  })
  .refine((v) => (v.funderId === null) !== (v.grantId === null), {
    path: ['funderId'],
    error: messageKey('validation.required'),
  });
export type UploadTemplateInput = z.infer<typeof uploadTemplateInput>;

export const listTemplatesInput = z.object({ funderId: idField.optional(), grantId: idField.optional() });

/** A template as listed: never its bytes. */
export interface FunderTemplate {
  id: string;
  name: string;
  language: (typeof locales)[number];
  kind: TemplateKind;
  fileName: string;
  size: number;
  funderId: string | null;
  grantId: string | null;
  tags: string[];
  createdAt: string;
}

/** What a template's tags will take: each tag found, its kind and meaning (catalogue). */
export interface TemplatePreview {
  template: FunderTemplate;
  tags: { tag: string; loop: string | null; kind: string }[];
}

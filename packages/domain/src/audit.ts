import * as z from 'zod';
import { auditEntities } from './audit-fields';
import { optionalIsoDateSchema } from './dates';
import { messageKey } from './messages';

export const auditActions = [
  'create',
  'update',
  'archive',
  'restore',
  'delete',
  'read',
  'sign_in',
  'sign_out',
  'role_change',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * The page in the web app an audit entry links to: a kind of page and the ids its address needs.
 * Only set while the record still exists.
 */
export interface AuditLink {
  page: 'grant' | 'funder' | 'project' | 'activity' | 'partners' | 'participant' | 'members' | 'rates' | 'report';
  id: string;
  /** The grant a report pack belongs to. */
  parentId?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  fields: string[];
  /**
   * The record's name: as recorded with the event, else from the live record. Null for records
   * never named in the log (anything about a participant) or gone before names were recorded.
   */
  label: string | null;
  link: AuditLink | null;
}

const optionalId = z
  .string({ error: messageKey('validation.invalid') })
  .trim()
  .max(64, { error: messageKey('validation.tooLong', { max: 64 }) })
  .optional()
  .transform((value) => (value ? value : undefined));

/** The audit log's filters, all optional, and the page wanted. Dates are whole UTC days, inclusive. */
export const listAuditInput = z
  .object({
    userId: optionalId,
    action: z.enum(auditActions, { error: messageKey('validation.invalidChoice') }).optional(),
    entity: z
      .enum(auditEntities as [string, ...string[]], { error: messageKey('validation.invalidChoice') })
      .optional(),
    entityId: optionalId,
    from: optionalIsoDateSchema,
    to: optionalIsoDateSchema,
    page: z
      .number({ error: messageKey('validation.invalidNumber') })
      .int({ error: messageKey('validation.invalidNumber') })
      .min(1, { error: messageKey('validation.invalidNumber') })
      .max(100_000, { error: messageKey('validation.invalidNumber') })
      .default(1),
    pageSize: z
      .number({ error: messageKey('validation.invalidNumber') })
      .int({ error: messageKey('validation.invalidNumber') })
      .min(1, { error: messageKey('validation.invalidNumber') })
      .max(100, { error: messageKey('validation.tooLarge') })
      .default(50),
  })
  .superRefine((input, ctx) => {
    if (input.from && input.to && input.to < input.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: messageKey('validation.endBeforeStart') });
    }
    if (input.entityId && !input.entity) {
      ctx.addIssue({ code: 'custom', path: ['entity'], message: messageKey('validation.required') });
    }
  });
export type ListAuditInput = z.infer<typeof listAuditInput>;

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

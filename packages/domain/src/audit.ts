import * as z from 'zod';

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

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  fields: string[];
}

export const listAuditInput = z.object({
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListAuditInput = z.infer<typeof listAuditInput>;

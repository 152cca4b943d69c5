import type { Actor, AuditEntry, ListAuditInput } from '@tessera/domain';
import { type Executor, insertAuditEvent, listAuditEvents } from '@tessera/db';

export function listAudit(db: Executor, actor: Actor, input: ListAuditInput): Promise<AuditEntry[]> {
  return listAuditEvents(db, actor.orgId, input);
}

/** Records who did what to which record (field names only, never values). */
export async function audit(
  db: Executor,
  actor: Actor,
  action: 'create' | 'update' | 'delete' | 'read',
  entity: string,
  entityId: string,
  fields: string[],
): Promise<void> {
  await insertAuditEvent(db, { orgId: actor.orgId, userId: actor.userId, action, entity, entityId, fields });
}

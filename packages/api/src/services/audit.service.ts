import type { Actor, AuditEntry, ListAuditInput } from '@tessera/domain';
import { type Executor, listAuditEvents } from '@tessera/db';

export function listAudit(db: Executor, actor: Actor, input: ListAuditInput): Promise<AuditEntry[]> {
  return listAuditEvents(db, actor.orgId, input);
}

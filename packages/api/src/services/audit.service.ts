import type { Actor, AuditEntity, AuditField, AuditPage, ListAuditInput } from '@tessera/domain';
import { countAuditEvents, type Executor, insertAuditEvent, listAuditEvents, resolveAuditRecords } from '@tessera/db';

/**
 * One page of the organisation's audit log, newest first, each entry named and linked: the name
 * recorded with the event (or the live record's, for events older than recorded names), and a
 * link only while the record exists.
 */
export async function listAudit(db: Executor, actor: Actor, input: ListAuditInput): Promise<AuditPage> {
  const { page, pageSize, ...filters } = input;
  const [rows, total] = await Promise.all([
    listAuditEvents(db, actor.orgId, { ...filters, limit: pageSize, offset: (page - 1) * pageSize }),
    countAuditEvents(db, actor.orgId, filters),
  ]);
  const live = await resolveAuditRecords(db, actor.orgId, rows);
  const entries = rows.map((row) => {
    const found = live.get(`${row.entity}:${row.entityId}`);
    return { ...row, label: row.label ?? found?.label ?? null, link: found?.link ?? null };
  });
  return { entries, total, page, pageSize };
}

/** Records who did what to which record (field names only, never values). */
export async function audit<E extends AuditEntity>(
  db: Executor,
  actor: Actor,
  action: 'create' | 'update' | 'delete' | 'read',
  entity: E,
  entityId: string,
  fields: readonly AuditField<E>[],
): Promise<void> {
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action,
    entity,
    entityId,
    fields,
  } as Parameters<typeof insertAuditEvent>[1]);
}

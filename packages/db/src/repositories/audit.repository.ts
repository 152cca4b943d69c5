import type { AuditAction, AuditEntry, ListAuditInput } from '@tessera/domain';
import type { Executor } from '../connection';
import { newId, nowIso } from '../clock';

export interface AuditInput {
  orgId: string | null;
  userId: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  /** Names of the fields touched. Values are never recorded. */
  fields?: readonly string[];
}

export async function insertAuditEvent(db: Executor, input: AuditInput): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId(),
      org_id: input.orgId,
      user_id: input.userId,
      at: nowIso(),
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      fields: JSON.stringify(input.fields ?? []),
    })
    .execute();
}

export async function listAuditEvents(db: Executor, orgId: string, input: ListAuditInput): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_event')
    .leftJoin('user', 'user.id', 'audit_event.user_id')
    .select([
      'audit_event.id',
      'audit_event.at',
      'audit_event.user_id',
      'user.display_name',
      'audit_event.action',
      'audit_event.entity',
      'audit_event.entity_id',
      'audit_event.fields',
    ])
    .where('audit_event.org_id', '=', orgId);
  if (input.entity) query = query.where('audit_event.entity', '=', input.entity);
  if (input.entityId) query = query.where('audit_event.entity_id', '=', input.entityId);
  const rows = await query
    .orderBy('audit_event.at', 'desc')
    .orderBy('audit_event.id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.display_name,
    action: r.action as AuditAction,
    entity: r.entity,
    entityId: r.entity_id,
    fields: JSON.parse(r.fields) as string[],
  }));
}

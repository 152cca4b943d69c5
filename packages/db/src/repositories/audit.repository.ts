import type { AuditAction, AuditEntity, AuditField } from '@tessera/domain';
import type { Executor } from '../connection';
import { newId, nowIso } from '../clock';
import { recordLabelAtWrite } from './audit-label.repository';

interface AuditInputBase {
  orgId: string | null;
  userId: string | null;
  action: AuditAction;
  entityId: string;
  /**
   * The record's short name, when the caller has it; otherwise it is read from the record (or,
   * for a deletion, from the record's earlier events). Never a value of a changed field, never
   * anything about a participant.
   */
  label?: string | null;
}

/** One kind of record and the names of its fields touched (values are never recorded). */
export type AuditInput = {
  [E in AuditEntity]: AuditInputBase & { entity: E; fields?: readonly AuditField<E>[] };
}[AuditEntity];

export async function insertAuditEvent(db: Executor, input: AuditInput): Promise<void> {
  const label =
    input.label !== undefined ? input.label : await recordLabelAtWrite(db, input.orgId, input.entity, input.entityId);
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
      label: label?.slice(0, 200) ?? null,
    })
    .execute();
}

/** Filters of the audit log; dates are whole UTC days, inclusive. */
export interface AuditQuery {
  userId?: string;
  action?: AuditAction;
  entity?: string;
  entityId?: string;
  from?: string | null;
  to?: string | null;
  limit: number;
  offset?: number;
}

/** An audit row as stored; the service names and links it. */
export interface AuditRow {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  fields: string[];
  label: string | null;
}

function filtered(db: Executor, orgId: string, input: Omit<AuditQuery, 'limit' | 'offset'>) {
  let query = db.selectFrom('audit_event').where('audit_event.org_id', '=', orgId);
  if (input.userId) query = query.where('audit_event.user_id', '=', input.userId);
  if (input.action) query = query.where('audit_event.action', '=', input.action);
  if (input.entity) query = query.where('audit_event.entity', '=', input.entity);
  if (input.entityId) query = query.where('audit_event.entity_id', '=', input.entityId);
  // `at` is an ISO instant in UTC, so a day's bounds compare as text.
  if (input.from) query = query.where('audit_event.at', '>=', `${input.from}T00:00:00`);
  if (input.to) query = query.where('audit_event.at', '<', `${input.to}T99`);
  return query;
}

export async function listAuditEvents(db: Executor, orgId: string, input: AuditQuery): Promise<AuditRow[]> {
  const rows = await filtered(db, orgId, input)
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
      'audit_event.label',
    ])
    .orderBy('audit_event.at', 'desc')
    .orderBy('audit_event.id', 'desc')
    .limit(input.limit)
    .offset(input.offset ?? 0)
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
    label: r.label,
  }));
}

export async function countAuditEvents(
  db: Executor,
  orgId: string,
  input: Omit<AuditQuery, 'limit' | 'offset'>,
): Promise<number> {
  const row = await filtered(db, orgId, input)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

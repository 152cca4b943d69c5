import type { UpdateObject } from 'kysely';
import { nowIso } from './clock';
import type { Executor } from './connection';
import type { Database } from './schema';

/** Tables whose rows carry `org_id`, `id`, `version` and `updated_at` (optimistic concurrency). */
export type VersionedTable =
  | 'funder'
  | 'grant'
  | 'budget_line'
  | 'tranche'
  | 'expenditure'
  | 'match_contribution'
  | 'reporting_deadline'
  | 'partner'
  | 'project'
  | 'activity'
  | 'activity_session'
  | 'output'
  | 'participant'
  | 'enrollment'
  | 'indicator'
  | 'indicator_value'
  | 'outcome_record'
  | 'report_pack';

/**
 * Writes `values` to one row of the organisation only if it is still at `version`, bumping the
 * version and `updated_at`. False when someone else changed it first (the caller's STALE_VERSION).
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  target: { orgId: string; id: string; version: number },
  values: UpdateObject<Database, T>,
): Promise<boolean> {
  const result = await db
    .updateTable(table as VersionedTable)
    .set({ ...(values as object), version: target.version + 1, updated_at: nowIso() })
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes one row of the organisation only if it is still at `version`. */
export async function deleteAtVersion(
  db: Executor,
  table: VersionedTable,
  target: { orgId: string; id: string; version: number },
): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

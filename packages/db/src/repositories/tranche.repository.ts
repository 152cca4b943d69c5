import type { CreateTrancheInput, Tranche, UpdateTrancheInput } from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { deleteAtVersion, updateAtVersion } from '../versioned';

type TrancheRow = {
  id: string;
  grant_id: string;
  expected_date: string;
  expected_amount_minor: number;
  received_date: string | null;
  received_amount_minor: number | null;
  received_base_minor: number | null;
  note: string | null;
  version: number;
};

const columns = [
  'tranche.id',
  'tranche.grant_id',
  'tranche.expected_date',
  'tranche.expected_amount_minor',
  'tranche.received_date',
  'tranche.received_amount_minor',
  'tranche.received_base_minor',
  'tranche.note',
  'tranche.version',
] as const;

/** A tranche as stored; the service adds the implied rate, which needs both currencies. */
export type TrancheRecord = Omit<Tranche, 'receivedRate'>;

function toTranche(row: TrancheRow): TrancheRecord {
  return {
    id: row.id,
    grantId: row.grant_id,
    expectedDate: row.expected_date,
    expectedAmountMinor: Number(row.expected_amount_minor),
    receivedDate: row.received_date,
    receivedAmountMinor: row.received_amount_minor === null ? null : Number(row.received_amount_minor),
    receivedBaseMinor: row.received_base_minor === null ? null : Number(row.received_base_minor),
    note: row.note,
    version: row.version,
  };
}

export async function insertTranche(db: Executor, orgId: string, input: CreateTrancheInput): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('tranche')
    .values({
      id,
      org_id: orgId,
      grant_id: input.grantId,
      expected_date: input.expectedDate,
      expected_amount_minor: input.expectedAmountMinor,
      received_date: input.receivedDate,
      received_amount_minor: input.receivedAmountMinor,
      received_base_minor: input.receivedBaseMinor,
      note: input.note,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateTranche(db: Executor, orgId: string, input: UpdateTrancheInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'tranche',
    { orgId, id: input.id, version: input.version },
    {
      expected_date: input.expectedDate,
      expected_amount_minor: input.expectedAmountMinor,
      received_date: input.receivedDate,
      received_amount_minor: input.receivedAmountMinor,
      received_base_minor: input.receivedBaseMinor,
      note: input.note,
    },
  );
}

export async function deleteTranche(db: Executor, orgId: string, id: string, version: number): Promise<boolean> {
  return deleteAtVersion(db, 'tranche', { orgId, id, version });
}

export async function findTranche(db: Executor, orgId: string, id: string): Promise<TrancheRecord | undefined> {
  const row = await db
    .selectFrom('tranche')
    .select(columns)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTranche(row);
}

export async function listTranches(db: Executor, orgId: string, grantId: string): Promise<TrancheRecord[]> {
  const rows = await db
    .selectFrom('tranche')
    .select(columns)
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .orderBy('expected_date')
    .orderBy('id')
    .execute();
  return rows.map(toTranche);
}

/**
 * Cash received for a grant, in its currency and in the base currency (summed in SQL); with
 * `upTo`, only what was received by that date.
 */
export async function sumReceived(
  db: Executor,
  orgId: string,
  grantId: string,
  upTo?: string,
): Promise<{ grantMinor: number; baseMinor: number }> {
  let query = db
    .selectFrom('tranche')
    .select([
      sql<number>`coalesce(sum(received_amount_minor), 0)`.as('grant_minor'),
      sql<number>`coalesce(sum(received_base_minor), 0)`.as('base_minor'),
    ])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .where('received_date', 'is not', null);
  if (upTo) query = query.where('received_date', '<=', upTo);
  const row = await query.executeTakeFirstOrThrow();
  return { grantMinor: Number(row.grant_minor), baseMinor: Number(row.base_minor) };
}

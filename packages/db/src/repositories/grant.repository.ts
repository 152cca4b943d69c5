import type {
  Grant,
  GrantFields,
  GrantStatus,
  GrantStatusChange,
  ListGrantsInput,
  UpdateGrantInput,
} from '@tessera/domain';
import { addDays, foldForSearch } from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { likePattern } from '../like';
import { updateAtVersion } from '../versioned';

const grantColumns = [
  'grant.id',
  'grant.org_id',
  'grant.funder_id',
  'funder.name as funder_name',
  'grant.title',
  'grant.reference',
  'grant.currency',
  'grant.amount_minor',
  'grant.start_date',
  'grant.end_date',
  'grant.cost_share_minor',
  'grant.restrictions',
  'grant.notes',
  'grant.status',
  'grant.version',
  'grant.created_at',
  'grant.updated_at',
] as const;

type GrantJoinRow = {
  id: string;
  org_id: string;
  funder_id: string;
  funder_name: string;
  title: string;
  reference: string | null;
  currency: string;
  amount_minor: number;
  start_date: string;
  end_date: string;
  cost_share_minor: number | null;
  restrictions: string | null;
  notes: string | null;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
};

function toGrant(row: GrantJoinRow): Grant {
  return {
    id: row.id,
    orgId: row.org_id,
    funderId: row.funder_id,
    funderName: row.funder_name,
    title: row.title,
    reference: row.reference,
    currency: row.currency,
    amountMinor: Number(row.amount_minor),
    startDate: row.start_date,
    endDate: row.end_date,
    costShareMinor: row.cost_share_minor === null ? null : Number(row.cost_share_minor),
    restrictions: row.restrictions,
    notes: row.notes,
    status: row.status as GrantStatus,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function grantSearchText(input: { title: string; reference: string | null }): string {
  return foldForSearch([input.title, input.reference].filter(Boolean).join(' '));
}

function selectGrants(db: Executor, orgId: string) {
  return db
    .selectFrom('grant')
    .innerJoin('funder', 'funder.id', 'grant.funder_id')
    .select(grantColumns)
    .where('grant.org_id', '=', orgId);
}

export async function insertGrant(
  db: Executor,
  orgId: string,
  input: GrantFields,
  status: GrantStatus,
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('grant')
    .values({
      id,
      org_id: orgId,
      funder_id: input.funderId,
      title: input.title,
      reference: input.reference,
      currency: input.currency,
      amount_minor: input.amountMinor,
      start_date: input.startDate,
      end_date: input.endDate,
      cost_share_minor: input.costShareMinor,
      restrictions: input.restrictions,
      notes: input.notes,
      status,
      search_text: grantSearchText(input),
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findGrant(db: Executor, orgId: string, id: string): Promise<Grant | undefined> {
  const row = await selectGrants(db, orgId).where('grant.id', '=', id).executeTakeFirst();
  return row && toGrant(row);
}

export async function findGrantByReference(db: Executor, orgId: string, reference: string): Promise<Grant | undefined> {
  const row = await selectGrants(db, orgId).where('grant.reference', '=', reference).executeTakeFirst();
  return row && toGrant(row);
}

export interface GrantSummary extends Grant {
  spentMinor: number;
  receivedMinor: number;
}

/** Grants with their spent and received totals, summed in SQL. */
export async function listGrants(
  db: Executor,
  orgId: string,
  input: ListGrantsInput,
  today: string,
): Promise<GrantSummary[]> {
  let query = db
    .selectFrom('grant')
    .innerJoin('funder', 'funder.id', 'grant.funder_id')
    .select(grantColumns)
    .select((eb) => [
      eb
        .selectFrom('expenditure')
        .select(sql<number>`coalesce(sum(expenditure.amount_grant_minor), 0)`.as('s'))
        .whereRef('expenditure.grant_id', '=', 'grant.id')
        .as('spent_minor'),
      eb
        .selectFrom('tranche')
        .select(sql<number>`coalesce(sum(tranche.received_amount_minor), 0)`.as('r'))
        .whereRef('tranche.grant_id', '=', 'grant.id')
        .as('received_minor'),
    ])
    .where('grant.org_id', '=', orgId);
  if (input.status) query = query.where('grant.status', '=', input.status);
  if (input.funderId) query = query.where('grant.funder_id', '=', input.funderId);
  if (input.currency) query = query.where('grant.currency', '=', input.currency);
  if (input.endingWithinDays) {
    query = query
      .where('grant.end_date', '>=', today)
      .where('grant.end_date', '<=', addDays(today, input.endingWithinDays))
      .where('grant.status', 'in', ['awarded', 'active']);
  }
  const folded = foldForSearch(input.search);
  if (folded) {
    query = query.where(sql<boolean>`grant.search_text like ${likePattern(folded)} escape '\\'`);
  }
  const rows = await query.orderBy('grant.end_date', 'asc').orderBy('grant.title').execute();
  return rows.map((row) => ({
    ...toGrant(row),
    spentMinor: Number(row.spent_minor ?? 0),
    receivedMinor: Number(row.received_minor ?? 0),
  }));
}

export async function updateGrant(db: Executor, orgId: string, input: UpdateGrantInput): Promise<boolean> {
  return updateAtVersion(
    db,
    'grant',
    { orgId, id: input.id, version: input.version },
    {
      funder_id: input.funderId,
      title: input.title,
      reference: input.reference,
      currency: input.currency,
      amount_minor: input.amountMinor,
      start_date: input.startDate,
      end_date: input.endDate,
      cost_share_minor: input.costShareMinor,
      restrictions: input.restrictions,
      notes: input.notes,
      search_text: grantSearchText(input),
    },
  );
}

export async function setGrantStatus(
  db: Executor,
  orgId: string,
  input: { id: string; version: number; status: GrantStatus; date: string; note: string | null; userId: string | null },
): Promise<boolean> {
  const target = { orgId, id: input.id, version: input.version };
  if (!(await updateAtVersion(db, 'grant', target, { status: input.status }))) return false;
  await insertGrantStatusChange(db, orgId, input);
  return true;
}

export async function insertGrantStatusChange(
  db: Executor,
  orgId: string,
  input: { id: string; status: GrantStatus; date: string; note: string | null; userId: string | null },
): Promise<void> {
  await db
    .insertInto('grant_status_change')
    .values({
      id: newId(),
      org_id: orgId,
      grant_id: input.id,
      status: input.status,
      date: input.date,
      note: input.note,
      user_id: input.userId,
      created_at: nowIso(),
    })
    .execute();
}

export async function listGrantStatusChanges(
  db: Executor,
  orgId: string,
  grantId: string,
): Promise<GrantStatusChange[]> {
  const rows = await db
    .selectFrom('grant_status_change')
    .select(['status', 'date', 'note', 'created_at'])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ status: r.status as GrantStatus, date: r.date, note: r.note, at: r.created_at }));
}

/** How many money records hang off a grant (a currency change is refused once there are any). */
export async function countGrantMoneyRecords(db: Executor, grantId: string): Promise<number> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('budget_line').select(eb.fn.countAll<number>().as('n')).where('grant_id', '=', grantId).as('lines'),
      eb.selectFrom('tranche').select(eb.fn.countAll<number>().as('n')).where('grant_id', '=', grantId).as('tranches'),
      eb.selectFrom('expenditure').select(eb.fn.countAll<number>().as('n')).where('grant_id', '=', grantId).as('spent'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.lines ?? 0) + Number(row.tranches ?? 0) + Number(row.spent ?? 0);
}

import type { CreateFunderInput, Funder, FunderKind, ListFundersInput, UpdateFunderInput } from '@tessera/domain';
import { foldForSearch, funderSearchText } from '@tessera/domain';
import { sql } from 'kysely';
import type { Executor } from '../connection';
import { likePattern } from '../like';
import { updateAtVersion } from '../versioned';
import { newId, nowIso } from '../clock';
import type { FunderRow } from '../schema';

function toFunder(row: FunderRow): Funder {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    kind: row.kind as FunderKind,
    country: row.country,
    website: row.website,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    notes: row.notes,
    version: row.version,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertFunder(db: Executor, orgId: string, input: CreateFunderInput): Promise<Funder> {
  const now = nowIso();
  const row: FunderRow = {
    id: newId(),
    org_id: orgId,
    name: input.name,
    kind: input.kind,
    country: input.country,
    website: input.website,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    notes: input.notes,
    search_text: funderSearchText(input),
    version: 1,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('funder').values(row).execute();
  return toFunder(row);
}

export async function findFunder(db: Executor, orgId: string, id: string): Promise<Funder | undefined> {
  const row = await db
    .selectFrom('funder')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toFunder(row);
}

const sortColumns = { name: 'name', kind: 'kind', country: 'country', updatedAt: 'updated_at' } as const;

export async function listFunders(
  db: Executor,
  orgId: string,
  input: ListFundersInput,
): Promise<{ items: Funder[]; total: number }> {
  let query = db.selectFrom('funder').where('org_id', '=', orgId);
  if (input.status === 'active') query = query.where('archived_at', 'is', null);
  if (input.status === 'archived') query = query.where('archived_at', 'is not', null);
  if (input.kind) query = query.where('kind', '=', input.kind);
  const folded = foldForSearch(input.search);
  if (folded) query = query.where(sql<boolean>`search_text like ${likePattern(folded)} escape '\\'`);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sortColumns[input.sort], input.direction)
      .orderBy('name', 'asc')
      .orderBy('id', 'asc')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toFunder), total: Number(count.n) };
}

/**
 * Writes the new values only if the row is still at `version`; returns undefined when someone
 * else changed it first (the caller turns that into STALE_VERSION).
 */
export async function updateFunder(db: Executor, orgId: string, input: UpdateFunderInput): Promise<Funder | undefined> {
  const target = { orgId, id: input.id, version: input.version };
  const values = {
    name: input.name,
    kind: input.kind,
    country: input.country,
    website: input.website,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    notes: input.notes,
    search_text: funderSearchText(input),
  };
  if (!(await updateAtVersion(db, 'funder', target, values))) return undefined;
  return findFunder(db, orgId, input.id);
}

export async function setFunderArchived(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  archived: boolean,
): Promise<Funder | undefined> {
  const archivedAt = archived ? nowIso() : null;
  if (!(await updateAtVersion(db, 'funder', { orgId, id, version }, { archived_at: archivedAt }))) return undefined;
  return findFunder(db, orgId, id);
}

import type {
  CreateMatchContributionInput,
  MatchContribution,
  MatchKind,
  MatchTotals,
  UpdateMatchContributionInput,
} from '@tessera/domain';
import { sql } from 'kysely';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';
import { deleteAtVersion, updateAtVersion } from '../versioned';

const columns = [
  'match_contribution.id',
  'match_contribution.grant_id',
  'match_contribution.kind',
  'match_contribution.source',
  'match_contribution.date',
  'match_contribution.amount_minor',
  'match_contribution.description',
  'match_contribution.evidence_reference',
  'match_contribution.version',
  'match_evidence.file_name',
  'match_evidence.content_type',
  'match_evidence.size',
] as const;

type MatchRow = {
  id: string;
  grant_id: string;
  kind: MatchKind;
  source: string;
  date: string;
  amount_minor: number;
  description: string | null;
  evidence_reference: string | null;
  version: number;
  file_name: string | null;
  content_type: string | null;
  size: number | null;
};

function toContribution(row: MatchRow): MatchContribution {
  return {
    id: row.id,
    grantId: row.grant_id,
    kind: row.kind,
    source: row.source,
    date: row.date,
    amountMinor: Number(row.amount_minor),
    description: row.description,
    evidenceReference: row.evidence_reference,
    evidenceFile:
      row.file_name && row.content_type
        ? { fileName: row.file_name, contentType: row.content_type, size: Number(row.size) }
        : null,
    version: row.version,
  };
}

export async function insertMatchContribution(
  db: Executor,
  orgId: string,
  input: Omit<CreateMatchContributionInput, 'idempotencyKey'>,
): Promise<string> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('match_contribution')
    .values({
      id,
      org_id: orgId,
      grant_id: input.grantId,
      kind: input.kind,
      source: input.source,
      date: input.date,
      amount_minor: input.amountMinor,
      description: input.description,
      evidence_reference: input.evidenceReference,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateMatchContribution(
  db: Executor,
  orgId: string,
  input: UpdateMatchContributionInput,
): Promise<boolean> {
  return updateAtVersion(
    db,
    'match_contribution',
    { orgId, id: input.id, version: input.version },
    {
      kind: input.kind,
      source: input.source,
      date: input.date,
      amount_minor: input.amountMinor,
      description: input.description,
      evidence_reference: input.evidenceReference,
    },
  );
}

export async function deleteMatchContribution(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'match_contribution', { orgId, id, version });
}

export async function findMatchContribution(
  db: Executor,
  orgId: string,
  id: string,
): Promise<MatchContribution | undefined> {
  const row = await db
    .selectFrom('match_contribution')
    .leftJoin('match_evidence', 'match_evidence.contribution_id', 'match_contribution.id')
    .select(columns)
    .where('match_contribution.org_id', '=', orgId)
    .where('match_contribution.id', '=', id)
    .executeTakeFirst();
  return row && toContribution(row);
}

export async function listMatchContributions(
  db: Executor,
  orgId: string,
  grantId: string,
): Promise<MatchContribution[]> {
  const rows = await db
    .selectFrom('match_contribution')
    .leftJoin('match_evidence', 'match_evidence.contribution_id', 'match_contribution.id')
    .select(columns)
    .where('match_contribution.org_id', '=', orgId)
    .where('match_contribution.grant_id', '=', grantId)
    .orderBy('match_contribution.date')
    .orderBy('match_contribution.id')
    .execute();
  return rows.map(toContribution);
}

/**
 * A grant's contributions added up by kind in SQL, dated within `period` when given (either end
 * may be left open).
 */
export async function sumMatchContributions(
  db: Executor,
  orgId: string,
  grantId: string,
  period: { from?: string; to?: string } = {},
): Promise<MatchTotals> {
  let query = db
    .selectFrom('match_contribution')
    .select([
      sql<number>`coalesce(sum(case when kind = 'cash' then amount_minor else 0 end), 0)`.as('cash'),
      sql<number>`coalesce(sum(case when kind = 'inKind' then amount_minor else 0 end), 0)`.as('in_kind'),
    ])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', grantId);
  if (period.from) query = query.where('date', '>=', period.from);
  if (period.to) query = query.where('date', '<=', period.to);
  const row = await query.executeTakeFirstOrThrow();
  return { cashMinor: Number(row.cash), inKindMinor: Number(row.in_kind) };
}

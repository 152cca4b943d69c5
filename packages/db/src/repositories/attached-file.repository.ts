import { sql } from 'kysely';
import { nowIso } from '../clock';
import type { Executor } from '../connection';

/**
 * Files kept beside a record, one per record: an expenditure's receipt, a match contribution's
 * evidence. Both tables have the same columns and differ only in the record they belong to, so
 * one set of statements serves both (the table and column names come from this list, never from
 * input).
 */
const stores = {
  receipt: { table: 'receipt', owner: 'expenditure_id' },
  evidence: { table: 'match_evidence', owner: 'contribution_id' },
} as const;

export type AttachedFileKind = keyof typeof stores;

export interface AttachedFile {
  fileName: string;
  contentType: string;
  size: number;
  content: Uint8Array;
}

/** Keeps the record's file, replacing the one it had. */
export async function upsertAttachedFile(
  db: Executor,
  orgId: string,
  kind: AttachedFileKind,
  input: { ownerId: string; fileName: string; contentType: string; content: Uint8Array },
): Promise<void> {
  const { table, owner } = stores[kind];
  await sql`
    insert into ${sql.table(table)} (${sql.ref(owner)}, org_id, file_name, content_type, size, content, created_at)
    values (${input.ownerId}, ${orgId}, ${input.fileName}, ${input.contentType}, ${input.content.byteLength}, ${input.content}, ${nowIso()})
    on conflict (${sql.ref(owner)}) do update set
      file_name = excluded.file_name, content_type = excluded.content_type, size = excluded.size,
      content = excluded.content, created_at = excluded.created_at`.execute(db);
}

export async function findAttachedFile(
  db: Executor,
  orgId: string,
  kind: AttachedFileKind,
  ownerId: string,
): Promise<AttachedFile | undefined> {
  const { table, owner } = stores[kind];
  const { rows } = await sql<{ file_name: string; content_type: string; size: number | bigint; content: Uint8Array }>`
    select file_name, content_type, size, content from ${sql.table(table)}
    where org_id = ${orgId} and ${sql.ref(owner)} = ${ownerId}`.execute(db);
  const r = rows[0];
  return r && { fileName: r.file_name, contentType: r.content_type, size: Number(r.size), content: r.content };
}

/** True when there was a file to remove. */
export async function deleteAttachedFile(
  db: Executor,
  orgId: string,
  kind: AttachedFileKind,
  ownerId: string,
): Promise<boolean> {
  const { table, owner } = stores[kind];
  const result =
    await sql`delete from ${sql.table(table)} where org_id = ${orgId} and ${sql.ref(owner)} = ${ownerId}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

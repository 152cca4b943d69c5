import type { SubmittedPackFile } from '@tessera/domain';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';

/**
 * Frozen report packs: the content as sent and the files exported at submission. Both arrive
 * sealed by the API (the key never enters the database); this layer stores and returns them.
 */

/** Stores the sealed content of a just-submitted pack and empties its clear narrative column. */
export async function freezeReportPack(
  db: Executor,
  orgId: string,
  input: { id: string; frozenContent: string; frozenAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('report_pack')
    .set({
      frozen_content: input.frozenContent,
      frozen_at: input.frozenAt,
      narrative: '[]',
      variance_explanations: '[]',
    })
    .where('org_id', '=', orgId)
    .where('id', '=', input.id)
    .where('status', '=', 'submitted')
    .where('frozen_content', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The sealed content of a frozen pack, or null for a draft (or a pack submitted before freezing). */
export async function findFrozenContent(db: Executor, orgId: string, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('report_pack')
    .select('frozen_content')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.frozen_content ?? null;
}

/** The frozen versions of a grant's period released before `beforeEdition`, oldest first. */
export async function listReleasedPacks(
  db: Executor,
  orgId: string,
  input: { grantId: string; from: string; to: string; beforeEdition: number },
): Promise<{ id: string; edition: number; frozenContent: string }[]> {
  const rows = await db
    .selectFrom('report_pack')
    .select(['id', 'edition', 'frozen_content'])
    .where('org_id', '=', orgId)
    .where('grant_id', '=', input.grantId)
    .where('period_start', '=', input.from)
    .where('period_end', '=', input.to)
    .where('edition', '<', input.beforeEdition)
    .where('status', '=', 'submitted')
    .where('frozen_content', 'is not', null)
    .orderBy('edition')
    .execute();
  return rows.map((r) => ({ id: r.id, edition: r.edition, frozenContent: r.frozen_content as string }));
}

export async function insertReportPackFile(
  db: Executor,
  orgId: string,
  input: Omit<SubmittedPackFile, 'id' | 'createdAt'> & { id?: string; packId: string; sealed: string },
): Promise<string> {
  const id = input.id ?? newId();
  await db
    .insertInto('report_pack_file')
    .values({
      id,
      org_id: orgId,
      pack_id: input.packId,
      format: input.format,
      locale: input.locale,
      file_name: input.fileName,
      content_type: input.contentType,
      sealed: input.sealed,
      size: input.size,
      sha256: input.sha256,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function listReportPackFiles(db: Executor, orgId: string, packId: string): Promise<SubmittedPackFile[]> {
  const rows = await db
    .selectFrom('report_pack_file')
    .select(['id', 'format', 'locale', 'file_name', 'content_type', 'size', 'sha256', 'created_at'])
    .where('org_id', '=', orgId)
    .where('pack_id', '=', packId)
    .orderBy('format')
    .orderBy('locale')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    format: r.format,
    locale: r.locale,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.created_at,
  }));
}

/** One stored file of a pack, with its sealed bytes. */
export async function findReportPackFile(
  db: Executor,
  orgId: string,
  packId: string,
  fileId: string,
): Promise<(SubmittedPackFile & { sealed: string }) | undefined> {
  const r = await db
    .selectFrom('report_pack_file')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('pack_id', '=', packId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        format: r.format,
        locale: r.locale,
        fileName: r.file_name,
        contentType: r.content_type,
        size: r.size,
        sha256: r.sha256,
        createdAt: r.created_at,
        sealed: r.sealed,
      }
    : undefined;
}

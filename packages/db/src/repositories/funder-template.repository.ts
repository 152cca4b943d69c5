import type { FunderTemplate, Locale, TemplateKind } from '@tessera/domain';
import { newId, nowIso } from '../clock';
import type { Executor } from '../connection';

/** Funder templates (ADR 0027). Listing never reads the bytes. */

const listed = [
  'id',
  'funder_id',
  'grant_id',
  'name',
  'language',
  'kind',
  'file_name',
  'size',
  'tags',
  'created_at',
] as const;

type ListedRow = {
  id: string;
  funder_id: string | null;
  grant_id: string | null;
  name: string;
  language: string;
  kind: string;
  file_name: string;
  size: number;
  tags: string;
  created_at: string;
};

function toTemplate(r: ListedRow): FunderTemplate {
  return {
    id: r.id,
    funderId: r.funder_id,
    grantId: r.grant_id,
    name: r.name,
    language: r.language as Locale,
    kind: r.kind as TemplateKind,
    fileName: r.file_name,
    size: Number(r.size),
    tags: JSON.parse(r.tags) as string[],
    createdAt: r.created_at,
  };
}

export async function insertFunderTemplate(
  db: Executor,
  orgId: string,
  input: {
    funderId: string | null;
    grantId: string | null;
    name: string;
    language: Locale;
    kind: TemplateKind;
    fileName: string;
    content: Uint8Array;
    tags: string[];
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('funder_template')
    .values({
      id,
      org_id: orgId,
      funder_id: input.funderId,
      grant_id: input.grantId,
      name: input.name,
      language: input.language,
      kind: input.kind,
      file_name: input.fileName,
      size: input.content.byteLength,
      content: input.content,
      tags: JSON.stringify(input.tags),
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** Templates of the organisation; with a grant, its own and its funder's; with a funder, the funder's. */
export async function listFunderTemplates(
  db: Executor,
  orgId: string,
  filter: { funderId?: string | undefined; grantId?: string | undefined; grantFunderId?: string | undefined },
): Promise<FunderTemplate[]> {
  let query = db.selectFrom('funder_template').select(listed).where('org_id', '=', orgId);
  if (filter.grantId) {
    const { grantId, grantFunderId } = filter;
    query = query.where((eb) =>
      grantFunderId
        ? eb.or([eb('grant_id', '=', grantId), eb('funder_id', '=', grantFunderId)])
        : eb('grant_id', '=', grantId),
    );
  } else if (filter.funderId) {
    query = query.where('funder_id', '=', filter.funderId);
  }
  const rows = await query.orderBy('name').orderBy('created_at').execute();
  return rows.map(toTemplate);
}

export async function findFunderTemplate(
  db: Executor,
  orgId: string,
  id: string,
): Promise<(FunderTemplate & { content: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('funder_template')
    .select([...listed, 'content'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toTemplate(row), content: row.content };
}

export async function deleteFunderTemplate(db: Executor, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('funder_template')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

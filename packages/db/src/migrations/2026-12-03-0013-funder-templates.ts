import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// A funder's own report template (issue 18, ADR 0027): a checked DOCX or XLSX kept for a funder
// (all its grants) or for one grant, with its language and the catalogue tags found in it.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('funder_template')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('funder_id', 'text', (c) => c.references('funder.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.references('grant.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'blob', (c) => c.notNull())
    /** JSON array of the catalogue tags found. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('funder_template_owner', sql`(funder_id IS NULL) <> (grant_id IS NULL)`)
    .addCheckConstraint('funder_template_kind', sql`kind IN ('docx', 'xlsx')`)
    .execute();
  await db.schema.createIndex('funder_template_org').on('funder_template').columns(['org_id', 'name']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('funder_template').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Financial exports look up each budget line's amount as revised by a date, and a line's
// revisions decide whether it may be deleted: both find budget_revision_line rows by line,
// which its primary key (revision first) cannot serve.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('budget_revision_line_line_idx')
    .on('budget_revision_line')
    .column('budget_line_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('budget_revision_line_line_idx').execute();
}

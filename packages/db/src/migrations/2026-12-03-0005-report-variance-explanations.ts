import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// A report pack keeps, beside its narrative, the organisation's explanation of each budget
// line's variance (JSON [{ code, body }]); emptied at submission like the narrative, since the
// sealed frozen content holds it.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report_pack')
    .addColumn('variance_explanations', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_pack').dropColumn('variance_explanations').execute();
}

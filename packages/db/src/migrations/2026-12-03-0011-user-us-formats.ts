import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// English shows British dates and numbers (3 Dec 2026, dd/mm/yyyy) unless the person picks US
// formats (issue 15 item 8). A boolean kept as 0/1 so SQLite and PostgreSQL read it alike.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('user')
    .addColumn('us_formats', 'integer', (col) => col.notNull().defaultTo(sql`0`))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('us_formats').execute();
}

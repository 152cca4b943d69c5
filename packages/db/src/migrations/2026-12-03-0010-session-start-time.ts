import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// A session's start time ('HH:MM', the organisation's local clock), so the register can compute a
// late arrival's minutes and every list can show when a session begins (issue 15 item 4). Null for
// sessions recorded before this column existed.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_session').addColumn('start_time', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activity_session').dropColumn('start_time').execute();
}

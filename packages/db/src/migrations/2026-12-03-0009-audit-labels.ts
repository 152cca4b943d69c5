import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// An audit event keeps a short name of its record as it was when the event was written (a grant's
// title, a budget line's code and category), so a deleted record is still named in the log. Never
// a value of a changed field, and never anything about a participant (issue 15 item 6). Older
// events have none and are named from the live record when it still exists. The index serves the
// log's filter by person within an organisation, newest first.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_event').addColumn('label', 'text').execute();
  await db.schema
    .createIndex('audit_event_org_user_at')
    .on('audit_event')
    .columns(['org_id', 'user_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_event_org_user_at').execute();
  await db.schema.alterTable('audit_event').dropColumn('label').execute();
}

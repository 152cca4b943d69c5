import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Every money record keeps the idempotency key its form sent (docs/decisions/0014): a retry, a
// double click or a resubmitted form finds the record the first request made instead of making a
// second. Unique per organisation; records made before (or by the CLI) have none.

// Exchange rates are saved by date and pair (a retry finds the same rate): they need no key.
export const idempotentTables = ['grant', 'budget_line', 'budget_revision', 'tranche', 'expenditure'];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of idempotentTables) {
    await db.schema.alterTable(table).addColumn('idempotency_key', 'text').execute();
    await sql`create unique index ${sql.ref(`${table}_idempotency_key`)} on ${sql.table(table)} (org_id, idempotency_key) where idempotency_key is not null`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of idempotentTables) {
    await sql`drop index if exists ${sql.ref(`${table}_idempotency_key`)}`.execute(db);
    await db.schema.alterTable(table).dropColumn('idempotency_key').execute();
  }
}

import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Cost share and match (issue 11): what the organisation (or others on its behalf) contributed
// towards a grant's required match, in cash or in kind, in the grant's currency. The SF-425's
// recipient share of expenditures and the EU report's co-financing are their sums. Keeps the
// idempotency key of the form that made it, as every money record does (docs/decisions/0014).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('match_contribution')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cash', 'inKind')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('evidence_reference', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .execute();
  await db.schema
    .createIndex('match_contribution_grant_date_idx')
    .on('match_contribution')
    .columns(['grant_id', 'date'])
    .execute();
  await sql`create unique index match_contribution_idempotency_key on match_contribution (org_id, idempotency_key) where idempotency_key is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('match_contribution').execute();
}

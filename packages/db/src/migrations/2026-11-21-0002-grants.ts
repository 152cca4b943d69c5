import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Skopje'))
    .execute();

  await db.schema
    .createTable('grant')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('funder_id', 'text', (c) => c.notNull().references('funder.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('cost_share_minor', 'bigint')
    .addColumn('restrictions', 'text')
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_org_idx').on('grant').columns(['org_id', 'status']).execute();
  await db.schema
    .createIndex('grant_reference_uq')
    .on('grant')
    .columns(['org_id', 'reference'])
    .unique()
    .where(sql.ref('reference'), 'is not', null)
    .execute();

  await db.schema
    .createTable('grant_status_change')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grant_status_change_grant_idx').on('grant_status_change').column('grant_id').execute();

  await db.schema
    .createTable('budget_line')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('original_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('budget_line_code_uq', ['grant_id', 'code'])
    .execute();

  await db.schema
    .createTable('budget_revision')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('budget_revision_line')
    .addColumn('revision_id', 'text', (c) => c.notNull().references('budget_revision.id').onDelete('cascade'))
    .addColumn('budget_line_id', 'text', (c) => c.notNull().references('budget_line.id').onDelete('cascade'))
    .addColumn('amount_before_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_after_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_revision_line_pk', ['revision_id', 'budget_line_id'])
    .execute();

  await db.schema
    .createTable('tranche')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('expected_date', 'text', (c) => c.notNull())
    .addColumn('expected_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('received_date', 'text')
    .addColumn('received_amount_minor', 'bigint')
    .addColumn('received_base_minor', 'bigint')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tranche_grant_idx').on('tranche').column('grant_id').execute();

  await db.schema
    .createTable('expenditure')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('budget_line_id', 'text', (c) => c.notNull().references('budget_line.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('rate_to_grant', 'text', (c) => c.notNull())
    .addColumn('rate_source', 'text', (c) => c.notNull())
    .addColumn('amount_grant_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_base_minor', 'bigint')
    .addColumn('receipt_reference', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expenditure_grant_date_idx').on('expenditure').columns(['grant_id', 'date']).execute();
  await db.schema.createIndex('expenditure_line_idx').on('expenditure').column('budget_line_id').execute();

  await db.schema
    .createTable('receipt')
    .addColumn('expenditure_id', 'text', (c) =>
      c.primaryKey().notNull().references('expenditure.id').onDelete('cascade'),
    )
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exchange_rate')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('from_currency', 'text', (c) => c.notNull())
    .addColumn('to_currency', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exchange_rate_uq', ['org_id', 'from_currency', 'to_currency', 'date'])
    .execute();

  await db.schema
    .createTable('reporting_deadline')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('submitted_date', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reporting_deadline_org_due_idx')
    .on('reporting_deadline')
    .columns(['org_id', 'due_date'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'reporting_deadline',
    'exchange_rate',
    'receipt',
    'expenditure',
    'tranche',
    'budget_revision_line',
    'budget_revision',
    'budget_line',
    'grant_status_change',
    'grant',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('organization').dropColumn('time_zone').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Results and reporting: indicators (a logframe per project or grant), hand-entered indicator
// values per period, outcome records per participant, and report packs (one grant, one period).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.references('project.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.references('grant.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('result_statement', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('baseline_value', 'real')
    .addColumn('baseline_year', 'integer')
    .addColumn('baseline_comment', 'text')
    .addColumn('life_target', 'real')
    /** Per-period targets, JSON: [{ periodStart, periodEnd, target }]. */
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('data_source', 'text')
    .addColumn('collection_method', 'text')
    .addColumn('frequency', 'text')
    .addColumn('responsible', 'text')
    /** JSON array of gender | ageBand | city. */
    .addColumn('disaggregation', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source', 'text', (c) => c.notNull())
    /** JSON measure specs for derived indicators. */
    .addColumn('numerator', 'text')
    .addColumn('denominator', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_project_idx').on('indicator').columns(['org_id', 'project_id']).execute();
  await db.schema.createIndex('indicator_grant_idx').on('indicator').columns(['org_id', 'grant_id']).execute();

  await db.schema
    .createTable('indicator_value')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('numerator', 'real')
    .addColumn('denominator', 'real')
    .addColumn('comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_value_uq', ['indicator_id', 'period_start', 'period_end'])
    .execute();

  await db.schema
    .createTable('outcome_record')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('activity_id', 'text', (c) => c.references('activity.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('score_before', 'real')
    .addColumn('score_after', 'real')
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outcome_record_participant_idx')
    .on('outcome_record')
    .columns(['participant_id', 'date'])
    .execute();
  await db.schema.createIndex('outcome_record_org_idx').on('outcome_record').columns(['org_id', 'date']).execute();

  await db.schema
    .createTable('report_pack')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_date', 'text')
    .addColumn('deadline_id', 'text', (c) => c.references('reporting_deadline.id').onDelete('set null'))
    /** JSON: [{ key, body }]. Written by staff for the funder; never participant data. */
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_pack_uq', ['grant_id', 'period_start', 'period_end'])
    .execute();
}

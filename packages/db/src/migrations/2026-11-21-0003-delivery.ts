import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Programme delivery: partners, projects, activities, sessions, head counts, outputs,
// participants (pseudonymous; contact, notes and sensitive attributes encrypted by the API),
// enrolments and attendance.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .addColumn('participant_code_scheme', 'text', (c) => c.notNull().defaultTo('sequential'))
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('participant_code_prefix', 'text', (c) => c.notNull().defaultTo('P'))
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('participant_code_next', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('uic_questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('participant_attributes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('settings_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('partner')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('website', 'text')
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_org_idx').on('partner').columns(['org_id', 'name']).execute();

  await db.schema
    .createTable('project')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_org_idx').on('project').columns(['org_id', 'start_date']).execute();

  await db.schema
    .createTable('project_partner')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_partner_pk', ['project_id', 'partner_id'])
    .execute();
  await db.schema.createIndex('project_partner_partner_idx').on('project_partner').column('partner_id').execute();

  await db.schema
    .createTable('project_grant')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id'))
    .addPrimaryKeyConstraint('project_grant_pk', ['project_id', 'grant_id'])
    .execute();
  await db.schema.createIndex('project_grant_grant_idx').on('project_grant').column('grant_id').execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('city', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('planned_minutes', 'integer', (c) => c.notNull())
    .addColumn('completion_threshold', 'integer', (c) => c.notNull())
    .addColumn('attendance_mode', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_org_idx').on('activity').columns(['org_id', 'start_date']).execute();
  await db.schema.createIndex('activity_project_idx').on('activity').column('project_id').execute();
  await db.schema
    .createIndex('activity_reference_uq')
    .on('activity')
    .columns(['org_id', 'reference'])
    .unique()
    .where(sql.ref('reference'), 'is not', null)
    .execute();

  await db.schema
    .createTable('activity_session')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('module', 'text')
    .addColumn('note', 'text')
    /** Set when a register is saved or a head count recorded. */
    .addColumn('held_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_session_activity_idx')
    .on('activity_session')
    .columns(['activity_id', 'date'])
    .execute();
  await db.schema
    .createIndex('activity_session_org_date_idx')
    .on('activity_session')
    .columns(['org_id', 'date'])
    .execute();

  await db.schema
    .createTable('head_count')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_session.id').onDelete('cascade'))
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('head_count_pk', ['session_id', 'gender', 'age_band'])
    .execute();

  await db.schema
    .createTable('output')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('output_activity_idx').on('output').columns(['activity_id', 'date']).execute();

  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_scheme', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    /** Non-sensitive extra attributes, JSON. */
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    /** Encrypted (AES-256-GCM, key outside the database): sensitive attributes, contact, notes. */
    .addColumn('sensitive_enc', 'text')
    .addColumn('contact_enc', 'text')
    .addColumn('notes_enc', 'text')
    .addColumn('consent_date', 'text')
    .addColumn('consent_scope', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('erased_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('participant_code_uq', ['org_id', 'code'])
    .execute();

  await db.schema
    .createTable('enrollment')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('enrolled_on', 'text', (c) => c.notNull())
    .addColumn('dropped_on', 'text')
    .addColumn('completion_override', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollment_uq', ['activity_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('enrollment_participant_idx').on('enrollment').column('participant_id').execute();

  await db.schema
    .createTable('attendance')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('activity_session.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['session_id', 'participant_id'])
    .execute();
  await db.schema
    .createIndex('attendance_activity_participant_idx')
    .on('attendance')
    .columns(['activity_id', 'participant_id'])
    .execute();
}

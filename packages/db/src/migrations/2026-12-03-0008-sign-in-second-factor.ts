import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Sign-in hardening (ADR 0021):
// - login_trusted_address: an address that signed in successfully to an account (both keyed
//   hashes, as in login_attempt) is not slowed down when that account is under attack from
//   elsewhere; kept 90 days after its last success.
// - session.stage: 'full', or a short-lived half-signed-in session waiting for the second
//   factor ('second_factor') or for enrolment ('enrol').
// - user_second_factor: the TOTP secret, sealed (AES-256-GCM under the server key, like
//   participant fields); pending_secret_sealed while an enrolment is not yet confirmed;
//   last_used_step refuses a code used once already (replay).
// - recovery_code: SHA-256 of each 80-bit single-use code.
// - organization.require_second_factor: admins and finance must enrol at their next sign-in.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_trusted_address')
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_trusted_address_pk', ['account_key', 'address_key'])
    .execute();
  await db.schema
    .createIndex('login_attempt_pair_idx')
    .on('login_attempt')
    .columns(['account_key', 'address_key', 'at'])
    .execute();

  await db.schema
    .alterTable('session')
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
    .execute();

  await db.schema
    .createTable('user_second_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey().notNull().references('user.id').onDelete('cascade'))
    .addColumn('secret_sealed', 'text')
    .addColumn('pending_secret_sealed', 'text')
    .addColumn('last_used_step', 'integer')
    .addColumn('confirmed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_code_user_idx').on('recovery_code').columns(['user_id', 'code_hash']).execute();

  await db.schema
    .alterTable('organization')
    .addColumn('require_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organization').dropColumn('require_second_factor').execute();
  await db.schema.dropTable('recovery_code').execute();
  await db.schema.dropTable('user_second_factor').execute();
  await db.schema.alterTable('session').dropColumn('stage').execute();
  await db.schema.dropIndex('login_attempt_pair_idx').execute();
  await db.schema.dropTable('login_trusted_address').execute();
}

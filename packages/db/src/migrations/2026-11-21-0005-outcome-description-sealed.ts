import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// An outcome's description is free text about a person ("found work at the bakery"): it is
// sealed like a participant's notes (docs/decisions/0008-participant-data.md). The ciphertext
// goes in a new column; the old clear column stays empty from now on. Sealing the rows already
// stored needs the server's secret key, which a migration never sees: the server seals them at
// start (`sealOutcomeDescriptions` in packages/api), moving each value and clearing the old one.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcome_record').addColumn('description_enc', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcome_record').dropColumn('description_enc').execute();
}

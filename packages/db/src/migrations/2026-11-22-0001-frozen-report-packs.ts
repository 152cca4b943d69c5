import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// A submitted report pack is kept as it was sent (docs/decisions/0011-report-packs.md, "Frozen
// packs"): its content as sealed JSON, and the files exported at submission, sealed too. A period
// may have several packs, one per version (`edition`): re-preparing a submitted period makes a
// new version that names the one it replaces. SQLite cannot drop the old unique key on
// (grant, period), so the table is rebuilt with the key on (grant, period, edition).

const packColumns = [
  'id',
  'org_id',
  'grant_id',
  'period_start',
  'period_end',
  'status',
  'submitted_date',
  'deadline_id',
  'narrative',
  'version',
  'created_at',
  'updated_at',
];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
async function createPackTable(db: Kysely<any>, name: string, withEditions: boolean): Promise<void> {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grant.id').onDelete('cascade'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('submitted_date', 'text')
    .addColumn('deadline_id', 'text', (c) => c.references('reporting_deadline.id').onDelete('set null'))
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  if (withEditions) {
    table = table
      .addColumn('edition', 'integer', (c) => c.notNull().defaultTo(1))
      /** The submitted pack of the same period this version replaces (same organisation and grant). */
      .addColumn('replaces_id', 'text')
      /** The content as sent, sealed JSON (AES-256-GCM under the server key, like participant notes). */
      .addColumn('frozen_content', 'text')
      .addColumn('frozen_at', 'text')
      .addUniqueConstraint('report_pack_edition_uq', ['grant_id', 'period_start', 'period_end', 'edition']);
  } else {
    table = table.addUniqueConstraint('report_pack_uq', ['grant_id', 'period_start', 'period_end']);
  }
  await table.execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
async function rebuild(db: Kysely<any>, withEditions: boolean, where = sql`1 = 1`): Promise<void> {
  await createPackTable(db, 'report_pack_next', withEditions);
  const columns = sql.join(packColumns.map((c) => sql.ref(c)));
  await sql`insert into report_pack_next (${columns}) select ${columns} from report_pack where ${where}`.execute(db);
  await db.schema.dropTable('report_pack').execute();
  await db.schema.alterTable('report_pack_next').renameTo('report_pack').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
  await db.schema
    .createTable('report_pack_file')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('pack_id', 'text', (c) => c.notNull().references('report_pack.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    /** The file's bytes, sealed (they hold the narrative). */
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    /** SHA-256 of the plain bytes, hex: what the funder received can be checked against it. */
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_pack_file_pack_idx').on('report_pack_file').columns(['pack_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema type.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_pack_file').execute();
  // Later versions of a period cannot live under the old key: only the first is kept.
  await rebuild(db, false, sql`edition = 1`);
}

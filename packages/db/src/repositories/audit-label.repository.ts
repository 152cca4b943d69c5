import { type AuditLink, formatMinorPlain } from '@tessera/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '../connection';
import type { Database } from '../schema';

/** What the audit log can say about a record that still exists: its short name and its page. */
export interface AuditRecordName {
  label: string | null;
  link: AuditLink | null;
}

type Resolver = (db: Executor, orgId: string, ids: string[]) => Promise<Map<string, AuditRecordName>>;

const money = (amountMinor: number, currency: string) => `${formatMinorPlain(amountMinor, currency)} ${currency}`;
const grantLink = (grantId: string): AuditLink => ({ page: 'grant', id: grantId });

function byId<R extends { id: string }>(rows: R[], name: (row: R) => AuditRecordName) {
  return new Map(rows.map((row) => [row.id, name(row)]));
}

/** Tables whose rows carry their own `id` and `org_id`: named from their own columns. */
type OwnTable =
  | 'grant'
  | 'funder'
  | 'funder_template'
  | 'budget_line'
  | 'budget_revision'
  | 'expenditure'
  | 'reporting_deadline'
  | 'partner'
  | 'project'
  | 'activity'
  | 'output'
  | 'indicator';

/** A resolver reading `columns` of the organisation's rows of `table` and naming each with `name`. */
function own<T extends OwnTable, C extends keyof Selectable<Database[T]> & string>(
  table: T,
  columns: readonly C[],
  name: (row: Pick<Selectable<Database[T]>, C> & { id: string }) => AuditRecordName,
): Resolver {
  return async (db, orgId, ids) => {
    // One statement shape for every such table; Kysely cannot type a column list chosen per table.
    const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const rows = await loose
      .selectFrom(table as string)
      .select(['id', ...columns])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    return byId(rows as unknown as Parameters<typeof name>[0][], name);
  };
}

/**
 * One resolver per kind of record. Labels are names of records, never values of the fields an
 * event changed. Nothing about a participant is ever named: a participant's, an enrollment's and
 * an outcome record's entries carry only a link to the participant's page, which shows the code
 * to those allowed to see it. People are named live from their account, never copied into the log.
 */
const resolvers: Record<string, Resolver> = {
  grant: own('grant', ['title'], (r) => ({ label: r.title, link: grantLink(r.id) })),
  funder: own('funder', ['name'], (r) => ({ label: r.name, link: { page: 'funder', id: r.id } })),
  funder_template: own('funder_template', ['name', 'funder_id', 'grant_id'], (r) => ({
    label: r.name,
    link: r.grant_id ? grantLink(r.grant_id) : r.funder_id ? { page: 'funder', id: r.funder_id } : null,
  })),
  budget_line: own('budget_line', ['grant_id', 'code', 'category'], (r) => ({
    label: `${r.code} ${r.category}`,
    link: grantLink(r.grant_id),
  })),
  budget_revision: own('budget_revision', ['grant_id', 'date'], (r) => ({
    label: r.date,
    link: grantLink(r.grant_id),
  })),
  expenditure: own('expenditure', ['grant_id', 'date', 'amount_minor', 'currency'], (r) => ({
    label: `${r.date} · ${money(r.amount_minor, r.currency)}`,
    link: grantLink(r.grant_id),
  })),
  tranche: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('tranche')
        .innerJoin('grant', 'grant.id', 'tranche.grant_id')
        .select([
          'tranche.id',
          'tranche.grant_id',
          'tranche.expected_date',
          'tranche.expected_amount_minor',
          'grant.currency',
        ])
        .where('tranche.org_id', '=', orgId)
        .where('tranche.id', 'in', ids)
        .execute(),
      (r) => ({
        label: `${r.expected_date} · ${money(r.expected_amount_minor, r.currency)}`,
        link: grantLink(r.grant_id),
      }),
    ),
  match_contribution: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('match_contribution')
        .innerJoin('grant', 'grant.id', 'match_contribution.grant_id')
        .select([
          'match_contribution.id',
          'match_contribution.grant_id',
          'match_contribution.date',
          'match_contribution.amount_minor',
          'grant.currency',
        ])
        .where('match_contribution.org_id', '=', orgId)
        .where('match_contribution.id', 'in', ids)
        .execute(),
      (r) => ({ label: `${r.date} · ${money(r.amount_minor, r.currency)}`, link: grantLink(r.grant_id) }),
    ),
  reporting_deadline: own('reporting_deadline', ['grant_id', 'period_start', 'period_end'], (r) => ({
    label: `${r.period_start} – ${r.period_end}`,
    link: grantLink(r.grant_id),
  })),
  report_pack: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('report_pack')
        .innerJoin('grant', 'grant.id', 'report_pack.grant_id')
        .select([
          'report_pack.id',
          'report_pack.grant_id',
          'report_pack.period_start',
          'report_pack.period_end',
          'grant.title',
        ])
        .where('report_pack.org_id', '=', orgId)
        .where('report_pack.id', 'in', ids)
        .execute(),
      (r) => ({
        label: `${r.title} · ${r.period_start} – ${r.period_end}`,
        link: { page: 'report', id: r.id, parentId: r.grant_id },
      }),
    ),
  partner: own('partner', ['name'], (r) => ({ label: r.name, link: { page: 'partners', id: r.id } })),
  project: own('project', ['title'], (r) => ({ label: r.title, link: { page: 'project', id: r.id } })),
  activity: own('activity', ['title'], (r) => ({ label: r.title, link: { page: 'activity', id: r.id } })),
  activity_session: async (db, orgId, ids) => {
    const sessions = byId(
      await db
        .selectFrom('activity_session')
        .innerJoin('activity', 'activity.id', 'activity_session.activity_id')
        .select(['activity_session.id', 'activity_session.activity_id', 'activity_session.date', 'activity.title'])
        .where('activity_session.org_id', '=', orgId)
        .where('activity_session.id', 'in', ids)
        .execute(),
      (r) => ({ label: `${r.title} · ${r.date}`, link: { page: 'activity', id: r.activity_id } }),
    );
    // A generated schedule is one event under its activity's id.
    const rest = ids.filter((id) => !sessions.has(id));
    if (rest.length === 0) return sessions;
    const activities = resolvers.activity;
    if (activities) for (const [id, name] of await activities(db, orgId, rest)) sessions.set(id, name);
    return sessions;
  },
  output: own('output', ['activity_id', 'title'], (r) => ({
    label: r.title,
    link: { page: 'activity', id: r.activity_id },
  })),
  indicator: own('indicator', ['code', 'name', 'project_id', 'grant_id'], (r) => ({
    label: `${r.code} ${r.name}`,
    link: indicatorLink(r),
  })),
  indicator_value: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('indicator_value')
        .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
        .select([
          'indicator_value.id',
          'indicator_value.period_start',
          'indicator_value.period_end',
          'indicator.code',
          'indicator.project_id',
          'indicator.grant_id',
        ])
        .where('indicator_value.org_id', '=', orgId)
        .where('indicator_value.id', 'in', ids)
        .execute(),
      (r) => ({ label: `${r.code} · ${r.period_start} – ${r.period_end}`, link: indicatorLink(r) }),
    ),
  exchange_rate: async (db, orgId, ids) => {
    const rows = await db
      .selectFrom('exchange_rate')
      .select(['id', 'date', 'from_currency', 'to_currency'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute();
    const named = byId(rows, (r) => ({
      label: `${r.from_currency}/${r.to_currency} ${r.date}`,
      link: { page: 'rates', id: r.id },
    }));
    // Some rate events name the pair and day instead of a row ("USD/MKD@2026-03-01").
    for (const id of ids) {
      const pair = /^([A-Z]{3})\/([A-Z]{3})@(\d{4}-\d{2}-\d{2})$/.exec(id);
      if (pair && !named.has(id))
        named.set(id, { label: `${pair[1]}/${pair[2]} ${pair[3]}`, link: { page: 'rates', id } });
    }
    return named;
  },
  organization: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('organization')
        .select(['id', 'name'])
        .where('id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
      (r) => ({ label: r.name, link: null }),
    ),
  membership: (db, orgId, ids) => people(db, orgId, ids),
  user: (db, orgId, ids) => people(db, orgId, ids),
  participant: async (db, orgId, ids) =>
    byId(
      await db
        .selectFrom('participant')
        .select(['id'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .where('erased_at', 'is', null)
        .execute(),
      (r) => ({ label: null, link: { page: 'participant', id: r.id } }),
    ),
  enrollment: async (db, orgId, ids) => participantOf(db, orgId, 'enrollment', ids),
  outcome_record: async (db, orgId, ids) => participantOf(db, orgId, 'outcome_record', ids),
};

function indicatorLink(r: { project_id: string | null; grant_id: string | null }): AuditLink | null {
  if (r.project_id) return { page: 'project', id: r.project_id };
  if (r.grant_id) return grantLink(r.grant_id);
  return null;
}

async function people(db: Executor, orgId: string, ids: string[]) {
  const rows = await db
    .selectFrom('user')
    .innerJoin('membership', 'membership.user_id', 'user.id')
    .select(['user.id', 'user.display_name'])
    .where('membership.org_id', '=', orgId)
    .where('user.id', 'in', ids)
    .execute();
  return byId(rows, (r) => ({ label: r.display_name, link: { page: 'members', id: r.id } }));
}

async function participantOf(db: Executor, orgId: string, table: 'enrollment' | 'outcome_record', ids: string[]) {
  const rows = await db
    .selectFrom(table)
    .innerJoin('participant', 'participant.id', `${table}.participant_id`)
    .select([`${table}.id as id`, 'participant.id as participantId'])
    .where(`${table}.org_id`, '=', orgId)
    .where(`${table}.id`, 'in', ids)
    .where('participant.erased_at', 'is', null)
    .execute();
  return byId(rows, (r) => ({ label: null, link: { page: 'participant', id: r.participantId } }));
}

/** Kinds of record whose name is never copied into an event: people, and anything about a participant. */
const neverStored = new Set(['user', 'membership', 'participant', 'enrollment', 'outcome_record', 'import']);

/** Names and pages of the records that still exist, keyed `entity:id`. */
export async function resolveAuditRecords(
  db: Executor,
  orgId: string,
  refs: readonly { entity: string; entityId: string }[],
): Promise<Map<string, AuditRecordName>> {
  const idsByEntity = new Map<string, Set<string>>();
  for (const ref of refs) {
    if (!resolvers[ref.entity]) continue;
    const ids = idsByEntity.get(ref.entity) ?? new Set<string>();
    ids.add(ref.entityId);
    idsByEntity.set(ref.entity, ids);
  }
  const out = new Map<string, AuditRecordName>();
  for (const [entity, ids] of idsByEntity) {
    const resolve = resolvers[entity];
    if (!resolve) continue;
    for (const [id, name] of await resolve(db, orgId, [...ids])) out.set(`${entity}:${id}`, name);
  }
  return out;
}

/**
 * The short name to keep with a new event: the record's own, or, when it is already gone (a
 * deletion), the name its earlier events recorded. Null for people and participants.
 */
export async function recordLabelAtWrite(
  db: Executor,
  orgId: string | null,
  entity: string,
  entityId: string,
): Promise<string | null> {
  if (!orgId || neverStored.has(entity)) return null;
  const live = (await resolveAuditRecords(db, orgId, [{ entity, entityId }])).get(`${entity}:${entityId}`);
  if (live?.label) return live.label;
  const earlier = await db
    .selectFrom('audit_event')
    .select('label')
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .where('label', 'is not', null)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return earlier?.label ?? null;
}

import type { CreateOrganizationInput, Organization } from '@tessera/domain';
import type { Executor } from '../connection';
import { newId, nowIso } from '../clock';
import type { OrganizationRow } from '../schema';

type OrganizationCore = Omit<
  OrganizationRow,
  | 'participant_code_scheme'
  | 'participant_code_prefix'
  | 'participant_code_next'
  | 'uic_questions'
  | 'participant_attributes'
  | 'settings_version'
>;

function toOrganization(row: OrganizationCore): Organization {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    baseCurrency: row.base_currency,
    defaultLocale: row.default_locale,
    suppressionThreshold: row.suppression_threshold,
    timeZone: row.time_zone,
    requireSecondFactor: row.require_second_factor === 1,
  };
}

export async function insertOrganization(db: Executor, input: CreateOrganizationInput): Promise<Organization> {
  const now = nowIso();
  const row = {
    id: newId(),
    slug: input.slug,
    name: input.name,
    country: input.country,
    base_currency: input.baseCurrency,
    default_locale: input.defaultLocale,
    suppression_threshold: input.suppressionThreshold,
    time_zone: input.timeZone,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('organization').values(row).execute();
  // Settings added by later migrations keep their column defaults (older schemas in migration tests).
  return toOrganization({ ...row, require_second_factor: 0 });
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organization').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toOrganization(row);
}

export async function findOrganizationById(db: Executor, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganization(row);
}

export async function countOrganizations(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether admins and finance of the organisation must use a second factor. */
export async function setOrganizationSecondFactorRequired(
  db: Executor,
  orgId: string,
  required: boolean,
): Promise<void> {
  await db
    .updateTable('organization')
    .set({ require_second_factor: required ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', orgId)
    .execute();
}

/** Whether any organisation the user is admin or finance of requires a second factor. */
export async function isSecondFactorRequiredFor(db: Executor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.org_id')
    .select('organization.id')
    .where('membership.user_id', '=', userId)
    .where('membership.role', 'in', ['admin', 'finance'])
    .where('organization.require_second_factor', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

import { sql } from 'kysely';
import type { Executor } from '../connection';

/** Every total one grant keeps, in minor units, as the database adds them up. */
export interface GrantMoneyTotals {
  budgetMinor: number;
  spentMinor: number;
  spentBaseMinor: number;
  expectedMinor: number;
  receivedMinor: number;
  receivedBaseMinor: number;
  /** Cost share and match contributed, cash and in kind. */
  matchedMinor: number;
}

/** What an organisation's grants in one currency add up to (the dashboard's sums). */
export interface OrganizationMoneyTotals {
  awardedMinor: number;
  spentMinor: number;
  receivedMinor: number;
}

/**
 * A grant's totals, leaving out one expenditure, tranche or contribution (the one being edited) so the caller
 * can add its new amount in its place.
 */
export async function sumGrantMoney(db: Executor, grantId: string, exceptId = ''): Promise<GrantMoneyTotals> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('budget_line')
        .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .as('budget'),
      eb
        .selectFrom('expenditure')
        .select(sql<number>`coalesce(sum(amount_grant_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('spent'),
      eb
        .selectFrom('expenditure')
        .select(sql<number>`coalesce(sum(amount_base_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('spent_base'),
      eb
        .selectFrom('tranche')
        .select(sql<number>`coalesce(sum(expected_amount_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('expected'),
      eb
        .selectFrom('tranche')
        .select(sql<number>`coalesce(sum(received_amount_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('received'),
      eb
        .selectFrom('tranche')
        .select(sql<number>`coalesce(sum(received_base_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('received_base'),
      eb
        .selectFrom('match_contribution')
        .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('s'))
        .where('grant_id', '=', grantId)
        .where('id', '!=', exceptId)
        .as('matched'),
    ])
    .executeTakeFirstOrThrow();
  return {
    budgetMinor: Number(row.budget ?? 0),
    spentMinor: Number(row.spent ?? 0),
    spentBaseMinor: Number(row.spent_base ?? 0),
    expectedMinor: Number(row.expected ?? 0),
    receivedMinor: Number(row.received ?? 0),
    receivedBaseMinor: Number(row.received_base ?? 0),
    matchedMinor: Number(row.matched ?? 0),
  };
}

/**
 * An organisation's totals over all its grants in `currency`, leaving out one grant's award,
 * or one expenditure or tranche (`exceptId`), for the caller to add its new amount in place.
 */
export async function sumOrganizationMoney(
  db: Executor,
  orgId: string,
  currency: string,
  exceptId = '',
): Promise<OrganizationMoneyTotals> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('grant')
        .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('s'))
        .where('org_id', '=', orgId)
        .where('currency', '=', currency)
        .where('id', '!=', exceptId)
        .as('awarded'),
      eb
        .selectFrom('expenditure')
        .innerJoin('grant', 'grant.id', 'expenditure.grant_id')
        .select(sql<number>`coalesce(sum(expenditure.amount_grant_minor), 0)`.as('s'))
        .where('grant.org_id', '=', orgId)
        .where('grant.currency', '=', currency)
        .where('expenditure.id', '!=', exceptId)
        .as('spent'),
      eb
        .selectFrom('tranche')
        .innerJoin('grant', 'grant.id', 'tranche.grant_id')
        .select(sql<number>`coalesce(sum(tranche.received_amount_minor), 0)`.as('s'))
        .where('grant.org_id', '=', orgId)
        .where('grant.currency', '=', currency)
        .where('tranche.id', '!=', exceptId)
        .as('received'),
    ])
    .executeTakeFirstOrThrow();
  return {
    awardedMinor: Number(row.awarded ?? 0),
    spentMinor: Number(row.spent ?? 0),
    receivedMinor: Number(row.received ?? 0),
  };
}

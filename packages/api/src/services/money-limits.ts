import {
  type Actor,
  DomainError,
  type FieldErrors,
  formatMinorPlain,
  maxGrantTotalMinor,
  maxOrganizationTotalMinor,
  messageKey,
} from '@tessera/domain';
import { type Executor, type GrantMoneyTotals, sumGrantMoney, sumOrganizationMoney } from '@tessera/db';

/**
 * Service-level guards behind the per-record limit of the schemas: a write that would take one of
 * a grant's totals past `maxGrantTotalMinor`, or one of the organisation's totals in the grant's
 * currency past `maxOrganizationTotalMinor`, is refused with a field error before anything is
 * written. The sums are the database's; the additions are BigInt, so the check itself is exact.
 */

type GrantTotal = keyof GrantMoneyTotals;
type OrganizationTotal = 'awardedMinor' | 'spentMinor' | 'receivedMinor';

/** A new amount to add to a total, and the input field to blame if it goes past the limit. */
export interface AddedAmount {
  amountMinor: number | null;
  field: string;
}

function overLimit(total: number, added: number, limit: number): boolean {
  return BigInt(total) + BigInt(added) > BigInt(limit);
}

function limitText(limit: number, currency: string): string {
  return `${formatMinorPlain(limit, currency)} ${currency}`;
}

/**
 * Refuses amounts that would take a grant's totals (and the organisation's totals in `currency`)
 * past their limits. `exceptId` leaves out the record being edited, whose new amount is `added`.
 */
export async function refuseOverMoneyLimits(
  db: Executor,
  actor: Actor,
  grant: { id: string; currency: string },
  added: {
    grant?: Partial<Record<GrantTotal, AddedAmount>>;
    organization?: Partial<Record<OrganizationTotal, AddedAmount>>;
    /** Totals in the organisation's base currency (spent and received base) name that currency. */
    baseCurrency?: string;
  },
  exceptId = '',
): Promise<void> {
  const errors: FieldErrors = {};
  const blame = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  if (added.grant) {
    const totals = await sumGrantMoney(db, grant.id, exceptId);
    for (const [total, amount] of Object.entries(added.grant) as [GrantTotal, AddedAmount][]) {
      if (amount.amountMinor === null || !overLimit(totals[total], amount.amountMinor, maxGrantTotalMinor)) continue;
      const currency = total === 'spentBaseMinor' || total === 'receivedBaseMinor' ? added.baseCurrency : undefined;
      blame(
        amount.field,
        messageKey('validation.overGrantTotal', { max: limitText(maxGrantTotalMinor, currency ?? grant.currency) }),
      );
    }
  }
  if (added.organization) {
    const totals = await sumOrganizationMoney(db, actor.orgId, grant.currency, exceptId);
    for (const [total, amount] of Object.entries(added.organization) as [OrganizationTotal, AddedAmount][]) {
      if (amount.amountMinor === null || !overLimit(totals[total], amount.amountMinor, maxOrganizationTotalMinor))
        continue;
      blame(
        amount.field,
        messageKey('validation.overOrganizationTotal', {
          max: limitText(maxOrganizationTotalMinor, grant.currency),
        }),
      );
    }
  }
  if (Object.keys(errors).length > 0) {
    throw new DomainError('VALIDATION', 'This amount would take a total past what the product can hold exactly.', {
      fieldErrors: errors,
    });
  }
}

import type { Actor } from '@tessera/domain';
import { DomainError } from '@tessera/domain';
import { type Db, findOrganizationBySlug, type GrantSummary } from '@tessera/db';
import { importRatesCsv, type RateImportResult } from './exchange-rates.service';
import { listOrganizationGrants } from './grants.service';

/**
 * The admin CLI acts as the server's operator: an admin of the named organisation with no user
 * id (audit rows show no person). Each command runs in one transaction.
 */
async function operatorOf(db: Db, orgSlug: string): Promise<Actor> {
  const org = await findOrganizationBySlug(db, orgSlug);
  if (!org) throw new DomainError('NOT_FOUND', `No organisation with slug "${orgSlug}".`);
  return { userId: null, orgId: org.id, role: 'admin' };
}

export interface GrantLine extends GrantSummary {
  remainingMinor: number;
  /** Spent ÷ amount, or null for a grant of zero. */
  spentShare: number | null;
}

export async function grantsForCli(db: Db, orgSlug: string, now: Date): Promise<GrantLine[]> {
  return db.transaction().execute(async (trx) => {
    const grants = await listOrganizationGrants(trx, await operatorOf(trx, orgSlug), { search: '' }, now);
    return grants.map((g) => ({
      ...g,
      remainingMinor: g.amountMinor - g.spentMinor,
      spentShare: g.amountMinor > 0 ? g.spentMinor / g.amountMinor : null,
    }));
  });
}

export async function importRatesForCli(db: Db, orgSlug: string, csv: string): Promise<RateImportResult> {
  return db.transaction().execute(async (trx) => importRatesCsv(trx, await operatorOf(trx, orgSlug), csv));
}

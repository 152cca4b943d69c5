import type { Actor, ImportKind } from '@tessera/domain';
import { DomainError } from '@tessera/domain';
import { type Db, findOrganizationBySlug, type GrantSummary } from '@tessera/db';
import {
  commitImport,
  type ImportOutcome,
  organizationImportTemplateCsv,
  previewImport,
} from '../imports/import.service';
import type { ProgressListener } from '../imports/progress';
import type { ImportFile } from '../imports/read-file';
import { type ActivityWithTotals, listActivitiesWithTotals } from './delivery.service';
import { importRatesCsv, type RateImportResult } from './exchange-rates.service';
import { listOrganizationGrants } from './grants.service';
import type { ParticipantKeys } from './participants.service';

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
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
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

/** Every activity of the organisation with its exact counts (no participant is named): the operator acts as an admin. */
export async function activitiesForCli(db: Db, orgSlug: string): Promise<ActivityWithTotals[]> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const actor = await operatorOf(trx, orgSlug);
      const all: ActivityWithTotals[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await listActivitiesWithTotals(trx, actor, { search: '', limit: 500, offset });
        all.push(...page.items);
        if (page.items.length < 500 || all.length >= page.total) return all;
      }
    });
}

/** An import as the operator: checked only (dry run), or checked and written in one transaction. */
export async function importForCli(
  db: Db,
  orgSlug: string,
  keys: ParticipantKeys,
  kind: ImportKind,
  file: ImportFile,
  options: { dryRun: boolean; onProgress?: ProgressListener },
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const actor = await operatorOf(trx, orgSlug);
    return (options.dryRun ? previewImport : commitImport)(trx, actor, keys, kind, file, options.onProgress);
  });
}

export async function importTemplateForCli(db: Db, orgSlug: string, kind: ImportKind): Promise<string> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => organizationImportTemplateCsv(trx, await operatorOf(trx, orgSlug), kind));
}

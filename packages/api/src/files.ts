import type { Expenditure, MatchContribution } from '@tessera/domain';
import type { Db } from '@tessera/db';
import { actorFromToken } from './actor';
import { attachReceipt, readReceipt } from './services/expenditures.service';
import { attachMatchEvidence, readMatchEvidence } from './services/match.service';

/**
 * Receipt and match evidence files travel as plain HTTP (multipart upload, binary download), not tRPC. These are the
 * operations the host calls, each checking the session and role, then one transaction.
 */
/**
 * The session's actor when it may upload receipts and match evidence (`ledger.write`): the host
 * checks this before it takes a file-work turn and reads the body.
 */
export function ledgerFileUploadActor(db: Db, token: string | null, options: { now: Date; sessionLifetimeMs: number }) {
  return actorFromToken(db, token, 'ledger.write', options);
}

export async function uploadReceipt(
  db: Db,
  token: string | null,
  input: { expenditureId: string; fileName: string; content: Uint8Array },
  options: { now: Date; sessionLifetimeMs: number },
): Promise<Expenditure> {
  const actor = await actorFromToken(db, token, 'ledger.write', options);
  return db.transaction().execute((trx) => attachReceipt(trx, actor, input));
}

export async function downloadReceipt(
  db: Db,
  token: string | null,
  expenditureId: string,
  options: { now: Date; sessionLifetimeMs: number },
) {
  const actor = await actorFromToken(db, token, 'ledger.read', options);
  return db
    .transaction()
    .setAccessMode('read only')
    .execute((trx) => readReceipt(trx, actor, expenditureId));
}

export async function uploadMatchEvidence(
  db: Db,
  token: string | null,
  input: { contributionId: string; fileName: string; content: Uint8Array },
  options: { now: Date; sessionLifetimeMs: number },
): Promise<MatchContribution> {
  const actor = await actorFromToken(db, token, 'ledger.write', options);
  return db.transaction().execute((trx) => attachMatchEvidence(trx, actor, input));
}

export async function downloadMatchEvidence(
  db: Db,
  token: string | null,
  contributionId: string,
  options: { now: Date; sessionLifetimeMs: number },
) {
  const actor = await actorFromToken(db, token, 'ledger.read', options);
  return db
    .transaction()
    .setAccessMode('read only')
    .execute((trx) => readMatchEvidence(trx, actor, contributionId));
}

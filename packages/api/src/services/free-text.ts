import {
  type Actor,
  type CodeFinding,
  findParticipantCode,
  participantCodeFieldErrors,
  participantCodeMessage,
  uicLookalikes,
} from '@tessera/domain';
import { type Executor, existingParticipantCodes, findParticipantSettings, listFreeTextRecords } from '@tessera/db';
import { invalid } from './errors';

/**
 * Refuses a save whose free text names a participant code (the one rule in
 * `@tessera/domain` code-in-text.ts), before anything is written: every text a service stores
 * where finance staff, viewers, a network or an export can read it passes through here, with
 * the organisation's code prefix. Field errors name each field and the code found in it.
 */
export async function refuseParticipantCodes(
  db: Executor,
  actor: Actor,
  fields: Readonly<Record<string, string | null | undefined>>,
): Promise<void> {
  const { codePrefix } = await findParticipantSettings(db, actor.orgId);
  const fieldErrors = participantCodeFieldErrors(fields, { prefix: codePrefix });
  // All-letter UICs typed in lower case: refused where they are an issued code.
  for (const [path, value] of Object.entries(fields)) {
    if (!value || fieldErrors[path]) continue;
    const lookalikes = uicLookalikes(value);
    if (lookalikes.length === 0) continue;
    const issued = await existingParticipantCodes(
      db,
      actor.orgId,
      lookalikes.map((l) => l.code),
    );
    const found = lookalikes.find((l) => issued.has(l.code));
    if (found) fieldErrors[path] = [participantCodeMessage(found)];
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw invalid("This text names a participant code; codes never leave the coordinators' circle.", fieldErrors);
  }
}

/**
 * Records already holding a participant code in a text that leaves the circle (saved before the
 * rule, imported, or written straight into the database), for the admin to fix: which record and
 * field, and the record's title, never the text or the code itself.
 */
export async function listCodeFindings(db: Executor, actor: Actor): Promise<CodeFinding[]> {
  const { codePrefix } = await findParticipantSettings(db, actor.orgId);
  const findings: CodeFinding[] = [];
  for (const record of await listFreeTextRecords(db, actor.orgId)) {
    for (const [field, text] of Object.entries(record.texts)) {
      if (!text) continue;
      let found = findParticipantCode(text, { prefix: codePrefix });
      const lookalikes = found ? [] : uicLookalikes(text);
      if (lookalikes.length > 0) {
        const issued = await existingParticipantCodes(
          db,
          actor.orgId,
          lookalikes.map((l) => l.code),
        );
        found = lookalikes.find((l) => issued.has(l.code)) ?? null;
      }
      if (found) findings.push({ kind: record.kind, id: record.id, field, title: record.title, scheme: found.scheme });
    }
  }
  return findings;
}

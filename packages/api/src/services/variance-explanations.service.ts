import type { Actor, FieldErrors, ReportPack, SaveVarianceExplanationsInput } from '@tessera/domain';
import { messageKey } from '@tessera/domain';
import { type Executor, findReportPack, listBudgetLines, saveReportVarianceExplanations } from '@tessera/db';
import { audit } from './audit.service';
import { invalid, notFound, stale } from './errors';
import { refuseParticipantCodes } from './free-text';
import { getPack, refuseSubmitted } from './reports.service';
import type { SealKeys } from './report-freeze.service';

/**
 * The organisation's explanation of each budget line's variance, written on the pack page and
 * printed in the EU-style financial report. Saved with the pack at its version, as the narrative
 * is (a stale version is a conflict), refused once submitted, and held to the free-text rule:
 * the report leaves the organisation, so a text naming a participant code is a field error.
 * At submission they are frozen in the sealed content with the narrative.
 */
export async function saveVarianceExplanations(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: SaveVarianceExplanationsInput,
): Promise<ReportPack> {
  const pack = await findReportPack(db, actor.orgId, input.id);
  if (!pack) throw notFound('report');
  if (pack.version !== input.version) throw stale('report');
  refuseSubmitted(pack);
  const lines = await listBudgetLines(db, actor.orgId, pack.grantId);
  const codes = lines.map((l) => l.code);
  const unknown: FieldErrors = {};
  input.explanations.forEach((e, i) => {
    if (!codes.includes(e.code)) unknown[`explanations.${i}.code`] = [messageKey('validation.invalidChoice')];
  });
  if (Object.keys(unknown).length > 0) throw invalid('No budget line of this grant has that code.', unknown);
  await refuseParticipantCodes(
    db,
    actor,
    Object.fromEntries(input.explanations.map((e, i) => [`explanations.${i}.body`, e.body])),
  );
  // One entry per line, in the budget's order; later entries for a code win, empty ones remove.
  const bodies = new Map((pack.varianceExplanations ?? []).map((e) => [e.code, e.body]));
  for (const e of input.explanations) bodies.set(e.code, e.body);
  const explanations = codes
    .filter((code) => (bodies.get(code) ?? '').trim() !== '')
    .map((code) => ({ code, body: bodies.get(code) ?? '' }));
  if (!(await saveReportVarianceExplanations(db, actor.orgId, { id: pack.id, version: pack.version, explanations }))) {
    throw stale('report');
  }
  // Only the lines whose explanation changed.
  const before = new Map((pack.varianceExplanations ?? []).map((e) => [e.code, e.body]));
  const after = new Map(explanations.map((e) => [e.code, e.body]));
  const changed = [...new Set([...before.keys(), ...after.keys()])]
    .filter((code) => (before.get(code) ?? '') !== (after.get(code) ?? ''))
    .sort();
  if (changed.length > 0) {
    await audit(
      db,
      actor,
      'update',
      'report_pack',
      pack.id,
      changed.map((code) => `varianceExplanations.${code}` as const),
    );
  }
  return getPack(db, actor, keys, pack.id);
}

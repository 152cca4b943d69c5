import type {
  Actor,
  FunderKind,
  Locale,
  PreparePackInput,
  ReportPack,
  ReportPackContent,
  SaveNarrativeInput,
  SubmitPackInput,
} from '@tessera/domain';
import type { OutputKind } from '@tessera/domain';
import {
  can,
  DomainError,
  isUsFederal,
  locales,
  messageKey,
  narrativeSectionKeys,
  packForReader,
  sf425Lines,
} from '@tessera/domain';
import {
  type Executor,
  findDeadline,
  findFunder,
  findGrantByReference,
  findReportPack,
  findReportPackFor,
  insertReportPack,
  listDeadlines,
  listGrantIndicators,
  listReportPacks,
  markDeadlineSubmitted,
  markReportSubmitted,
  packOutputs,
  type ResultsScope,
  saveReportNarrative,
  saveReportVarianceExplanations,
} from '@tessera/db';
import { requireLatticePeriod } from './period-lattice.service';
import { audit } from './audit.service';
import { invalid, notFound, stale } from './errors';
import { refuseParticipantCodes } from './free-text';
import { requireGrant, requireOrganization } from './grants.service';
import { type Family, orgRelease } from './org-release.service';
import { activityRows, financeOf, reachOf } from './report-figures.service';
import {
  asSent,
  freezeSubmitted,
  frozenContent,
  protectNewVersion,
  type SealKeys,
  withFrozenNarrative,
} from './report-freeze.service';
import { indicatorResults } from './results.service';

/**
 * Report packs: one grant, one period. The stored pack holds the narrative and the status; a
 * draft's figures are worked out from the data whenever it is shown or exported, so the screen,
 * the PDF, the spreadsheet and the CSV files always agree. A submitted pack is frozen as sent
 * (report-freeze.service): shown and exported from its snapshot, never recomputed. Every count of people is suppressed below the
 * organisation's threshold here, for every role: this is what leaves the organisation.
 */

export async function listPacks(db: Executor, actor: Actor, keys: SealKeys, grantId: string): Promise<ReportPack[]> {
  await requireGrant(db, actor, grantId);
  const packs = await listReportPacks(db, actor.orgId, grantId);
  return Promise.all(packs.map((pack) => withFrozenNarrative(db, actor, keys, pack)));
}

/** The stored pack; a frozen pack's narrative is only in its sealed snapshot (see `getPack`). */
async function storedPack(db: Executor, actor: Actor, id: string): Promise<ReportPack> {
  const pack = await findReportPack(db, actor.orgId, id);
  if (!pack) throw notFound('report');
  return pack;
}

export async function getPack(db: Executor, actor: Actor, keys: SealKeys, id: string): Promise<ReportPack> {
  return withFrozenNarrative(db, actor, keys, await storedPack(db, actor, id));
}

/**
 * Opens the draft for a grant and period, creating it (linked to the matching deadline) if new.
 * Once the period's pack is submitted, preparing it again makes a new version (edition 2, 3, …)
 * that replaces the submitted one: the submitted pack itself never changes. The new version
 * starts from the narrative as it was sent (opened from the sealed snapshot with `keys`), so a
 * correction does not mean writing the report again.
 */
export async function preparePack(
  db: Executor,
  actor: Actor,
  input: PreparePackInput,
  keys?: SealKeys,
): Promise<ReportPack> {
  const grant = await requireGrant(db, actor, input.grantId);
  // A pack leaves the organisation: its period comes from the lattice, whoever prepares it.
  await requireLatticePeriod(db, actor, { grantId: grant.id }, input);
  const existing = await findReportPackFor(db, actor.orgId, grant.id, input);
  if (existing && existing.status !== 'submitted') return existing;
  const deadlines = await listDeadlines(db, actor.orgId, { grantId: grant.id });
  const matching = deadlines.filter((d) => d.periodStart === input.from && d.periodEnd === input.to);
  const deadline = matching.find((d) => d.submittedDate === null) ?? matching[0] ?? null;
  await insertReportPack(db, actor.orgId, {
    grantId: grant.id,
    from: input.from,
    to: input.to,
    deadlineId: existing ? existing.deadlineId : (deadline?.id ?? null),
    edition: existing ? existing.edition + 1 : 1,
    replacesId: existing?.id ?? null,
  });
  let created = await findReportPackFor(db, actor.orgId, grant.id, input);
  if (!created) throw notFound('report');
  if (created.id !== existing?.id) {
    await audit(db, actor, 'create', 'report_pack', created.id, existing ? ['period', 'edition'] : ['period']);
  }
  if (existing && keys && created.id !== existing.id) {
    const sent = await withFrozenNarrative(db, actor, keys, existing);
    if (sent.narrative.some((section) => section.body !== '')) {
      await saveReportNarrative(db, actor.orgId, {
        id: created.id,
        version: created.version,
        narrative: sent.narrative,
      });
      created = (await findReportPackFor(db, actor.orgId, grant.id, input)) ?? created;
    }
    if ((sent.varianceExplanations ?? []).length > 0) {
      await saveReportVarianceExplanations(db, actor.orgId, {
        id: created.id,
        version: created.version,
        explanations: sent.varianceExplanations ?? [],
      });
      created = (await findReportPackFor(db, actor.orgId, grant.id, input)) ?? created;
    }
  }
  return created;
}

/** A submitted pack is frozen as sent: nothing written with it may change. */
export function refuseSubmitted(pack: ReportPack) {
  if (pack.status === 'submitted') {
    throw invalid('This report has been submitted and can no longer change.', {
      id: [messageKey('validation.packSubmitted')],
    });
  }
}

export async function saveNarrative(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: SaveNarrativeInput,
): Promise<ReportPack> {
  const pack = await storedPack(db, actor, input.id);
  if (pack.version !== input.version) throw stale('report');
  refuseSubmitted(pack);
  await refuseParticipantCodes(
    db,
    actor,
    Object.fromEntries(input.sections.map((section, i) => [`sections.${i}.body`, section.body])),
  );
  // One entry per section, in the template's order; later entries for a key win.
  const bodies = new Map(pack.narrative.map((s) => [s.key, s.body]));
  for (const section of input.sections) bodies.set(section.key, section.body);
  const narrative = narrativeSectionKeys
    .filter((key) => (bodies.get(key) ?? '').trim() !== '')
    .map((key) => ({ key, body: bodies.get(key) ?? '' }));
  if (!(await saveReportNarrative(db, actor.orgId, { id: pack.id, version: pack.version, narrative }))) {
    throw stale('report');
  }
  // Only the sections whose text changed: saving one section must not log all seven.
  const before = new Map(pack.narrative.map((s) => [s.key, s.body]));
  const after = new Map(narrative.map((s) => [s.key, s.body]));
  const changed = narrativeSectionKeys.filter((key) => (before.get(key) ?? '') !== (after.get(key) ?? ''));
  if (changed.length > 0) {
    await audit(
      db,
      actor,
      'update',
      'report_pack',
      pack.id,
      changed.map((key) => `narrative.${key}` as const),
    );
  }
  return getPack(db, actor, keys, pack.id);
}

/**
 * Marks the pack submitted, closes the reporting deadline for the same grant and period, and
 * freezes the pack as sent: its content, worked out once here, and the files the funder gets.
 */
export async function submitPack(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: SubmitPackInput,
  now: Date,
): Promise<ReportPack> {
  const pack = await storedPack(db, actor, input.id);
  if (pack.version !== input.version) throw stale('report');
  refuseSubmitted(pack);
  if (input.submittedDate < pack.periodStart) {
    throw invalid('A report cannot be submitted before its period starts.', {
      submittedDate: [messageKey('validation.invalidDate')],
    });
  }
  let deadlineId = pack.deadlineId;
  if (!deadlineId) {
    const deadlines = await listDeadlines(db, actor.orgId, { grantId: pack.grantId, openOnly: true });
    deadlineId =
      deadlines.find((d) => d.periodStart === pack.periodStart && d.periodEnd === pack.periodEnd)?.id ?? null;
  }
  const ok = await markReportSubmitted(db, actor.orgId, {
    id: pack.id,
    version: pack.version,
    submittedDate: input.submittedDate,
    deadlineId,
  });
  if (!ok) throw stale('report');
  // The pack answers every open deadline of its grant for exactly its period (narrative and
  // financial alike), and the one it was prepared for.
  const open = await listDeadlines(db, actor.orgId, { grantId: pack.grantId, openOnly: true });
  const closing = new Set(
    open.filter((d) => d.periodStart === pack.periodStart && d.periodEnd === pack.periodEnd).map((d) => d.id),
  );
  if (deadlineId) closing.add(deadlineId);
  for (const id of closing) await markDeadlineSubmitted(db, actor.orgId, id, input.submittedDate);
  const submitted = await storedPack(db, actor, pack.id);
  const content = await wholeContent(db, actor, keys, { id: pack.id }, now);
  const org = await requireOrganization(db, actor);
  await freezeSubmitted(db, actor, keys, { pack: submitted, content, orgLocale: org.defaultLocale, now });
  await audit(db, actor, 'update', 'report_pack', pack.id, ['status', 'submittedDate', 'frozenContent', 'files']);
  return getPack(db, actor, keys, pack.id);
}

// ---------------------------------------------------------------------------------------------
// Content

/**
 * Everything a report pack shows, worked out in the database and suppressed for export.
 * No participant code, name, contact or id is in it. A submitted pack answers with its frozen
 * snapshot, as sent; a new version is checked against the versions already released.
 */
export async function packContent(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: { id: string; locale?: Locale | undefined },
  now: Date,
): Promise<ReportPackContent> {
  return packForReader(await wholeContent(db, actor, keys, input, now), can(actor.role, 'ledger.read'));
}

/** The content before it is cut to its reader: what is frozen at submission, whoever submits. */
async function wholeContent(
  db: Executor,
  actor: Actor,
  keys: SealKeys,
  input: { id: string; locale?: Locale | undefined },
  now: Date,
): Promise<ReportPackContent> {
  const pack = await storedPack(db, actor, input.id);
  const frozen = await frozenContent(db, actor, keys, pack);
  if (frozen) return asSent(frozen, pack, input.locale);
  const content = await workOutContent(db, actor, pack, input.locale, now);
  return protectNewVersion(db, actor, keys, pack, content);
}

async function workOutContent(
  db: Executor,
  actor: Actor,
  pack: ReportPack,
  requestedLocale: Locale | undefined,
  now: Date,
): Promise<ReportPackContent> {
  const grant = await requireGrant(db, actor, pack.grantId);
  const org = await requireOrganization(db, actor);
  const funder = await findFunder(db, actor.orgId, grant.funderId);
  const k = org.suppressionThreshold;
  const period = { from: pack.periodStart, to: pack.periodEnd };
  const scope: ResultsScope = { grantId: grant.id };
  // The pack's people figures are decided with every other people figure of the organisation,
  // over every scope, group and period a reader may ask for, so no two packs (nor a pack and a
  // results view of a project, an activity or a filter) differ by a small group (ADR 0012).
  const release = await orgRelease(db, actor, k);
  const grantActivities = release.scopeOf(scope);
  const withheld = (figure: string) => {
    const [family, split] = figure.split('/', 2) as [Family, string | undefined];
    if (split?.startsWith('activity=')) return !release.shown([split.slice('activity='.length)], family, null, period);
    return !release.shown(grantActivities, family, split ?? null, period);
  };
  const [activities, outputs, reach, finance, indicators] = await Promise.all([
    activityRows(db, actor.orgId, scope, period, k, withheld),
    packOutputs(db, actor.orgId, scope, period),
    reachOf(db, actor.orgId, scope, period, k, withheld),
    financeOf(db, actor.orgId, grant, org.baseCurrency, period),
    listGrantIndicators(db, actor.orgId, grant.id),
  ]);
  const indicatorRows = await indicatorResults(db, actor, indicators, period, k);
  const deadline = pack.deadlineId ? await findDeadline(db, actor.orgId, pack.deadlineId) : undefined;
  const funderInfo = {
    name: funder?.name ?? grant.funderName,
    kind: (funder?.kind ?? 'other') as FunderKind,
    country: funder?.country ?? null,
  };
  const { raw, ...reachShown } = reach;
  const empty =
    reach.sessionsHeld === 0 &&
    raw.participants === 0 &&
    raw.headCount === 0 &&
    outputs.length === 0 &&
    finance.total.spentPeriodMinor === 0 &&
    !finance.tranches.some((t) => t.receivedDate !== null && t.receivedDate >= period.from);
  const locale: Locale =
    requestedLocale ??
    ((locales as readonly string[]).includes(org.defaultLocale) ? (org.defaultLocale as Locale) : 'en');
  return {
    pack,
    generatedAt: now.toISOString(),
    locale,
    organization: {
      name: org.name,
      country: org.country,
      baseCurrency: org.baseCurrency,
      suppressionThreshold: k,
    },
    grant: {
      id: grant.id,
      title: grant.title,
      reference: grant.reference,
      currency: grant.currency,
      amountMinor: grant.amountMinor,
      costShareMinor: grant.costShareMinor,
      startDate: grant.startDate,
      endDate: grant.endDate,
      funder: funderInfo,
    },
    period,
    deadline: deadline
      ? { id: deadline.id, kind: deadline.kind, dueDate: deadline.dueDate, submittedDate: deadline.submittedDate }
      : null,
    empty,
    activities,
    outputs: outputs.map((o) => ({ ...o, kind: o.kind as OutputKind })),
    reach: reachShown,
    indicators: indicatorRows,
    finance,
    sf425: isUsFederal(funderInfo, grant.currency)
      ? {
          reportingPeriodEnd: period.to,
          projectPeriod: { from: grant.startDate, to: grant.endDate },
          // At the actual rates: what the spending cost at the rate the federal cash came in at
          // (ADR 0016), not at the rate table's.
          lines: sf425Lines({
            cashReceiptsMinor: finance.cash.receivedMinor,
            cashDisbursementsMinor: finance.exchange?.spentAtActualRatesMinor ?? finance.cash.spentMinor,
            authorisedMinor: grant.amountMinor,
            federalExpendituresMinor: finance.exchange?.spentAtActualRatesMinor ?? finance.cash.spentMinor,
            unliquidatedObligationsMinor: 0,
            costShareRequiredMinor: finance.match?.toDate.requiredMinor ?? 0,
            recipientExpendituresMinor: finance.match?.toDate.contributedMinor ?? 0,
            programIncomeEarnedMinor: 0,
            programIncomeDeductionMinor: 0,
            programIncomeAdditionMinor: 0,
          }),
        }
      : null,
  };
}

/**
 * For the CLI: the latest pack for a grant reference and period (a submitted one as it was
 * sent), prepared as a draft if there is none.
 */
export async function packForReference(
  db: Executor,
  actor: Actor,
  input: { reference: string; from: string; to: string },
): Promise<ReportPack> {
  const grant = await findGrantByReference(db, actor.orgId, input.reference);
  if (!grant)
    throw new DomainError('NOT_FOUND', `No grant with the reference ${input.reference} in this organisation.`);
  const existing = await findReportPackFor(db, actor.orgId, grant.id, input);
  return existing ?? preparePack(db, actor, { grantId: grant.id, from: input.from, to: input.to });
}

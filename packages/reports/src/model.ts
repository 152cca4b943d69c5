import {
  ageBands,
  budgetsOf,
  genders,
  type Disaggregation,
  type IndicatorResultRow,
  narrativeSectionKeys,
  type NarrativeSectionKey,
  naturalQuote,
  type ReportPackContent,
  type Shown,
  shownText,
  suppressedMark,
} from '@tessera/domain';
import { type Catalog, fill } from './i18n';

/**
 * The pack's tables in one neutral shape, built once from `ReportPackContent` and drawn by each
 * renderer: the PDF formats cells for reading, the XLSX writes numbers as numbers, the CSV as
 * plain decimals. So a column means the same thing in every file.
 */

export type Cell =
  | { kind: 'text'; text: string }
  /** A quantity (hours, sessions, targets): never suppressed. */
  | { kind: 'number'; value: number }
  /** A count of people, or a figure hidden with one. */
  | { kind: 'shown'; value: Shown }
  | { kind: 'money'; minor: number; currency: string }
  /** 85.3 means 85.3 %. */
  | { kind: 'percent'; value: number }
  /** 'YYYY-MM-DD'. */
  | { kind: 'date'; iso: string }
  | { kind: 'blank' };

export interface Column {
  label: string;
  /** Free text that may wrap: gets the spare width in the PDF. */
  wide?: boolean;
  /** Left out of the PDF (too wide to print) or out of the spreadsheets (a PDF-only summary). */
  only?: 'pdf' | 'data';
}

export interface Table {
  /** File stem in the CSV zip ("activities", "reach-gender"). */
  name: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** A totals row, drawn bold after the rows. */
  total?: Cell[];
}

/**
 * The footnote to the one neutral mark of a hidden figure ("x: not shown, to protect people in
 * small groups"), in the catalog's language: on every export that can carry the mark.
 */
export function suppressionFootnote(L: Catalog): string {
  return fill(L.meta.suppressionNote, { mark: suppressedMark });
}

export const text = (value: string | null | undefined): Cell =>
  value === null || value === undefined || value === '' ? { kind: 'blank' } : { kind: 'text', text: value };
export const num = (value: number | null): Cell => (value === null ? { kind: 'blank' } : { kind: 'number', value });
export const shown = (value: Shown | null): Cell => (value === null ? { kind: 'blank' } : { kind: 'shown', value });
export const money = (minor: number | null, currency: string): Cell =>
  minor === null ? { kind: 'blank' } : { kind: 'money', minor, currency };
export const percent = (value: number | null): Cell =>
  value === null || !Number.isFinite(value) ? { kind: 'blank' } : { kind: 'percent', value };
export const date = (iso: string | null): Cell => (iso ? { kind: 'date', iso: iso.slice(0, 10) } : { kind: 'blank' });

export function isNumeric(cell: Cell): boolean {
  return cell.kind === 'number' || cell.kind === 'shown' || cell.kind === 'money' || cell.kind === 'percent';
}

// ---------------------------------------------------------------------------------------------

/** A group key of a breakdown in words: enum values get their label, cities stay as written. */
export function groupLabel(L: Catalog, dimension: Disaggregation, key: string): string {
  if (key === '') return L.meta.notStated;
  if (dimension === 'gender' && (genders as readonly string[]).includes(key)) {
    return L.gender[key as keyof Catalog['gender']];
  }
  if (dimension === 'ageBand' && (ageBands as readonly string[]).includes(key)) {
    return L.ageBand[key as keyof Catalog['ageBand']];
  }
  return key;
}

export function narrativeRows(
  c: ReportPackContent,
  L: Catalog,
): { key: NarrativeSectionKey; title: string; body: string | null }[] {
  return narrativeSectionKeys.map((key) => {
    const body = c.pack.narrative.find((s) => s.key === key)?.body.trim() ?? '';
    return { key, title: L.narrativeSection[key], body: body === '' ? null : body };
  });
}

export function narrativeTable(c: ReportPackContent, L: Catalog): Table {
  return {
    name: 'narrative',
    title: L.parts.narrative,
    columns: [{ label: L.narrative.section }, { label: L.narrative.text, wide: true }],
    rows: narrativeRows(c, L).map((s) => [text(s.title), text(s.body)]),
  };
}

export function activitiesTable(c: ReportPackContent, L: Catalog): Table {
  const a = L.activity;
  return {
    name: 'activities',
    title: L.parts.activities,
    columns: [
      { label: a.reference },
      { label: a.title, wide: true },
      { label: a.kind },
      { label: a.project, wide: true },
      { label: a.city },
      { label: a.startDate },
      { label: a.endDate },
      { label: a.sessionsHeld },
      { label: a.hoursDelivered },
      { label: a.participants },
      { label: a.participantHours },
      { label: a.completions },
      { label: a.headCount },
    ],
    rows: c.activities.map((r) => [
      text(r.reference),
      text(r.title),
      text(L.activityKind[r.kind]),
      text(r.project),
      text(r.city),
      date(r.startDate),
      date(r.endDate),
      num(r.sessionsHeld),
      num(r.hoursDelivered),
      shown(r.participants),
      shown(r.participantHours),
      shown(r.completions),
      shown(r.headCount),
    ]),
  };
}

export function outputsTable(c: ReportPackContent, L: Catalog): Table {
  const o = L.output;
  return {
    name: 'outputs',
    title: L.parts.outputs,
    columns: [
      { label: o.activity, wide: true },
      { label: o.kind },
      { label: o.title, wide: true },
      { label: o.quantity },
      { label: o.date },
      { label: o.link, wide: true },
    ],
    rows: c.outputs.map((r) => [
      text(r.activity),
      text(L.outputKind[r.kind]),
      text(r.title),
      num(r.quantity),
      date(r.date),
      text(r.link),
    ]),
  };
}

export function reachTotalsTable(c: ReportPackContent, L: Catalog): Table {
  const r = L.reach;
  return {
    name: 'reach-totals',
    title: r.totals,
    columns: [{ label: r.measure, wide: true }, { label: r.value }],
    rows: [
      [text(r.participants), shown(c.reach.participants)],
      [text(r.participantHours), shown(c.reach.participantHours)],
      [text(r.completions), shown(c.reach.completions)],
      [text(r.headCount), shown(c.reach.headCount)],
      [text(r.sessionsHeld), num(c.reach.sessionsHeld)],
    ],
  };
}

export function reachBreakdownTables(c: ReportPackContent, L: Catalog): Table[] {
  const r = L.reach;
  return c.reach.breakdowns.map((b) => ({
    name: `reach-${b.dimension}`,
    title: fill(r.byDimension, { dimension: L.disaggregation[b.dimension] }),
    columns: [
      { label: L.disaggregation[b.dimension], wide: true },
      { label: r.participants },
      { label: r.participantHours },
      { label: r.completions },
    ],
    rows: b.rows.map((row) => [
      text(groupLabel(L, b.dimension, row.key)),
      shown(row.participants),
      shown(row.hours),
      shown(row.completions),
    ]),
    total: [text(L.meta.total), shown(b.total.participants), shown(b.total.hours), shown(b.total.completions)],
  }));
}

export function headCountsTable(c: ReportPackContent, L: Catalog): Table {
  const h = c.reach.headCounts;
  return {
    name: 'head-counts',
    title: L.parts.headCounts,
    columns: [
      { label: L.reach.genderByAgeBand, wide: true },
      ...h.ageBands.map((band) => ({ label: L.ageBand[band] })),
      { label: L.meta.total },
    ],
    rows: h.genders.map((gender, g) => [
      text(L.gender[gender]),
      ...h.ageBands.map((_, a) => shown(h.cells[g]?.[a] ?? null)),
      shown(h.genderTotals[g] ?? null),
    ]),
    total: [text(L.meta.total), ...h.ageBands.map((_, a) => shown(h.ageBandTotals[a] ?? null)), shown(h.total)],
  };
}

/** "Gender: Woman 12, Man x (total 15)" per split, for one indicator. */
export function disaggregationText(
  row: IndicatorResultRow,
  L: Catalog,
  formatNumber: (value: number) => string = String,
): string {
  return row.disaggregation
    .map((d) => {
      const parts = d.rows.map((r) => `${groupLabel(L, d.dimension, r.key)} ${shownText(r.value, formatNumber)}`);
      return `${L.disaggregation[d.dimension]}: ${parts.join(', ')} (${L.meta.total} ${shownText(d.total, formatNumber)})`;
    })
    .join('; ');
}

export function meansOfVerificationText(row: IndicatorResultRow): string {
  const m = row.meansOfVerification;
  return [m.dataSource, m.collectionMethod, m.frequency, m.responsible].filter((v) => v && v.trim() !== '').join('; ');
}

export function indicatorsTable(c: ReportPackContent, L: Catalog, formatNumber?: (value: number) => string): Table {
  const i = L.indicator;
  return {
    name: 'indicators',
    title: L.parts.indicators,
    columns: [
      { label: i.level },
      { label: i.resultStatement, wide: true, only: 'data' },
      { label: i.code },
      { label: i.name, wide: true },
      { label: i.definition, wide: true, only: 'data' },
      { label: i.unit },
      { label: i.type, only: 'data' },
      { label: i.direction, only: 'data' },
      { label: i.baseline },
      { label: i.baselineYear, only: 'data' },
      { label: i.periodTarget },
      { label: i.actual },
      { label: i.cumulative },
      { label: i.achievedPeriod },
      { label: i.lifeTarget },
      { label: i.achievedLife, only: 'data' },
      { label: i.explanationNeeded, only: 'data' },
      { label: i.comment, wide: true, only: 'data' },
      { label: i.meansOfVerification, wide: true, only: 'pdf' },
      { label: i.dataSource, only: 'data' },
      { label: i.collectionMethod, only: 'data' },
      { label: i.frequency, only: 'data' },
      { label: i.responsible, only: 'data' },
      { label: i.disaggregation, wide: true, only: 'data' },
    ],
    rows: c.indicators.map((r) => [
      text(L.indicatorLevel[r.level]),
      text(r.resultStatement),
      text(r.code),
      text(r.name),
      text(r.definition),
      text(r.unit),
      text(L.indicatorType[r.type]),
      text(L.indicatorDirection[r.direction]),
      num(r.baseline),
      num(r.baselineYear),
      num(r.periodTarget),
      shown(r.actual),
      shown(r.cumulative),
      percent(r.achievedPeriod),
      num(r.lifeTarget),
      percent(r.achievedLife),
      text(r.needsExplanation ? L.meta.yes : L.meta.no),
      text(r.comment),
      text(meansOfVerificationText(r)),
      text(r.meansOfVerification.dataSource),
      text(r.meansOfVerification.collectionMethod),
      text(r.meansOfVerification.frequency),
      text(r.meansOfVerification.responsible),
      text(disaggregationText(r, L, formatNumber)),
    ]),
  };
}

export function financeTable(c: ReportPackContent, L: Catalog): Table {
  const f = L.finance;
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  const inCur = (label: string) => fill(L.meta.withCurrency, { label, currency: cur });
  const t = c.finance.total;
  return {
    name: 'finance',
    title: L.parts.finance,
    columns: [
      { label: f.code },
      { label: f.category, wide: true },
      { label: f.description, wide: true },
      { label: inCur(f.originalBudget) },
      { label: inCur(f.revisedBudget) },
      { label: inCur(f.budget) },
      { label: inCur(f.spentPeriod) },
      { label: inCur(f.spentToDate) },
      { label: fill(f.spentToDateBase, { currency: base }) },
      { label: inCur(f.remaining) },
      { label: inCur(f.variance) },
      { label: f.variancePercent },
    ],
    rows: c.finance.lines.map((l) => [
      text(l.code),
      text(l.category),
      text(l.description),
      money(budgetsOf(l).originalMinor, cur),
      money(budgetsOf(l).revisedMinor, cur),
      money(l.budgetMinor, cur),
      money(l.spentPeriodMinor, cur),
      money(l.spentToDateMinor, cur),
      money(l.spentToDateBaseMinor, base),
      money(l.remainingMinor, cur),
      money(l.varianceMinor, cur),
      percent(l.variancePercent),
    ]),
    total: [
      text(L.meta.total),
      { kind: 'blank' },
      { kind: 'blank' },
      money(budgetsOf(t).originalMinor, cur),
      money(budgetsOf(t).revisedMinor, cur),
      money(t.budgetMinor, cur),
      money(t.spentPeriodMinor, cur),
      money(t.spentToDateMinor, cur),
      money(t.spentToDateBaseMinor, base),
      money(t.remainingMinor, cur),
      money(t.varianceMinor, cur),
      percent(t.variancePercent),
    ],
  };
}

export function tranchesTable(c: ReportPackContent, L: Catalog): Table {
  const tr = L.tranche;
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  const inCur = (label: string) => fill(L.meta.withCurrency, { label, currency: cur });
  return {
    name: 'tranches',
    title: L.parts.tranches,
    columns: [
      { label: tr.expectedDate },
      { label: inCur(tr.expectedAmount) },
      { label: tr.receivedDate },
      { label: inCur(tr.receivedAmount) },
      { label: fill(tr.receivedBase, { currency: base }) },
    ],
    rows: c.finance.tranches.map((t) => [
      date(t.expectedDate),
      money(t.expectedAmountMinor, cur),
      t.receivedDate ? date(t.receivedDate) : text(tr.notYet),
      money(t.receivedAmountMinor, cur),
      money(t.receivedBaseMinor, base),
    ]),
  };
}

export function cashTable(c: ReportPackContent, L: Catalog): Table {
  const k = L.cash;
  const cash = c.finance.cash;
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  return {
    name: 'cash',
    title: k.title,
    columns: [
      { label: k.item, wide: true },
      { label: fill(k.inCurrency, { currency: cur }) },
      { label: fill(k.inCurrency, { currency: base }) },
    ],
    rows: [
      [text(k.received), money(cash.receivedMinor, cur), money(cash.receivedBaseMinor, base)],
      [text(k.spent), money(cash.spentMinor, cur), money(cash.spentBaseMinor, base)],
      [text(k.onHand), money(cash.onHandMinor, cur), money(cash.onHandBaseMinor, base)],
      ...exchangeRows(c, L),
    ],
  };
}

/** "1 USD = 53.9 MKD" with the report language's decimal mark; the digits are the stored ones. */
function rateOfReceipt(c: ReportPackContent, rate: string): Record<string, string> {
  const quote = naturalQuote(rate, c.finance.currency, c.finance.baseCurrency, c.finance.baseCurrency);
  return { ...quote, value: c.locale === 'en' ? quote.value : quote.value.replace('.', ',') };
}

/**
 * The reconciliation of cash on hand (ADR 0016): the grant's books at the rate of receipt, the
 * realised exchange difference, the bank. Each column adds up exactly.
 */
export function exchangeRows(c: ReportPackContent, L: Catalog): Cell[][] {
  const x = c.finance.exchange;
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  if (!x || cur === base) return [];
  const k = L.cash;
  const difference = x.differenceBaseMinor > 0 ? k.gain : x.differenceBaseMinor < 0 ? k.loss : k.difference;
  return [
    [
      text(fill(k.books, rateOfReceipt(c, x.rateOfReceipt))),
      money(x.onHandMinor, cur),
      money(x.onHandAtReceiptRateBaseMinor, base),
    ],
    [text(difference), money(x.differenceMinor, cur), money(x.differenceBaseMinor, base)],
    [text(k.bank), money(x.onHandAtActualRatesMinor, cur), money(x.onHandBaseMinor, base)],
  ];
}

/**
 * Cost share and match (co-financing) for the period and cumulatively, against the required
 * match; null for a pack frozen before match was kept.
 */
export function matchTable(c: ReportPackContent, L: Catalog): Table | null {
  const match = c.finance.match;
  if (!match) return null;
  const k = L.match;
  const cur = c.finance.currency;
  const { period, toDate } = match;
  return {
    name: 'co-financing',
    title: k.title,
    columns: [
      { label: k.item, wide: true },
      { label: fill(k.period, { currency: cur }) },
      { label: fill(k.toDate, { currency: cur }) },
    ],
    rows: [
      [text(k.required), { kind: 'blank' }, money(toDate.requiredMinor, cur)],
      [text(k.cash), money(period.cashMinor, cur), money(toDate.cashMinor, cur)],
      [text(k.inKind), money(period.inKindMinor, cur), money(toDate.inKindMinor, cur)],
      [text(k.contributed), money(period.contributedMinor, cur), money(toDate.contributedMinor, cur)],
      [text(k.remaining), { kind: 'blank' }, money(toDate.remainingMinor, cur)],
      [text(k.met), { kind: 'blank' }, percent(toDate.metShare === null ? null : toDate.metShare * 100)],
    ],
  };
}

/** Notes that belong under the finance table. */
export function financeNotes(c: ReportPackContent, L: Catalog): string[] {
  const notes = [L.finance.budgetsNote, L.finance.varianceNote];
  const x = c.finance.exchange;
  if (x && c.finance.currency !== c.finance.baseCurrency) {
    notes.push(fill(L.finance.exchangeNote, { ...rateOfReceipt(c, x.rateOfReceipt), currency: c.finance.currency }));
  }
  if (c.finance.unconvertedCount > 0) {
    notes.push(fill(L.finance.unconverted, { count: c.finance.unconvertedCount, currency: c.finance.baseCurrency }));
  }
  return notes;
}

/** The cover facts as label and cell, for the spreadsheet and CSV cover (the PDF lays out its own). */
export function coverTable(c: ReportPackContent, L: Catalog): Table {
  const m = L.meta;
  const rows: Cell[][] = [
    [text(m.organisation), text(c.organization.name)],
    [text(m.grant), text(c.grant.title)],
    [text(m.funder), text(c.grant.funder.name)],
    [text(m.grantReference), text(c.grant.reference)],
    [text(m.period), text(fill(m.periodRange, { from: c.period.from, to: c.period.to }))],
    [text(m.grantPeriod), text(fill(m.periodRange, { from: c.grant.startDate, to: c.grant.endDate }))],
    [text(m.grantAmount), money(c.grant.amountMinor, c.grant.currency)],
  ];
  if (c.grant.costShareMinor !== null) rows.push([text(m.costShare), money(c.grant.costShareMinor, c.grant.currency)]);
  rows.push(
    [text(m.currency), text(c.grant.currency)],
    [text(m.baseCurrency), text(c.finance.baseCurrency)],
    [
      text(m.status),
      text(
        c.pack.status === 'submitted' && c.pack.submittedDate
          ? `${L.status.submitted} (${c.pack.submittedDate})`
          : L.status[c.pack.status],
      ),
    ],
  );
  if (c.deadline) {
    rows.push([text(m.deadline), text(`${L.deadlineKind[c.deadline.kind]}, ${c.deadline.dueDate}`)]);
  }
  rows.push([text(m.generated), date(c.generatedAt)]);
  if (c.empty) rows.push([text(m.note), text(m.emptyPeriod)]);
  rows.push([text(m.note), text(suppressionFootnote(L))]);
  return {
    name: 'cover',
    title: L.parts.cover,
    columns: [{ label: m.field }, { label: m.value, wide: true }],
    rows,
  };
}

import { naturalQuote, type ReportPackContent, reportTypeOf } from '@tessera/domain';
import { type Catalog, fill } from './i18n';
import { type Cell, date, money, type Table, text } from './model';

/**
 * The parts of a funder's financial report beyond the budget table: its title by report type,
 * the sentence saying which exchange rates were used, and the list of expenditure. Built from
 * the content alone, like the other tables (model.ts).
 */

/** "Semi-annual financial report" and so on: the type follows the period (domain `reportTypeOf`). */
export function financialReportTitle(c: ReportPackContent, L: Catalog): string {
  switch (reportTypeOf(c.period, c.grant)) {
    case 'quarterly':
      return L.eu.titleQuarterly;
    case 'semiAnnual':
      return L.eu.titleSemiAnnual;
    case 'annual':
      return L.eu.titleAnnual;
    case 'final':
      return L.eu.titleFinal;
    default:
      return L.eu.titleInterim;
  }
}

/**
 * Which rates turned spending in other currencies into the grant currency, as one sentence in
 * the report's language; null for a pack frozen before the rates' sources were kept.
 */
export function rateMethodText(c: ReportPackContent, L: Catalog): string | null {
  const sources = c.finance.rateSources;
  if (!sources) return null;
  const currency = c.finance.currency;
  if (sources.table === 0 && sources.typed === 0) return fill(L.eu.rateNone, { currency });
  const sentence =
    sources.typed === 0
      ? fill(L.eu.rateTable, { currency })
      : sources.table === 0
        ? fill(L.eu.rateTyped, { currency })
        : fill(L.eu.rateMixed, { currency, typed: sources.typed, table: sources.table });
  return `${sentence} ${L.eu.rateListNote}`;
}

/**
 * The period's list of expenditure (date, budget line, payee, description, amount as paid and in
 * the grant currency, the rate and where it came from, receipt reference), with a total in the
 * grant currency; null for a pack frozen before the list was kept. Payees, descriptions and
 * receipt references are blank for a reader without access to the ledger (`withheldNote`).
 */
export function expenditureTable(c: ReportPackContent, L: Catalog): Table | null {
  const list = c.finance.expenditures;
  if (!list) return null;
  const e = L.eu;
  const cur = c.finance.currency;
  const source = { same: e.rateSame, table: e.rateFromTable, typed: e.rateFromPayment } as const;
  return {
    name: 'expenditure-list',
    title: e.expenditureList,
    columns: [
      { label: e.date },
      { label: e.line },
      { label: e.payee, wide: true },
      { label: e.description, wide: true },
      { label: e.amountPaid },
      { label: e.paidCurrency },
      { label: e.rate },
      { label: e.rateSource },
      { label: fill(L.meta.withCurrency, { label: e.amountInGrant, currency: cur }) },
      { label: e.receiptReference },
    ],
    rows: list.map((x): Cell[] => [
      date(x.date),
      text(x.lineCode),
      text(x.payee),
      text(x.description),
      money(x.amountMinor, x.currency),
      text(x.currency),
      // Said the way people say it ("1 USD = 54 MKD"), not as stored (0.0185185185 USD per MKD).
      text(x.rateSource === 'same' ? null : quote(x.rateToGrant, x.currency, cur, c.finance.baseCurrency)),
      text(source[x.rateSource]),
      money(x.amountGrantMinor, cur),
      text(x.receiptReference),
    ]),
    total: [
      text(L.meta.total),
      ...Array.from({ length: 7 }, (): Cell => ({ kind: 'blank' })),
      money(
        list.reduce((s, x) => s + x.amountGrantMinor, 0),
        cur,
      ),
      { kind: 'blank' },
    ],
  };
}

function quote(rate: string, paid: string, grant: string, base: string): string {
  const q = naturalQuote(rate, paid, grant, base);
  return `1 ${q.per} = ${q.value} ${q.other}`;
}

/** Whether the list's ledger details were withheld from this reader (see `packForReader`). */
export function ledgerWithheld(c: ReportPackContent): boolean {
  return (c.finance.expenditures ?? []).some((x) => x.payee === null && x.description === null);
}

/**
 * The budget by category for the performance progress report: lines that share a category are
 * added up, in the order the budget first names them; current budget, spent in the period and
 * to date, and remaining, in the grant currency, with a total.
 */
export function budgetByCategoryTable(c: ReportPackContent, L: Catalog): Table {
  const cur = c.finance.currency;
  const categories = new Map<string, { budget: number; period: number; toDate: number; remaining: number }>();
  for (const l of c.finance.lines) {
    const sum = categories.get(l.category) ?? { budget: 0, period: 0, toDate: 0, remaining: 0 };
    sum.budget += l.budgetMinor;
    sum.period += l.spentPeriodMinor;
    sum.toDate += l.spentToDateMinor;
    sum.remaining += l.remainingMinor;
    categories.set(l.category, sum);
  }
  const inCur = (label: string) => fill(L.meta.withCurrency, { label, currency: cur });
  const t = c.finance.total;
  return {
    name: 'budget-by-category',
    title: L.ppr.budget,
    columns: [
      { label: L.ppr.category, wide: true },
      { label: inCur(L.ppr.budgetCurrent) },
      { label: inCur(L.ppr.spentPeriod) },
      { label: inCur(L.ppr.spentToDate) },
      { label: inCur(L.ppr.remaining) },
    ],
    rows: [...categories].map(([category, s]) => [
      text(category),
      money(s.budget, cur),
      money(s.period, cur),
      money(s.toDate, cur),
      money(s.remaining, cur),
    ]),
    total: [
      text(L.meta.total),
      money(t.budgetMinor, cur),
      money(t.spentPeriodMinor, cur),
      money(t.spentToDateMinor, cur),
      money(t.remainingMinor, cur),
    ],
  };
}

import { euFinancialRows, euTimingOf, type ReportPackContent, varianceExplanationsOf } from '@tessera/domain';
import ExcelJS from 'exceljs';
import { expenditureTable, financialReportTitle, ledgerWithheld, rateMethodText } from '../financial';
import { catalogs, fill } from '../i18n';
import { type Cell, exchangeRows, matchTable, money, percent, type Table, text, tranchesTable } from '../model';
import { addSheet, fitColumns, workbookBytes, writeTable } from './sheets';

/**
 * An EU-style financial report. Its title names the report type, which follows the period
 * (quarterly, semi-annual, annual, final, else interim). First sheet: a row per budget heading
 * with its original, revised (by the period's end) and current budget, spent this period and
 * to date, variance (spent to date − budget, as `euFinancialRows` in domain) and variance %, and
 * the organisation's explanation as saved with the pack (highlighted where one is required and
 * none was written), a totals row, and the exchange-rate method in a sentence. Second: the
 * tranches and cash figures, the exchange difference and the co-financing (cost share and match). Third: the period's list of expenditure.
 */

export const euParts = ['report', 'summary', 'expenditures'] as const;

const mustExplainFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

export async function renderEuXlsx(c: ReportPackContent, step: () => void): Promise<Uint8Array> {
  const L = catalogs[c.locale];
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  const inCur = (label: string) => fill(L.meta.withCurrency, { label, currency: cur });
  const title = financialReportTitle(c, L);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  workbook.title = `${title}: ${c.grant.title}`;

  const rateMethod = rateMethodText(c, L);
  const headerLines: [string, string][] = [
    [L.meta.organisation, c.organization.name],
    [L.meta.grant, c.grant.title],
    [L.meta.grantReference, c.grant.reference ?? ''],
    [L.meta.funder, c.grant.funder.name],
    [L.meta.period, fill(L.meta.periodRange, { from: c.period.from, to: c.period.to })],
    [L.meta.currency, cur],
    ...(rateMethod ? [[L.eu.rateMethod, rateMethod] as [string, string]] : []),
  ];
  // Title, the facts above, a blank row, then the table whose header row is frozen.
  const tableStart = headerLines.length + 3;
  const report = addSheet(workbook, L.eu.sheet, tableStart);
  report.getCell(1, 1).value = title;
  report.getCell(1, 1).font = { bold: true, size: 14 };
  report.getCell(1, 4).value = fill(L.eu.currency, { currency: cur });
  report.getCell(1, 4).font = { bold: true };
  headerLines.forEach(([label, value], i) => {
    report.getCell(i + 2, 1).value = label;
    report.getCell(i + 2, 1).font = { bold: true };
    report.getCell(i + 2, 2).value = value;
  });

  const rows = euFinancialRows(c.finance.lines, euTimingOf(c));
  const explanations = varianceExplanationsOf(c.pack);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const original = sum((r) => r.originalBudgetMinor);
  const revised = sum((r) => r.revisedBudgetMinor);
  const budget = sum((r) => r.budgetMinor);
  const spent = sum((r) => r.spentMinor);
  const table: Table = {
    name: 'eu-financial',
    title,
    columns: [
      { label: L.finance.code },
      { label: L.eu.heading, wide: true },
      { label: inCur(L.eu.originalBudget) },
      { label: inCur(L.eu.revisedBudget) },
      { label: inCur(L.eu.budget) },
      { label: inCur(L.eu.spentPeriod) },
      { label: inCur(L.eu.spentToDate) },
      { label: inCur(L.eu.variance) },
      { label: L.eu.variancePercent },
      { label: L.eu.explanationNeeded },
      { label: L.eu.explanation, wide: true },
    ],
    rows: rows.map((r): Cell[] => [
      text(r.code),
      text(r.heading),
      money(r.originalBudgetMinor, cur),
      money(r.revisedBudgetMinor, cur),
      money(r.budgetMinor, cur),
      money(r.spentPeriodMinor, cur),
      money(r.spentMinor, cur),
      money(r.varianceMinor, cur),
      percent(r.variancePercent),
      text(r.needsExplanation ? L.meta.yes : ''),
      text(explanations.get(r.code)),
    ]),
    total: [
      text(L.meta.total),
      { kind: 'blank' },
      money(original, cur),
      money(revised, cur),
      money(budget, cur),
      money(
        sum((r) => r.spentPeriodMinor),
        cur,
      ),
      money(spent, cur),
      money(spent - budget, cur),
      percent(budget > 0 ? ((spent - budget) / budget) * 100 : null),
      { kind: 'blank' },
      { kind: 'blank' },
    ],
  };
  writeTable(report, table, tableStart);
  const explanationColumn = table.columns.length;
  rows.forEach((r, i) => {
    if (!r.needsExplanation || explanations.has(r.code)) return;
    const cell = report.getCell(tableStart + 1 + i, explanationColumn);
    cell.fill = mustExplainFill;
    cell.note = L.eu.explanationNeeded;
  });
  fitColumns(report, 40);
  report.getColumn(explanationColumn).width = 60;
  report.getColumn(explanationColumn).alignment = { wrapText: true, vertical: 'top' };
  report.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  step();

  const summary = addSheet(workbook, L.eu.expenditureSummary);
  const cash = c.finance.cash;
  const t = c.finance.total;
  const figures: Table = {
    name: 'expenditure-summary',
    title: L.eu.expenditureSummary,
    columns: [
      { label: L.cash.item, wide: true },
      { label: fill(L.cash.inCurrency, { currency: cur }) },
      { label: fill(L.cash.inCurrency, { currency: base }) },
    ],
    rows: [
      [text(L.eu.totalOriginalBudget), money(original, cur), { kind: 'blank' }],
      [text(L.eu.totalRevisedBudget), money(revised, cur), { kind: 'blank' }],
      [text(L.eu.totalBudget), money(t.budgetMinor, cur), { kind: 'blank' }],
      [text(L.eu.totalSpent), money(t.spentToDateMinor, cur), money(t.spentToDateBaseMinor, base)],
      [text(L.eu.remaining), money(t.remainingMinor, cur), { kind: 'blank' }],
      [text(L.cash.received), money(cash.receivedMinor, cur), money(cash.receivedBaseMinor, base)],
      [text(L.cash.spent), money(cash.spentMinor, cur), money(cash.spentBaseMinor, base)],
      [text(L.cash.onHand), money(cash.onHandMinor, cur), money(cash.onHandBaseMinor, base)],
      ...exchangeRows(c, L),
    ],
  };
  let row = writeTable(summary, figures);
  // Co-financing: cost share and match, in the period and cumulatively (absent from old frozen packs).
  const coFinancing = matchTable(c, L);
  if (coFinancing) row = writeTable(summary, coFinancing, row + 1, { title: true });
  writeTable(summary, tranchesTable(c, L), row + 1, { title: true });
  fitColumns(summary, 40);
  step();

  // A pack frozen before the list was kept has none: no sheet rather than an empty one that
  // would read as "nothing was spent".
  const list = expenditureTable(c, L);
  if (list) {
    const sheet = addSheet(workbook, L.eu.expenditureList);
    let next = writeTable(sheet, list);
    const notes = [
      ...(list.rows.length === 0 ? [L.eu.noExpenditure] : []),
      ...(ledgerWithheld(c) ? [L.eu.ledgerWithheld] : []),
    ];
    for (const note of notes) {
      next += 1;
      sheet.getCell(next, 1).value = note;
      sheet.getCell(next, 1).font = { italic: true, size: 9 };
    }
    fitColumns(sheet, 40);
  }
  step();

  return workbookBytes(workbook);
}

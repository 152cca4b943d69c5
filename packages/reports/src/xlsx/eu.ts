import { euFinancialRows, type ReportPackContent } from '@tessera/domain';
import ExcelJS from 'exceljs';
import { catalogs, fill } from '../i18n';
import { type Cell, exchangeRows, matchTable, money, percent, type Table, text, tranchesTable } from '../model';
import { addSheet, fitColumns, workbookBytes, writeTable } from './sheets';

/**
 * An EU-style financial report: a row per budget heading with its original, revised (by the
 * period's end) and current budget, spent to date, variance
 * (spent − budget, as `euFinancialRows` in domain) and variance %, an explanation column left
 * empty for the organisation (highlighted where one is required), a totals row; and a second
 * sheet with the cash figures, the co-financing (cost share and match) and the tranches.
 */

export const euParts = ['report', 'summary'] as const;

const mustExplainFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

export async function renderEuXlsx(c: ReportPackContent, step: () => void): Promise<Uint8Array> {
  const L = catalogs[c.locale];
  const cur = c.finance.currency;
  const base = c.finance.baseCurrency;
  const inCur = (label: string) => fill(L.meta.withCurrency, { label, currency: cur });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  workbook.title = `${L.eu.title}: ${c.grant.title}`;

  const headerLines: [string, string][] = [
    [L.meta.organisation, c.organization.name],
    [L.meta.grant, c.grant.title],
    [L.meta.grantReference, c.grant.reference ?? ''],
    [L.meta.funder, c.grant.funder.name],
    [L.meta.period, fill(L.meta.periodRange, { from: c.period.from, to: c.period.to })],
    [L.meta.currency, cur],
  ];
  // Title, the facts above, a blank row, then the table whose header row is frozen.
  const tableStart = headerLines.length + 3;
  const report = addSheet(workbook, L.eu.sheet, tableStart);
  report.getCell(1, 1).value = L.eu.title;
  report.getCell(1, 1).font = { bold: true, size: 14 };
  report.getCell(1, 4).value = fill(L.eu.currency, { currency: cur });
  report.getCell(1, 4).font = { bold: true };
  headerLines.forEach(([label, value], i) => {
    report.getCell(i + 2, 1).value = label;
    report.getCell(i + 2, 1).font = { bold: true };
    report.getCell(i + 2, 2).value = value;
  });

  const rows = euFinancialRows(c.finance.lines);
  const budget = rows.reduce((s, r) => s + r.budgetMinor, 0);
  const original = rows.reduce((s, r) => s + r.originalBudgetMinor, 0);
  const revised = rows.reduce((s, r) => s + r.revisedBudgetMinor, 0);
  const spent = rows.reduce((s, r) => s + r.spentMinor, 0);
  const table: Table = {
    name: 'eu-financial',
    title: L.eu.title,
    columns: [
      { label: L.finance.code },
      { label: L.eu.heading, wide: true },
      { label: inCur(L.eu.originalBudget) },
      { label: inCur(L.eu.revisedBudget) },
      { label: inCur(L.eu.budget) },
      { label: inCur(L.eu.spent) },
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
      money(r.spentMinor, cur),
      money(r.varianceMinor, cur),
      percent(r.variancePercent),
      text(r.needsExplanation ? L.meta.yes : ''),
      { kind: 'blank' },
    ]),
    total: [
      text(L.meta.total),
      { kind: 'blank' },
      money(original, cur),
      money(revised, cur),
      money(budget, cur),
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
    if (!r.needsExplanation) return;
    const cell = report.getCell(tableStart + 1 + i, explanationColumn);
    cell.fill = mustExplainFill;
    cell.note = L.eu.explanationNeeded;
  });
  fitColumns(report, 40);
  report.getColumn(explanationColumn).width = 60;
  report.getColumn(explanationColumn).alignment = { wrapText: true, vertical: 'top' };
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

  return workbookBytes(workbook);
}

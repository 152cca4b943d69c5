import type { ReportPackContent } from '@tessera/domain';
import ExcelJS from 'exceljs';
import { catalogs } from '../i18n';
import {
  activitiesTable,
  cashTable,
  matchTable,
  coverTable,
  financeNotes,
  financeTable,
  headCountsTable,
  indicatorsTable,
  narrativeTable,
  outputsTable,
  reachBreakdownTables,
  reachTotalsTable,
  suppressionFootnote,
  tranchesTable,
} from '../model';
import { addSheet, fitColumns, hasHidden, workbookBytes, writeFootnote, writeTable } from './sheets';

/** The sheets of the pack workbook, in order; each is one progress step. */
export const packXlsxParts = [
  'cover',
  'narrative',
  'activities',
  'outputs',
  'reach',
  'headCounts',
  'indicators',
  'finance',
  'tranches',
] as const;

/** The full pack as a workbook: one sheet per part, header rows bold and frozen. */
export async function renderPackXlsx(c: ReportPackContent, step: () => void): Promise<Uint8Array> {
  const L = catalogs[c.locale];
  const footnote = suppressionFootnote(L);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  workbook.title = `${L.meta.reportTitle}: ${c.grant.title}`;
  const generated = new Date(c.generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    workbook.created = generated;
    workbook.modified = generated;
  }

  const cover = addSheet(workbook, L.parts.cover);
  writeTable(cover, coverTable(c, L));
  fitColumns(cover, 80);
  step();

  const narrative = addSheet(workbook, L.parts.narrative);
  writeTable(narrative, narrativeTable(c, L));
  narrative.getColumn(1).width = 36;
  narrative.getColumn(2).width = 110;
  narrative.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  step();

  for (const [name, table] of [
    [L.parts.activities, activitiesTable(c, L)],
    [L.parts.outputs, outputsTable(c, L)],
  ] as const) {
    const sheet = addSheet(workbook, name);
    const next = writeTable(sheet, table);
    fitColumns(sheet);
    writeFootnote(sheet, next + 1, hasHidden(table), footnote);
    step();
  }

  // Reach: the period's totals, then one block per breakdown, each with its own title and header.
  const reach = addSheet(workbook, L.parts.reach);
  const [reachTotals, ...reachBreakdowns] = [reachTotalsTable(c, L), ...reachBreakdownTables(c, L)];
  let row = writeTable(reach, reachTotals);
  for (const table of reachBreakdowns) row = writeTable(reach, table, row + 1, { title: true });
  fitColumns(reach);
  writeFootnote(reach, row + 1, [reachTotals, ...reachBreakdowns].some(hasHidden), footnote);
  step();

  const headCounts = addSheet(workbook, L.parts.headCounts);
  const headCountTable = headCountsTable(c, L);
  row = writeTable(headCounts, headCountTable);
  headCounts.getCell(row + 1, 1).value = L.reach.headCountNote;
  fitColumns(headCounts, 24);
  writeFootnote(headCounts, row + 2, hasHidden(headCountTable), footnote);
  step();

  const indicators = addSheet(workbook, L.parts.indicators);
  const indicatorTable = indicatorsTable(c, L);
  const afterIndicators = writeTable(indicators, indicatorTable);
  fitColumns(indicators, 50);
  // A split's hidden groups are written inside its text ("Man x"): they show the mark too.
  const splitHidden = c.indicators.some((r) =>
    r.disaggregation.some((d) => d.total.suppressed || d.rows.some((g) => g.value.suppressed)),
  );
  writeFootnote(indicators, afterIndicators + 1, splitHidden || hasHidden(indicatorTable), footnote);
  step();

  // Finance: budget against actual with its totals, the notes, then cash on hand.
  const finance = addSheet(workbook, L.parts.finance);
  row = writeTable(finance, financeTable(c, L));
  for (const note of financeNotes(c, L)) {
    finance.getCell(row, 1).value = note;
    row += 1;
  }
  row = writeTable(finance, cashTable(c, L), row + 1, { title: true });
  const coFinancing = matchTable(c, L);
  if (coFinancing) writeTable(finance, coFinancing, row + 1, { title: true });
  fitColumns(finance, 40);
  step();

  const tranches = addSheet(workbook, L.parts.tranches);
  writeTable(tranches, tranchesTable(c, L));
  fitColumns(tranches);
  step();

  return workbookBytes(workbook);
}

import type { ReportPackContent } from '@tessera/domain';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type DisplayFormat, displayFormat } from '../format';
import { catalogs, fill, type Catalog } from '../i18n';
import {
  activitiesTable,
  cashTable,
  matchTable,
  disaggregationText,
  financeNotes,
  financeTable,
  headCountsTable,
  indicatorsTable,
  narrativeRows,
  outputsTable,
  reachBreakdownTables,
  reachTotalsTable,
  suppressionFootnote,
  tranchesTable,
} from '../model';
import { drawTable, paragraphs, styles } from './draw';
import { printable, renderPdf } from './engine';

/** The parts of the full pack, in order; each is one progress step. */
export const packPdfParts = ['cover', 'narrative', 'activities', 'reach', 'indicators', 'finance'] as const;

function coverFacts(c: ReportPackContent, L: Catalog, fmt: DisplayFormat): [string, string][] {
  const m = L.meta;
  const facts: [string, string][] = [
    [m.organisation, c.organization.name],
    [m.grant, c.grant.title],
    [m.funder, c.grant.funder.name],
    [m.grantReference, c.grant.reference ?? '—'],
    [m.period, fill(m.periodRange, { from: fmt.date(c.period.from), to: fmt.date(c.period.to) })],
    [m.grantPeriod, fill(m.periodRange, { from: fmt.date(c.grant.startDate), to: fmt.date(c.grant.endDate) })],
    [m.grantAmount, fmt.money(c.grant.amountMinor, c.grant.currency)],
  ];
  if (c.grant.costShareMinor !== null) facts.push([m.costShare, fmt.money(c.grant.costShareMinor, c.grant.currency)]);
  const status =
    c.pack.status === 'submitted' && c.pack.submittedDate
      ? fill(m.submittedOn, { date: fmt.date(c.pack.submittedDate) })
      : L.status[c.pack.status];
  facts.push([m.status, status]);
  if (c.deadline) facts.push([m.deadline, `${L.deadlineKind[c.deadline.kind]} · ${fmt.date(c.deadline.dueDate)}`]);
  facts.push([m.generated, fmt.date(c.generatedAt)]);
  return facts;
}

function cover(c: ReportPackContent, L: Catalog, fmt: DisplayFormat): Content[] {
  const out: Content[] = [
    { text: printable(L.meta.reportTitle), style: 'title' },
    { text: printable(`${c.organization.name} — ${c.grant.title}`), style: 'subtitle' },
  ];
  if (c.empty) {
    out.push({
      table: { widths: ['*'], body: [[{ text: printable(L.meta.emptyPeriod), bold: true, margin: [6, 6, 6, 6] }]] },
      layout: {
        hLineWidth: () => 1.2,
        vLineWidth: () => 1.2,
        hLineColor: () => '#a15c00',
        vLineColor: () => '#a15c00',
      },
      fillColor: '#fff4e0',
      margin: [0, 0, 0, 16],
    });
  }
  const body: TableCell[][] = coverFacts(c, L, fmt).map(([label, value]) => [
    { text: printable(label), style: 'label' },
    { text: printable(value), bold: true },
  ]);
  out.push({
    table: { widths: [170, '*'], body },
    layout: 'noBorders',
    fontSize: 10.5,
    lineHeight: 1.3,
  });
  return out;
}

function narrative(c: ReportPackContent, L: Catalog): Content[] {
  const out: Content[] = [{ text: printable(L.parts.narrative), style: 'h1', pageBreak: 'before' }];
  for (const section of narrativeRows(c, L)) {
    out.push({ text: printable(section.title), style: 'h2' });
    if (section.body === null) out.push({ text: printable(L.meta.notWrittenYet), style: 'notWritten' });
    else out.push(...paragraphs(section.body));
  }
  return out;
}

function landscapeHeading(title: string): Content {
  return { text: printable(title), style: 'h1', pageBreak: 'before', pageOrientation: 'landscape' };
}

/** The full pack as a PDF in the content's locale. */
export async function renderPackPdf(c: ReportPackContent, step: () => void): Promise<Uint8Array> {
  const L = catalogs[c.locale];
  const fmt = displayFormat(c.locale);
  const none = L.meta.noneRecorded;
  const content: Content[] = [];

  content.push(...cover(c, L, fmt));
  step();
  content.push(...narrative(c, L));
  step();

  content.push(landscapeHeading(L.parts.activities));
  content.push(...drawTable(activitiesTable(c, L), fmt, { noneText: none, fontSize: 7.5, title: false }));
  content.push(...drawTable(outputsTable(c, L), fmt, { noneText: none }));
  step();

  content.push(landscapeHeading(L.parts.reach));
  content.push(...drawTable(reachTotalsTable(c, L), fmt, { noneText: none }));
  for (const table of reachBreakdownTables(c, L)) content.push(...drawTable(table, fmt, { noneText: none }));
  content.push(...drawTable(headCountsTable(c, L), fmt, { noneText: none }));
  content.push({ text: printable(L.reach.headCountNote), style: 'note' });
  step();

  content.push(landscapeHeading(L.parts.indicators));
  const indicators = indicatorsTable(c, L, fmt.number);
  content.push(...drawTable(indicators, fmt, { noneText: none, fontSize: 7.5, title: false }));
  for (const r of c.indicators.filter((row) => row.needsExplanation || row.comment)) {
    const parts = [r.needsExplanation ? L.indicator.explanationNeeded : null, r.comment].filter(Boolean);
    content.push({ text: printable(`${r.code}: ${parts.join(' — ')}`), style: 'note' });
  }
  const split = c.indicators.filter((row) => row.disaggregation.length > 0);
  if (split.length > 0) {
    content.push({ text: printable(L.indicator.disaggregation), style: 'h2' });
    for (const r of split) {
      content.push({ text: printable(`${r.code}: ${disaggregationText(r, L, fmt.number)}`), margin: [0, 0, 0, 3] });
    }
  }
  step();

  content.push(landscapeHeading(L.parts.finance));
  content.push(...drawTable(financeTable(c, L), fmt, { noneText: none, fontSize: 7.5, title: false }));
  for (const note of financeNotes(c, L)) content.push({ text: printable(note), style: 'note' });
  content.push(...drawTable(cashTable(c, L), fmt, { noneText: none }));
  const coFinancing = matchTable(c, L);
  if (coFinancing) content.push(...drawTable(coFinancing, fmt, { noneText: none }));
  content.push(...drawTable(tranchesTable(c, L), fmt, { noneText: none }));
  step();

  const suppression = printable(suppressionFootnote(L));
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 44, 40, 48],
    language: c.locale,
    info: {
      title: printable(`${L.meta.reportTitle}: ${c.grant.title}`),
      author: printable(c.organization.name),
      subject: printable(fill(L.meta.periodRange, { from: c.period.from, to: c.period.to })),
      creator: 'Tessera',
      producer: 'Tessera',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles,
    header: (page) =>
      page === 1
        ? null
        : {
            text: printable(`${c.organization.name} · ${c.grant.reference ?? c.grant.title}`),
            fontSize: 7,
            color: '#555555',
            margin: [40, 20, 40, 0],
          },
    footer: (page, pages) => ({
      columns: [
        { text: suppression, width: '*' },
        { text: printable(fill(L.meta.pageOf, { page, pages })), width: 'auto', alignment: 'right' },
      ],
      fontSize: 7,
      color: '#444444',
      margin: [40, 16, 40, 0],
    }),
    content,
  };
  return renderPdf(doc);
}

import {
  budgetsOf,
  periodFrequency,
  type ReportPackContent,
  type ReportType,
  reportTypes,
  reportTypeOf as typeOfPeriod,
  type Sf425,
  toMajorUnits,
} from '@tessera/domain';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { displayFormat } from '../format';
import { type Catalog, catalogs, fill } from '../i18n';
import { budgetByCategoryTable } from '../financial';
import { activitiesTable, indicatorsTable, narrativeRows, reachTotalsTable, suppressionFootnote } from '../model';
import { bilingual, drawTable, gridLayout, paragraphs, styles } from './draw';
import { printable, renderPdf } from './engine';

/**
 * The SF-425 Federal Financial Report and a Performance Progress Report, for a U.S. federal
 * award. The forms are U.S. federal forms, so their labels are the official English wording,
 * with the reader's language printed under each one; amounts and dates are in U.S. style.
 */

export const sf425Parts = ['sf425', 'ppr'] as const;

export class NotUsFederalError extends Error {
  constructor(funder: string) {
    super(
      `This grant is not a U.S. federal award (funder "${funder}"): the SF-425 and the performance progress report apply only to a U.S. government funder with a grant in USD.`,
    );
    this.name = 'NotUsFederalError';
  }
}

type LineKey = keyof Sf425['lines'];

const lineGroups: { heading: 'federalCash' | 'expenditures' | 'recipientShare' | 'programIncome'; lines: LineKey[] }[] =
  [
    { heading: 'federalCash', lines: ['a', 'b', 'c'] },
    { heading: 'expenditures', lines: ['d', 'e', 'f', 'g', 'h'] },
    { heading: 'recipientShare', lines: ['i', 'j', 'k'] },
    { heading: 'programIncome', lines: ['l', 'm', 'n', 'o'] },
  ];

const computedAs: Partial<Record<LineKey, string>> = {
  c: 'a − b',
  g: 'e + f',
  h: 'd − g',
  k: 'i − j',
  o: 'l − m − n',
};

const lineLabelKey = (line: LineKey) => `line${line.toUpperCase()}` as `line${Uppercase<LineKey>}`;

/** Whether the report closes the award: its period ends with the grant's (its last period or whole span). */
export function isFinalReport(c: ReportPackContent): boolean {
  return typeOfPeriod(c.period, c.grant) === 'final';
}

/** SF-425 box 6, following the period (domain `reportTypeOf`); null when its length names none. */
export function reportTypeOf(c: ReportPackContent): ReportType | null {
  return typeOfPeriod(c.period, c.grant);
}

export async function renderSf425Pdf(c: ReportPackContent, step: () => void): Promise<Uint8Array> {
  const sf425 = c.sf425;
  if (!sf425) throw new NotUsFederalError(c.grant.funder.name);
  const en = catalogs.en;
  const local: Catalog | null = c.locale === 'en' ? null : catalogs[c.locale];
  const fmt = displayFormat('en', 'en-US');
  const usd = (minor: number) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(toMajorUnits(minor, 'USD'));
  const usDate = (iso: string) =>
    new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const label = (pick: (L: Catalog) => string, number?: string) =>
    bilingual(`${number ? `${number}. ` : ''}${pick(en)}`, local ? pick(local) : null);
  const blank = (): TableCell => ({
    text: `(${en.sf425.fillByHand})`,
    style: 'hint',
    italics: true,
    margin: [0, 6, 0, 6],
  });
  const value = (text: string): TableCell => ({ text: printable(text), bold: true });
  const reportType = reportTypeOf(c);
  // A period whose length is no quarter, half year or year (eight months to date) ticks nothing:
  // the signer ticks the type the award asks for, rather than read one guessed here.
  const typeChoice = [
    reportTypes.map((t) => `[${t === reportType ? 'X' : ' '}] ${en.sf425[t]}`).join('   '),
    ...(reportType === null ? [`(${en.sf425.fillByHand})`] : []),
  ].join('   ');
  const frequency = periodFrequency(c.period);

  const budgets = budgetsOf(c.finance.total);
  const budgetRemark = fill(en.sf425.budgetRemark, {
    original: usd(budgets.originalMinor),
    revised: usd(budgets.revisedMinor),
    current: usd(budgets.currentMinor),
  });

  // Spending in the base currency is stated at the rate the federal cash came in at (ADR 0016).
  const exchange = c.finance.exchange;
  const exchangeRemark =
    exchange && c.finance.currency !== c.finance.baseCurrency && exchange.differenceMinor !== 0
      ? fill(en.sf425.exchangeRemark, {
          base: c.finance.baseCurrency,
          rate: exchange.rateOfReceipt,
          actual: usd(exchange.spentAtActualRatesMinor),
          booked: usd(c.finance.cash.spentMinor),
          difference: usd(exchange.differenceMinor),
        })
      : null;

  // Part 1: SF-425.
  const coverRows: TableCell[][] = [
    [label((L) => L.sf425.agency, '1'), value(c.grant.funder.name)],
    [label((L) => L.sf425.grantNumber, '2'), c.grant.reference ? value(c.grant.reference) : blank()],
    [label((L) => L.sf425.recipient, '3'), value(c.organization.name)],
    [label((L) => L.sf425.recipientAddress, '3'), blank()],
    [label((L) => L.sf425.uei, '4a'), blank()],
    [label((L) => L.sf425.ein, '4b'), blank()],
    [label((L) => L.sf425.accountNumber, '5'), blank()],
    [label((L) => L.sf425.reportType, '6'), { text: typeChoice }],
    [label((L) => L.sf425.basisOfAccounting, '7'), value(en.sf425.cashBasis)],
    [
      label((L) => L.sf425.projectPeriod, '8'),
      value(`${usDate(sf425.projectPeriod.from)} – ${usDate(sf425.projectPeriod.to)}`),
    ],
    [label((L) => L.sf425.reportingPeriodEnd, '9'), value(usDate(sf425.reportingPeriodEnd))],
  ];
  const lineRows: TableCell[][] = [
    [
      { text: en.sf425.line, style: 'tableHeader' },
      { text: '', style: 'tableHeader' },
      { text: en.sf425.computed, style: 'tableHeader' },
      { text: en.sf425.amount, style: 'tableHeader', alignment: 'right' },
    ],
  ];
  for (const group of lineGroups) {
    lineRows.push([
      { ...label((L) => L.sf425[group.heading]), colSpan: 4, bold: true, fillColor: '#f2f2f2' },
      {},
      {},
      {},
    ]);
    for (const line of group.lines) {
      lineRows.push([
        { text: `10${line}` },
        label((L) => L.sf425[lineLabelKey(line)]),
        { text: computedAs[line] ? `= ${computedAs[line]}` : '' },
        { text: usd(sf425.lines[line]), alignment: 'right', bold: true },
      ]);
    }
  }
  const blankRows = (labels: ((L: Catalog) => string)[]): TableCell[][] => labels.map((pick) => [label(pick), blank()]);

  const content: Content[] = [
    { text: en.sf425.title, style: 'title' },
    ...(local ? [{ text: printable(local.sf425.title), style: 'hint', margin: [0, 0, 0, 8] } as Content] : []),
    { text: printable(en.sf425.blankNote), style: 'note', margin: [0, 0, 0, 8] },
    { table: { widths: [220, '*'], body: coverRows }, layout: gridLayout },
    { text: `10. ${en.sf425.transactions}`, style: 'h2' },
    { text: en.sf425.amountsNote, style: 'note', margin: [0, 0, 0, 4] },
    { table: { headerRows: 1, widths: [28, '*', 60, 100], body: lineRows, dontBreakRows: true }, layout: gridLayout },
    { text: `11. ${en.sf425.indirect}`, style: 'h2' },
    {
      table: {
        widths: [220, '*'],
        body: blankRows([
          (L) => L.sf425.indirectType,
          (L) => L.sf425.indirectRate,
          (L) => L.sf425.indirectPeriod,
          (L) => L.sf425.indirectBase,
          (L) => L.sf425.indirectCharged,
          (L) => L.sf425.indirectFederal,
        ]),
      },
      layout: gridLayout,
    },
    { text: `12. ${en.sf425.remarks}`, style: 'h2' },
    // The form has no budget lines; its remarks carry the budget as agreed, as revised and now.
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              text: printable([budgetRemark, exchangeRemark].filter((r) => r !== null).join('\n')),
              margin: [0, 6, 0, 24],
            },
          ],
        ],
      },
      layout: gridLayout,
    },
    { text: `13. ${en.sf425.certification}`, style: 'h2', unbreakable: true },
    {
      table: {
        widths: [220, '*'],
        body: blankRows([
          (L) => L.sf425.certifier,
          (L) => L.sf425.signature,
          (L) => L.sf425.telephone,
          (L) => L.sf425.email,
          (L) => L.sf425.dateSubmitted,
        ]),
      },
      layout: gridLayout,
    },
  ];
  step();

  // Part 2: Performance Progress Report.
  const pprCover: TableCell[][] = [
    [label((L) => L.sf425.agency), value(c.grant.funder.name)],
    [label((L) => L.sf425.grantNumber), c.grant.reference ? value(c.grant.reference) : blank()],
    [label((L) => L.sf425.recipient), value(c.organization.name)],
    [label((L) => L.sf425.projectPeriod), value(`${usDate(c.grant.startDate)} – ${usDate(c.grant.endDate)}`)],
    [label((L) => L.sf425.reportingPeriodEnd), value(usDate(c.period.to))],
    [label((L) => L.ppr.finalReport), value(isFinalReport(c) ? en.meta.yes : en.meta.no)],
    [label((L) => L.ppr.frequency), frequency ? value(en.sf425[frequency]) : blank()],
  ];
  content.push(
    { text: en.ppr.title, style: 'title', pageBreak: 'before' },
    ...(local ? [{ text: printable(local.ppr.title), style: 'hint', margin: [0, 0, 0, 8] } as Content] : []),
    { table: { widths: [220, '*'], body: pprCover }, layout: gridLayout },
    { text: en.ppr.narrative, style: 'h1', margin: [0, 16, 0, 4] },
  );
  const localSections = local ? narrativeRows(c, local) : null;
  narrativeRows(c, en).forEach((section, i) => {
    content.push({ ...bilingual(section.title, localSections?.[i]?.title ?? null), style: 'h2' });
    if (section.body === null) content.push({ text: en.meta.notWrittenYet, style: 'notWritten' });
    else content.push(...paragraphs(section.body));
  });
  // Accomplishments in figures, on landscape pages: the activities with their participant counts
  // and the reach totals (both as suppressed in the pack: a hidden count prints as the mark, never
  // as a number), the indicators, and the budget by category.
  const heading = (pick: (L: Catalog) => string, first = false): Content => ({
    ...bilingual(pick(en), local ? pick(local) : null),
    style: 'h1',
    ...(first ? { pageBreak: 'before' as const, pageOrientation: 'landscape' as const } : {}),
  });
  const none = { noneText: en.meta.noneRecorded, title: false };
  content.push(
    heading((L) => L.ppr.activities, true),
    ...drawTable(activitiesTable(c, en), fmt, { ...none, fontSize: 7 }),
    heading((L) => L.ppr.participants),
    ...drawTable(reachTotalsTable(c, en), fmt, none),
    heading((L) => L.ppr.indicators),
    ...drawTable(indicatorsTable(c, en, fmt.number), fmt, { ...none, fontSize: 7.5 }),
    heading((L) => L.ppr.budget),
    ...drawTable(budgetByCategoryTable(c, en), fmt, none),
  );
  step();

  const doc: TDocumentDefinitions = {
    pageSize: 'LETTER',
    pageMargins: [40, 40, 40, 48],
    language: 'en-US',
    info: {
      title: `SF-425 and PPR: ${printable(c.grant.reference ?? c.grant.title)}`,
      author: printable(c.organization.name),
      creator: 'Tessera',
      producer: 'Tessera',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles,
    footer: (page, pages) => ({
      columns: [
        {
          // The form is in English; the footnote to the mark also in the reader's language.
          text: printable(
            local ? `${suppressionFootnote(en)} / ${suppressionFootnote(local)}` : suppressionFootnote(en),
          ),
          width: '*',
        },
        { text: fill(en.meta.pageOf, { page, pages }), width: 'auto', alignment: 'right' },
      ],
      fontSize: 7,
      color: '#444444',
      margin: [40, 16, 40, 0],
    }),
    content,
  };
  return renderPdf(doc);
}

import {
  noFilter,
  type PackFinanceLine,
  type ReportPackContent,
  type Shown,
  sf425Lines,
  suppressCount,
  suppressTable,
} from '@tessera/domain';

/**
 * A realistic pack for a Skopje collective: two activities, suppressed small groups, Cyrillic in
 * the narrative and an output title, a budget line over budget and two under (negative
 * variance), one tranche still to come. Variants: Macedonian, an empty period, a U.S. federal
 * award with SF-425 lines.
 */

const k = 5;
const count = (value: number): Shown => ({ suppressed: false, value });
const hidden: Shown = { suppressed: true, threshold: k };

export const cyrillicNarrative = 'Обуките за дигитална безбедност се одржаа во Скопје и Куманово.';

/** MKD per EUR used for the base-currency figures (minor units, both with two decimals). */
const rate = 61.5;

/** A finance line; `earlier` gives its original budget and the one revised by the period's end. */
function line(
  code: string,
  category: string,
  description: string,
  budget: number,
  spent: number,
  earlier: { original: number; revised: number } = { original: budget, revised: budget },
): PackFinanceLine {
  const variance = spent - budget;
  return {
    code,
    category,
    description,
    originalBudgetMinor: earlier.original,
    revisedBudgetMinor: earlier.revised,
    budgetMinor: budget,
    spentPeriodMinor: spent,
    spentToDateMinor: spent,
    spentToDateBaseMinor: Math.round(spent * rate),
    remainingMinor: budget - spent,
    varianceMinor: variance,
    variancePercent: budget > 0 ? (variance / budget) * 100 : null,
  };
}

const lines = [
  // Revised twice: 100.00 moved to training by the period's end, 100.00 more after it.
  line('1.1', 'Staff', 'Coordinator and outreach workers', 2_400_000, 600_000, {
    original: 2_600_000,
    revised: 2_500_000,
  }),
  line('2.1', 'Training', 'Venue and trainers', 800_000, 450_050, { original: 600_000, revised: 700_000 }),
  line('3.1', 'Printing', 'Brochures and hotline cards', 150_000, 182_500),
];

function totalOf(all: PackFinanceLine[]): ReportPackContent['finance']['total'] {
  const sum = (pick: (l: PackFinanceLine) => number) => all.reduce((s, l) => s + pick(l), 0);
  const budgetMinor = sum((l) => l.budgetMinor);
  const varianceMinor = sum((l) => l.varianceMinor);
  return {
    originalBudgetMinor: sum((l) => l.originalBudgetMinor ?? l.budgetMinor),
    revisedBudgetMinor: sum((l) => l.revisedBudgetMinor ?? l.budgetMinor),
    budgetMinor,
    spentPeriodMinor: sum((l) => l.spentPeriodMinor),
    spentToDateMinor: sum((l) => l.spentToDateMinor),
    spentToDateBaseMinor: sum((l) => l.spentToDateBaseMinor),
    remainingMinor: sum((l) => l.remainingMinor),
    varianceMinor,
    variancePercent: budgetMinor > 0 ? (varianceMinor / budgetMinor) * 100 : null,
  };
}

/** Head counts by gender × age band, suppressed by the domain's own rule. */
const headCountGenders = ['woman', 'trans-woman', 'undisclosed'] as const;
const headCountBands = ['18-24', '25-34', 'undisclosed'] as const;
const headCountTable = suppressTable(
  [
    [12, 20, 6],
    [3, 2, 0],
    [7, 9, 5],
  ],
  k,
  { rowTotals: true, columnTotals: true },
);

export function packContent(): ReportPackContent {
  const total = totalOf(lines);
  return {
    pack: {
      id: 'pack-1',
      grantId: 'grant-1',
      periodStart: '2025-01-01',
      periodEnd: '2025-06-30',
      status: 'draft',
      submittedDate: null,
      deadlineId: 'deadline-1',
      narrative: [
        {
          key: 'summary',
          body: 'In the first half of 2025 the collective trained peer educators and ran night outreach.\n\nThe hotline card reached new workers.',
        },
        { key: 'progress', body: cyrillicNarrative },
        { key: 'challenges', body: '=HYPERLINK("http://example.com","click") was pasted by mistake' },
        { key: 'media', body: '   ' },
      ],
      varianceExplanations: [{ code: '3.1', body: 'A second run of hotline cards: the first ran out in May.' }],
      updatedAt: '2025-07-10T09:00:00.000Z',
      version: 4,
      edition: 1,
      replaces: null,
      frozenAt: null,
    },
    generatedAt: '2025-07-12T08:30:00.000Z',
    locale: 'en',
    organization: { name: 'Lilith Collective Skopje', country: 'MK', baseCurrency: 'MKD', suppressionThreshold: k },
    grant: {
      id: 'grant-1',
      title: 'Safer Work, Safer Lives',
      reference: 'OSF-2025/017',
      currency: 'EUR',
      amountMinor: 4_800_000,
      costShareMinor: null,
      startDate: '2025-01-01',
      endDate: '2026-12-31',
      funder: { name: 'Open Society Foundations', kind: 'foundation', country: null },
    },
    period: { from: '2025-01-01', to: '2025-06-30' },
    deadline: { id: 'deadline-1', kind: 'narrative', dueDate: '2025-07-31', submittedDate: null },
    empty: false,
    activities: [
      {
        reference: 'TR-01',
        title: 'Digital safety training',
        kind: 'training',
        project: 'Safety first',
        city: 'Skopje',
        startDate: '2025-02-01',
        endDate: '2025-03-15',
        sessionsHeld: 6,
        hoursDelivered: 18,
        participants: count(23),
        participantHours: count(112.5),
        completions: count(19),
        headCount: count(0),
      },
      {
        reference: 'OUT-02',
        title: '@night outreach',
        kind: 'outreach',
        project: 'Outreach',
        city: 'Kumanovo',
        startDate: '2025-04-01',
        endDate: '2025-06-30',
        sessionsHeld: 4,
        hoursDelivered: 12.5,
        participants: suppressCount(3, k),
        participantHours: hidden,
        completions: count(0),
        headCount: count(64),
      },
    ],
    outputs: [
      {
        activity: 'Digital safety training',
        kind: 'brochure',
        title: 'Know your rights (Знај ги своите права)',
        quantity: 500,
        date: '2025-03-20',
        link: 'https://example.org/rights',
      },
      {
        activity: '@night outreach',
        kind: 'card',
        title: 'Hotline card',
        quantity: 1200,
        date: '2025-04-02',
        link: null,
      },
    ],
    reach: {
      participants: count(26),
      participantHours: count(125),
      completions: count(19),
      headCount: count(64),
      sessionsHeld: 10,
      breakdowns: [
        {
          dimension: 'gender',
          rows: [
            { key: 'woman', participants: count(17), hours: count(85), completions: count(13) },
            { key: 'trans-woman', participants: hidden, hours: hidden, completions: hidden },
            { key: 'man', participants: hidden, hours: hidden, completions: hidden },
          ],
          total: { participants: count(26), hours: count(125), completions: count(19) },
        },
        {
          dimension: 'ageBand',
          rows: [
            { key: '18-24', participants: count(8), hours: count(40), completions: count(6) },
            { key: '25-34', participants: count(12), hours: count(60), completions: count(9) },
            { key: '35-44', participants: hidden, hours: hidden, completions: hidden },
            { key: '45-54', participants: hidden, hours: hidden, completions: hidden },
          ],
          total: { participants: count(26), hours: count(125), completions: count(19) },
        },
        {
          dimension: 'city',
          rows: [
            { key: 'Skopje', participants: hidden, hours: hidden, completions: hidden },
            { key: 'Куманово', participants: hidden, hours: hidden, completions: hidden },
          ],
          total: { participants: count(26), hours: count(125), completions: count(19) },
        },
      ],
      headCounts: {
        genders: [...headCountGenders],
        ageBands: [...headCountBands],
        cells: headCountTable.cells,
        genderTotals: headCountTable.rowTotals ?? [],
        ageBandTotals: headCountTable.columnTotals ?? [],
        total: headCountTable.grandTotal ?? count(0),
      },
    },
    indicators: [
      {
        id: 'ind-1',
        level: 'outcome',
        resultStatement: 'Sex workers can refuse unsafe work',
        code: 'OC1',
        name: 'Share of members who report being able to refuse unsafe work',
        definition: 'Members answering "often" or "always" in the yearly survey',
        unit: '%',
        type: 'percentage',
        direction: 'increase',
        source: 'manual',
        numeratorSpec: null,
        baseline: 35,
        baselineYear: 2024,
        lifeTarget: 70,
        periodTarget: 50,
        actual: count(46.2),
        cumulative: count(46.2),
        achievedPeriod: 74.67,
        achievedLife: 32,
        needsExplanation: true,
        comment: 'Survey delayed by two weeks',
        meansOfVerification: {
          dataSource: 'Yearly community survey',
          collectionMethod: 'Anonymous questionnaire',
          frequency: 'Yearly',
          responsible: 'M&E officer',
        },
        disaggregation: [],
        series: [],
      },
      {
        id: 'ind-2',
        level: 'output',
        resultStatement: null,
        code: 'OP1.1',
        name: 'People trained in digital safety',
        definition: null,
        unit: 'people',
        type: 'number',
        direction: 'increase',
        source: 'derived',
        numeratorSpec: { measure: 'uniqueParticipants', filter: noFilter },
        baseline: 0,
        baselineYear: 2024,
        lifeTarget: 120,
        periodTarget: 30,
        actual: count(23),
        cumulative: count(23),
        achievedPeriod: 76.67,
        achievedLife: 19.17,
        needsExplanation: true,
        comment: null,
        meansOfVerification: {
          dataSource: 'Attendance registers',
          collectionMethod: null,
          frequency: null,
          responsible: null,
        },
        disaggregation: [
          {
            dimension: 'gender',
            rows: [
              { key: 'woman', value: count(18) },
              { key: 'trans-woman', value: hidden },
              { key: 'man', value: hidden },
            ],
            total: count(23),
          },
        ],
        series: [],
      },
      {
        id: 'ind-3',
        level: 'output',
        resultStatement: null,
        code: 'OP1.2',
        name: 'Callers helped by the hotline',
        definition: null,
        unit: 'people',
        type: 'number',
        direction: 'increase',
        source: 'manual',
        numeratorSpec: null,
        baseline: null,
        baselineYear: null,
        lifeTarget: 80,
        periodTarget: 20,
        actual: hidden,
        cumulative: count(14),
        achievedPeriod: null,
        achievedLife: 17.5,
        needsExplanation: false,
        comment: null,
        meansOfVerification: {
          dataSource: 'Hotline log',
          collectionMethod: null,
          frequency: 'Monthly',
          responsible: null,
        },
        disaggregation: [],
        series: [],
      },
    ],
    finance: {
      currency: 'EUR',
      baseCurrency: 'MKD',
      lines,
      total,
      tranches: [
        {
          expectedDate: '2025-01-15',
          expectedAmountMinor: 2_400_000,
          receivedDate: '2025-01-20',
          receivedAmountMinor: 2_400_000,
          receivedBaseMinor: 147_600_000,
        },
        {
          expectedDate: '2025-07-15',
          expectedAmountMinor: 1_440_000,
          receivedDate: null,
          receivedAmountMinor: null,
          receivedBaseMinor: null,
        },
      ],
      cash: {
        receivedMinor: 2_400_000,
        receivedBaseMinor: 147_600_000,
        spentMinor: total.spentToDateMinor,
        spentBaseMinor: total.spentToDateBaseMinor,
        onHandMinor: 2_400_000 - total.spentToDateMinor,
        onHandBaseMinor: 147_600_000 - total.spentToDateBaseMinor,
      },
      unconvertedCount: 1,
      rateSources: { same: 2, table: 1, typed: 1 },
      expenditures: [
        {
          date: '2025-02-10',
          lineCode: '2.1',
          payee: 'Hotel Bristol Skopje',
          description: 'Hall and catering, weeks 1–4',
          amountMinor: 1_230_000,
          currency: 'MKD',
          rateToGrant: '0.01626016260162601626',
          rateSource: 'table',
          amountGrantMinor: 20_000,
          receiptReference: 'F-1187',
        },
        {
          date: '2025-03-25',
          lineCode: '1.1',
          payee: 'Outreach coordinator (salary)',
          description: 'Monthly salary, March',
          amountMinor: 60_000,
          currency: 'EUR',
          rateToGrant: '1',
          rateSource: 'same',
          amountGrantMinor: 60_000,
          receiptReference: 'PAY-3',
        },
        {
          date: '2025-05-20',
          lineCode: '3.1',
          payee: 'Печатница Скопје',
          description: '=SUM(A1) brochures, second run',
          amountMinor: 3_075_000,
          currency: 'MKD',
          rateToGrant: '0.0163',
          rateSource: 'typed',
          amountGrantMinor: 50_123,
          receiptReference: null,
        },
        {
          date: '2025-06-30',
          lineCode: '1.1',
          payee: 'Outreach coordinator (salary)',
          description: 'Monthly salary, June',
          amountMinor: 60_000,
          currency: 'EUR',
          rateToGrant: '1',
          rateSource: 'same',
          amountGrantMinor: 60_000,
          receiptReference: 'PAY-6',
        },
      ],
    },
    sf425: null,
  };
}

export function macedonianContent(): ReportPackContent {
  return { ...packContent(), locale: 'mk' };
}

/** Nothing delivered, produced or spent: the pack must still render and say so. */
export function emptyContent(): ReportPackContent {
  const c = packContent();
  const zero = count(0);
  const zeroLines = c.finance.lines.map((l) => line(l.code, l.category, l.description ?? '', l.budgetMinor, 0));
  return {
    ...c,
    pack: { ...c.pack, narrative: [] },
    empty: true,
    activities: [],
    outputs: [],
    reach: {
      participants: zero,
      participantHours: zero,
      completions: zero,
      headCount: zero,
      sessionsHeld: 0,
      breakdowns: [],
      headCounts: { genders: [], ageBands: [], cells: [], genderTotals: [], ageBandTotals: [], total: zero },
    },
    indicators: c.indicators.map((i) => ({ ...i, actual: zero, cumulative: zero, achievedPeriod: 0 })),
    finance: {
      ...c.finance,
      lines: zeroLines,
      total: totalOf(zeroLines),
      tranches: [],
      cash: {
        receivedMinor: 0,
        receivedBaseMinor: 0,
        spentMinor: 0,
        spentBaseMinor: 0,
        onHandMinor: 0,
        onHandBaseMinor: 0,
      },
      unconvertedCount: 0,
      rateSources: { same: 0, table: 0, typed: 0 },
      expenditures: [],
    },
  };
}

export const federalLines = sf425Lines({
  cashReceiptsMinor: 2_500_000,
  cashDisbursementsMinor: 1_873_412,
  authorisedMinor: 5_000_000,
  federalExpendituresMinor: 1_873_412,
  unliquidatedObligationsMinor: 120_000,
  costShareRequiredMinor: 500_000,
  recipientExpendituresMinor: 210_050,
  programIncomeEarnedMinor: 30_000,
  programIncomeDeductionMinor: 10_000,
  programIncomeAdditionMinor: 5_000,
});

/** A U.S. embassy small grant in USD, final period: the SF-425 pair applies. */
export function federalContent(): ReportPackContent {
  const c = packContent();
  return {
    ...c,
    grant: {
      ...c.grant,
      title: 'Community legal aid',
      reference: 'SMK10025GR0042',
      currency: 'USD',
      amountMinor: 5_000_000,
      costShareMinor: 500_000,
      startDate: '2024-07-01',
      endDate: '2025-06-30',
      funder: { name: 'U.S. Embassy Skopje', kind: 'government', country: 'US' },
    },
    finance: { ...c.finance, currency: 'USD' },
    sf425: {
      reportingPeriodEnd: '2025-06-30',
      projectPeriod: { from: '2024-07-01', to: '2025-06-30' },
      lines: federalLines,
    },
  };
}

/**
 * A pack frozen before issue 11: no original or revised budgets, no rates' sources, no list of
 * expenditure and no variance explanations in its JSON. It must still render.
 */
export function legacyContent(base: ReportPackContent = packContent()): ReportPackContent {
  const c = structuredClone(base);
  for (const l of c.finance.lines) {
    delete l.originalBudgetMinor;
    delete l.revisedBudgetMinor;
  }
  delete c.finance.rateSources;
  delete c.finance.expenditures;
  delete c.pack.varianceExplanations;
  return c;
}

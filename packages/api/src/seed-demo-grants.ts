import type { CreateGrantInput, DeadlineKind } from '@tessera/domain';
import { addDays, convertMinor, invertRate } from '@tessera/domain';
import {
  type Executor,
  findGrantByReference,
  insertAuditEvent,
  insertBudgetLine,
  insertBudgetRevision,
  insertDeadline,
  insertExpenditure,
  insertGrant,
  insertGrantStatusChange,
  insertTranche,
  listFunders,
  upsertExchangeRate,
} from '@tessera/db';

/**
 * The demo organisation's money, anchored to the day the demo is loaded so that it always looks
 * like "this year": every grant period starts on the first day of the month eight months back.
 * Rates are kept round (1 USD = 54 MKD, 1 EUR = 61.5 MKD) so the figures can be checked by hand;
 * the banks' real rates show in the tranches' received amounts. docs/demo-data.md lists the sums.
 */
export const demoRates = { USD: '54', EUR: '61.5' } as const;

interface LineSpec {
  code: string;
  category: string;
  description: string;
  amount: number;
}
interface SpendSpec {
  line: string;
  month: number;
  day: number;
  payee: string;
  description: string;
  amount: number;
  currency: 'MKD' | 'USD' | 'EUR';
  receipt: string;
}
interface GrantSpec {
  funder: string;
  grant: Omit<CreateGrantInput, 'funderId' | 'startDate' | 'endDate' | 'costShareMinor' | 'restrictions' | 'notes'> & {
    restrictions?: string;
    notes?: string;
  };
  months: number;
  lines: LineSpec[];
  revision?: { month: number; justification: string; amounts: Record<string, number> };
  tranches: { month: number; amount: number; received?: { day: number; base: number } }[];
  spending: SpendSpec[];
  deadlines: { kind: DeadlineKind; periodMonths: [number, number]; dueInDaysFromToday: number; submitted?: boolean }[];
}

const embassyLines: LineSpec[] = [
  { code: '1', category: 'Personnel', description: 'Project coordinator, part time', amount: 960_000 },
  {
    code: '2',
    category: 'Trainers',
    description: 'Two career counsellors from the partner association',
    amount: 720_000,
  },
  { code: '3', category: 'Venue and catering', description: '16 sessions', amount: 400_000 },
  { code: '4', category: 'Training materials', description: 'Workbooks and certificates', amount: 120_000 },
  { code: '5', category: 'Travel', description: 'Participants’ local transport', amount: 200_000 },
];

export const demoGrants: GrantSpec[] = [
  {
    funder: 'U.S. Embassy Skopje — Democracy Commission Small Grants',
    grant: {
      title: 'Career counselling training for women',
      reference: 'S-MK100-26-GR-014',
      currency: 'USD',
      amountMinor: 2_400_000,
      status: 'active',
      restrictions:
        'No alcohol, entertainment or lobbying costs. Budget changes over 10% of a line need written approval.',
    },
    months: 12,
    lines: embassyLines,
    tranches: [
      { month: 0, amount: 1_200_000, received: { day: 14, base: 64_680_000 } },
      { month: 9, amount: 1_200_000 },
    ],
    spending: [
      ...[0, 1, 2, 3, 4, 5].map((month) => ({
        line: '1',
        month,
        day: 25,
        payee: 'Project coordinator (salary)',
        description: 'Monthly salary, part time',
        amount: 2_700_000,
        currency: 'MKD' as const,
        receipt: `PAY-${month + 1}`,
      })),
      {
        line: '2',
        month: 2,
        day: 10,
        payee: 'Career Counsellors Association',
        description: 'Trainer fees, modules 1–4',
        amount: 180_000,
        currency: 'USD',
        receipt: 'INV-2026-031',
      },
      {
        line: '2',
        month: 4,
        day: 10,
        payee: 'Career Counsellors Association',
        description: 'Trainer fees, modules 5–8',
        amount: 180_000,
        currency: 'USD',
        receipt: 'INV-2026-058',
      },
      {
        line: '3',
        month: 2,
        day: 28,
        payee: 'Hotel Bristol Skopje',
        description: 'Hall and catering, weeks 1–4',
        amount: 8_100_000,
        currency: 'MKD',
        receipt: 'F-1187',
      },
      {
        line: '3',
        month: 4,
        day: 28,
        payee: 'Hotel Bristol Skopje',
        description: 'Hall and catering, weeks 5–8',
        amount: 8_100_000,
        currency: 'MKD',
        receipt: 'F-1342',
      },
      {
        line: '4',
        month: 2,
        day: 5,
        payee: 'Print Studio Vardar',
        description: 'Workbooks and certificates',
        amount: 8_100_000,
        currency: 'MKD',
        receipt: 'F-204',
      },
      {
        line: '5',
        month: 3,
        day: 30,
        payee: 'Participants (transport refunds)',
        description: 'Bus tickets, 20 participants',
        amount: 2_160_000,
        currency: 'MKD',
        receipt: 'TR-01',
      },
    ],
    deadlines: [
      { kind: 'financial', periodMonths: [0, 2], dueInDaysFromToday: -120, submitted: true },
      { kind: 'financial', periodMonths: [3, 5], dueInDaysFromToday: -10 },
      { kind: 'narrative', periodMonths: [0, 8], dueInDaysFromToday: 30 },
      { kind: 'final', periodMonths: [0, 11], dueInDaysFromToday: 150 },
    ],
  },
  {
    funder: 'Balkan Community Rights Network',
    grant: {
      title: 'Digital safety workshops in Strumica, Bitola and Skopje',
      reference: 'BCRN-SG-2026-07',
      currency: 'EUR',
      amountMinor: 800_000,
      status: 'active',
      notes: 'Sub-grant; reported on the network’s own template.',
    },
    months: 10,
    lines: [
      { code: 'A1', category: 'Workshops', description: 'Three cities, venue and refreshments', amount: 450_000 },
      { code: 'A2', category: 'Trainer', description: 'Digital safety trainer', amount: 250_000 },
      { code: 'A3', category: 'Communication', description: 'Invitations and follow-up materials', amount: 100_000 },
    ],
    revision: {
      month: 4,
      justification: 'Third workshop moved to a larger venue in Skopje; fewer printed materials.',
      amounts: { A1: 500_000, A3: 50_000 },
    },
    tranches: [{ month: 0, amount: 800_000, received: { day: 20, base: 49_120_000 } }],
    spending: [
      {
        line: 'A1',
        month: 1,
        day: 12,
        payee: 'Cultural Centre Strumica',
        description: 'Workshop, Strumica',
        amount: 6_150_000,
        currency: 'MKD',
        receipt: 'KC-77',
      },
      {
        line: 'A1',
        month: 2,
        day: 16,
        payee: 'Hotel Epinal Bitola',
        description: 'Workshop, Bitola',
        amount: 6_150_000,
        currency: 'MKD',
        receipt: 'EP-2291',
      },
      {
        line: 'A2',
        month: 2,
        day: 30,
        payee: 'Digital safety trainer',
        description: 'Fees, first two workshops',
        amount: 125_000,
        currency: 'EUR',
        receipt: 'DS-02',
      },
    ],
    deadlines: [{ kind: 'final', periodMonths: [0, 9], dueInDaysFromToday: 90 }],
  },
  {
    funder: 'Open Horizons Women’s Fund',
    grant: {
      title: 'Core support 2026',
      reference: 'OHWF-2026-112',
      currency: 'EUR',
      amountMinor: 1_500_000,
      status: 'active',
    },
    months: 12,
    lines: [
      { code: 'C1', category: 'Rent and utilities', description: 'Community space', amount: 720_000 },
      { code: 'C2', category: 'Staff', description: 'Outreach worker, part time', amount: 600_000 },
      { code: 'C3', category: 'Organisational development', description: 'Board meetings, audit', amount: 180_000 },
    ],
    tranches: [
      { month: 0, amount: 750_000, received: { day: 7, base: 46_050_000 } },
      { month: 6, amount: 750_000, received: { day: 9, base: 46_162_500 } },
    ],
    spending: [
      {
        line: 'C1',
        month: 1,
        day: 3,
        payee: 'Landlord (community space)',
        description: 'Rent',
        amount: 60_000,
        currency: 'EUR',
        receipt: 'R-02',
      },
      {
        line: 'C1',
        month: 2,
        day: 3,
        payee: 'Landlord (community space)',
        description: 'Rent',
        amount: 60_000,
        currency: 'EUR',
        receipt: 'R-03',
      },
      {
        line: 'C2',
        month: 2,
        day: 25,
        payee: 'Outreach worker (salary)',
        description: 'Monthly salary',
        amount: 3_075_000,
        currency: 'MKD',
        receipt: 'PAY-O3',
      },
    ],
    deadlines: [{ kind: 'narrative', periodMonths: [0, 5], dueInDaysFromToday: 45 }],
  },
];

/** First day of the month `offset` months after the month of `date`. */
export function monthStart(date: string, offset: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Last day of the month `offset` months after the month of `date`. */
export function lastDayOfMonth(date: string, offset: number): string {
  return addDays(monthStart(date, offset + 1), -1);
}

function dayInMonth(date: string, offset: number, day: number): string {
  return addDays(monthStart(date, offset), Math.min(day, 28) - 1);
}

/** Loads the demo grants into `orgId` (skipping any whose reference exists). Returns records made. */
export async function seedDemoGrants(db: Executor, orgId: string, today: string): Promise<number> {
  let created = 0;
  const start = monthStart(today, -8);
  // Rates on the first of every month from the start of the demo year to next month.
  for (let month = 0; month <= 9; month += 1) {
    for (const [currency, rate] of Object.entries(demoRates)) {
      const outcome = await upsertExchangeRate(db, orgId, {
        date: monthStart(start, month),
        fromCurrency: currency,
        toCurrency: 'MKD',
        rate,
        source: 'manual',
      });
      if (outcome === 'created') created += 1;
    }
  }
  const funders = (
    await listFunders(db, orgId, { search: '', status: 'all', sort: 'name', direction: 'asc', limit: 200, offset: 0 })
  ).items;
  for (const spec of demoGrants) {
    if (spec.grant.reference && (await findGrantByReference(db, orgId, spec.grant.reference))) continue;
    const funder = funders.find((f) => f.name === spec.funder);
    if (!funder) continue;
    const { status, restrictions, notes, ...grant } = spec.grant;
    const endDate = lastDayOfMonth(start, spec.months - 1);
    const grantId = await insertGrant(
      db,
      orgId,
      {
        ...grant,
        funderId: funder.id,
        startDate: start,
        endDate,
        costShareMinor: null,
        restrictions: restrictions ?? null,
        notes: notes ?? null,
      },
      status,
    );
    for (const [step, date] of [
      ['applied', addDays(start, -90)],
      ['awarded', addDays(start, -20)],
      ['active', start],
    ] as const) {
      await insertGrantStatusChange(db, orgId, { id: grantId, status: step, date, note: null, userId: null });
    }
    const lines = new Map<string, string>();
    for (const line of spec.lines) {
      const saved = await insertBudgetLine(db, orgId, {
        grantId,
        code: line.code,
        category: line.category,
        description: line.description,
        amountMinor: line.amount,
      });
      lines.set(line.code, saved.id);
    }
    if (spec.revision) {
      await insertBudgetRevision(db, orgId, {
        grantId,
        date: dayInMonth(start, spec.revision.month, 15),
        justification: spec.revision.justification,
        userId: null,
        changes: Object.entries(spec.revision.amounts).map(([code, after]) => ({
          budgetLineId: lines.get(code) ?? '',
          version: 1,
          before: spec.lines.find((l) => l.code === code)?.amount ?? 0,
          after,
        })),
      });
    }
    for (const tranche of spec.tranches) {
      await insertTranche(db, orgId, {
        grantId,
        expectedDate: dayInMonth(start, tranche.month, 10),
        expectedAmountMinor: tranche.amount,
        receivedDate: tranche.received ? dayInMonth(start, tranche.month, tranche.received.day) : null,
        receivedAmountMinor: tranche.received ? tranche.amount : null,
        receivedBaseMinor: tranche.received?.base ?? null,
        note: null,
      });
    }
    for (const spend of spec.spending) {
      const toGrant =
        spend.currency === grant.currency
          ? '1'
          : spend.currency === 'MKD'
            ? invertRate(demoRates[grant.currency as 'USD' | 'EUR'])
            : '';
      const amountGrantMinor = convertMinor(spend.amount, spend.currency, grant.currency, toGrant);
      const amountBaseMinor =
        spend.currency === 'MKD'
          ? spend.amount
          : convertMinor(spend.amount, spend.currency, 'MKD', demoRates[spend.currency]);
      await insertExpenditure(db, orgId, {
        grantId,
        budgetLineId: lines.get(spend.line) ?? '',
        date: dayInMonth(start, spend.month, spend.day),
        payee: spend.payee,
        description: spend.description,
        amountMinor: spend.amount,
        currency: spend.currency,
        rateToGrant: toGrant,
        rateSource: toGrant === '1' ? 'same' : 'table',
        amountGrantMinor,
        amountBaseMinor,
        receiptReference: spend.receipt,
      });
    }
    for (const deadline of spec.deadlines) {
      const dueDate = addDays(today, deadline.dueInDaysFromToday);
      await insertDeadline(db, orgId, {
        grantId,
        kind: deadline.kind,
        periodStart: monthStart(start, deadline.periodMonths[0]),
        periodEnd: lastDayOfMonth(start, deadline.periodMonths[1]),
        dueDate,
        submittedDate: deadline.submitted ? addDays(dueDate, -2) : null,
        note: null,
      });
    }
    await insertAuditEvent(db, {
      orgId,
      userId: null,
      action: 'create',
      entity: 'grant',
      entityId: grantId,
      fields: ['title', 'reference', 'currency', 'amountMinor'],
    });
    created += 1;
  }
  return created;
}

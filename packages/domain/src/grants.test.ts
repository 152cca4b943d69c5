import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBudgetVsActual } from './budget-vs-actual';
import { elapsedShare, isIsoDate } from './dates';
import {
  canTransition,
  createExpenditureInput,
  createGrantInput,
  createTrancheInput,
  deadlineState,
  grantStatuses,
  grantTransitions,
  isBalancedRevision,
  sniffReceiptType,
} from './grants';
import { can, roles } from './roles';

const grant = {
  funderId: 'f1',
  title: 'Career counselling training',
  reference: 'S-MK100-26-GR-001',
  currency: 'usd',
  amountMinor: 2_400_000,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('grant status', () => {
  it('moves only along the lifecycle', () => {
    expect(canTransition('prospect', 'applied')).toBe(true);
    expect(canTransition('applied', 'awarded')).toBe(true);
    expect(canTransition('awarded', 'active')).toBe(true);
    expect(canTransition('active', 'closed')).toBe(true);
    expect(canTransition('prospect', 'active')).toBe(false);
    expect(canTransition('closed', 'active')).toBe(false);
    expect(canTransition('declined', 'applied')).toBe(false);
  });

  it('has no cycles: no status can be reached again once left', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...grantStatuses), { maxLength: 12 }), (path) => {
        let current: (typeof grantStatuses)[number] = 'prospect';
        const seen = new Set<(typeof grantStatuses)[number]>([current]);
        for (const next of path) {
          if (!canTransition(current, next)) continue;
          expect(seen.has(next)).toBe(false);
          seen.add(next);
          current = next;
        }
      }),
    );
    for (const final of ['closed', 'declined', 'withdrawn'] as const) expect(grantTransitions[final]).toEqual([]);
  });
});

describe('grant input', () => {
  it('normalises a valid grant', () => {
    const parsed = createGrantInput.parse(grant);
    expect(parsed.currency).toBe('USD');
    expect(parsed.costShareMinor).toBeNull();
  });

  it('names the field for each kind of bad input', () => {
    expect(issues(createGrantInput.safeParse({ ...grant, amountMinor: -1 }))).toEqual({
      amountMinor: 'validation.negative',
    });
    expect(issues(createGrantInput.safeParse({ ...grant, amountMinor: 10.5 }))).toEqual({
      amountMinor: 'validation.tooPrecise',
    });
    expect(issues(createGrantInput.safeParse({ ...grant, currency: 'XYZ' }))).toEqual({
      currency: 'validation.invalidCurrency',
    });
    expect(issues(createGrantInput.safeParse({ ...grant, endDate: '2025-12-31' }))).toEqual({
      endDate: 'validation.endBeforeStart',
    });
    expect(issues(createGrantInput.safeParse({ ...grant, startDate: '2026-02-30' }))).toEqual({
      startDate: 'validation.invalidDate',
    });
  });

  it('requires the three parts of a received tranche together', () => {
    const tranche = { grantId: 'g1', expectedDate: '2026-02-01', expectedAmountMinor: 1000 };
    expect(createTrancheInput.safeParse(tranche).success).toBe(true);
    expect(issues(createTrancheInput.safeParse({ ...tranche, receivedDate: '2026-02-03' }))).toEqual({
      receivedAmountMinor: 'validation.required',
      receivedBaseMinor: 'validation.required',
    });
  });

  it('refuses a zero or over-precise expenditure and a malformed rate', () => {
    const expenditure = {
      grantId: 'g',
      budgetLineId: 'l',
      date: '2026-03-01',
      payee: 'Hall',
      description: 'Rent',
      amountMinor: 100,
      currency: 'MKD',
    };
    expect(createExpenditureInput.safeParse(expenditure).success).toBe(true);
    expect(issues(createExpenditureInput.safeParse({ ...expenditure, amountMinor: 0 }))).toEqual({
      amountMinor: 'validation.required',
    });
    expect(issues(createExpenditureInput.safeParse({ ...expenditure, rate: { per: 'USD', value: '-1' } }))).toEqual({
      'rate.value': 'validation.invalidRate',
    });
    expect(issues(createExpenditureInput.safeParse({ ...expenditure, rate: { per: 'XYZ', value: '54' } }))).toEqual({
      'rate.per': 'validation.invalidCurrency',
    });
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('26-1-1')).toBe(false);
  });

  it('measures the share of a period elapsed, both ends included', () => {
    expect(elapsedShare('2026-01-01', '2026-01-10', '2025-12-31')).toBe(0);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-05')).toBe(0.5);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2026-01-10')).toBe(1);
    expect(elapsedShare('2026-01-01', '2026-01-10', '2027-01-01')).toBe(1);
  });
});

describe('budget revisions', () => {
  it('are balanced when they only move money', () => {
    expect(
      isBalancedRevision([
        { before: 100, after: 70 },
        { before: 50, after: 80 },
      ]),
    ).toBe(true);
    expect(isBalancedRevision([{ before: 100, after: 120 }])).toBe(false);
  });
});

describe('budget vs actual', () => {
  it('computes remaining, shares, overspending, burn and cash on hand', () => {
    const result = computeBudgetVsActual({
      grant: { currency: 'USD', startDate: '2026-01-01', endDate: '2026-01-10' },
      baseCurrency: 'MKD',
      lines: [
        {
          budgetLineId: 'a',
          code: '1',
          category: 'Personnel',
          budgetMinor: 1000,
          spentMinor: 1200,
          spentBaseMinor: 73800,
          unconvertedCount: 0,
        },
        {
          budgetLineId: 'b',
          code: '2',
          category: 'Travel',
          budgetMinor: 3000,
          spentMinor: 300,
          spentBaseMinor: 18450,
          unconvertedCount: 1,
        },
      ],
      received: { grantMinor: 2000, baseMinor: 123000 },
      spentConverted: { grantMinor: 1500, baseMinor: 92250 },
      today: '2026-01-05',
    });
    expect(result.lines.map((l) => [l.remainingMinor, l.spentShare, l.overspent])).toEqual([
      [-200, 1.2, true],
      [2700, 0.1, false],
    ]);
    expect(result.total).toMatchObject({
      budgetMinor: 4000,
      spentMinor: 1500,
      remainingMinor: 2500,
      spentShare: 0.375,
      overspent: false,
      unconvertedCount: 1,
    });
    expect(result.elapsedShare).toBe(0.5);
    expect(result.burnRatio).toBe(0.75);
    expect(result.cash).toEqual({
      receivedMinor: 2000,
      receivedBaseMinor: 123000,
      spentMinor: 1500,
      spentBaseMinor: 92250,
      onHandMinor: 500,
      onHandBaseMinor: 30750,
    });
  });
});

describe('deadlines', () => {
  it('are submitted, overdue, due soon or upcoming', () => {
    expect(deadlineState({ dueDate: '2026-01-01', submittedDate: '2025-12-30' }, '2026-02-01')).toBe('submitted');
    expect(deadlineState({ dueDate: '2026-01-31', submittedDate: null }, '2026-02-01')).toBe('overdue');
    expect(deadlineState({ dueDate: '2026-02-20', submittedDate: null }, '2026-02-01')).toBe('due-soon');
    expect(deadlineState({ dueDate: '2026-06-01', submittedDate: null }, '2026-02-01')).toBe('upcoming');
  });
});

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('receipts', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(sniffReceiptType(ascii('%PDF-1.7 ...'))).toBe('application/pdf');
    expect(sniffReceiptType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffReceiptType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffReceiptType(ascii('<html><script>'))).toBeNull();
    expect(sniffReceiptType(ascii('MZ executable'))).toBeNull();
  });
});

describe('money permissions', () => {
  it('lets finance and admin change money and read the ledger; others read summaries only', () => {
    for (const permission of ['grant.write', 'ledger.read', 'ledger.write', 'rate.write'] as const) {
      expect(roles.filter((r) => can(r, permission))).toEqual(['admin', 'finance']);
    }
    expect(roles.filter((r) => can(r, 'grant.read'))).toEqual([...roles]);
  });
});

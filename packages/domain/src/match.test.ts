import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatchContributionInput, matchSummary, updateMatchContributionInput } from './match';
import { maxRecordMinor } from './money';
import { sf425Lines } from './report-pack';

const contribution = {
  grantId: 'g1',
  kind: 'inKind',
  source: 'Municipality of Bitola',
  date: '2026-03-14',
  amountMinor: 120_000,
  description: 'Community hall for the March workshops',
  evidenceReference: 'Letter 14/03',
};

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('match contribution input', () => {
  it('takes a contribution and turns empty optional text into null', () => {
    const parsed = createMatchContributionInput.parse({ ...contribution, description: '  ', evidenceReference: '' });
    expect(parsed).toMatchObject({ kind: 'inKind', source: 'Municipality of Bitola', amountMinor: 120_000 });
    expect(parsed.description).toBeNull();
    expect(parsed.evidenceReference).toBeNull();
  });

  it('names the field for each kind of bad input', () => {
    expect(issues(createMatchContributionInput.safeParse({ ...contribution, kind: 'loan' }))).toEqual({
      kind: 'validation.invalidChoice',
    });
    expect(issues(createMatchContributionInput.safeParse({ ...contribution, source: ' ' }))).toEqual({
      source: 'validation.required',
    });
    expect(issues(createMatchContributionInput.safeParse({ ...contribution, date: '2026-02-30' }))).toEqual({
      date: 'validation.invalidDate',
    });
    expect(issues(createMatchContributionInput.safeParse({ ...contribution, amountMinor: 0 }))).toEqual({
      amountMinor: 'validation.positive',
    });
    expect(issues(createMatchContributionInput.safeParse({ ...contribution, amountMinor: 1.5 }))).toEqual({
      amountMinor: 'validation.tooPrecise',
    });
    expect(
      issues(createMatchContributionInput.safeParse({ ...contribution, amountMinor: maxRecordMinor + 1 })),
    ).toEqual({ amountMinor: 'validation.tooLarge' });
    expect(
      issues(
        updateMatchContributionInput.safeParse({ ...contribution, id: 'm1', version: 0, source: 'x'.repeat(201) }),
      ),
    ).toEqual({ version: 'validation.invalidNumber', source: 'validation.tooLong?max=200' });
  });
});

describe('matchSummary', () => {
  it('adds cash and in kind, and says what is still to be provided and how much is met', () => {
    expect(matchSummary(300_000, { cashMinor: 50_000, inKindMinor: 100_000 })).toEqual({
      requiredMinor: 300_000,
      cashMinor: 50_000,
      inKindMinor: 100_000,
      contributedMinor: 150_000,
      remainingMinor: 150_000,
      metShare: 0.5,
    });
  });

  it('has no share met when no match is required', () => {
    expect(matchSummary(null, { cashMinor: 10, inKindMinor: 0 })).toMatchObject({
      requiredMinor: 0,
      remainingMinor: -10,
      metShare: null,
    });
  });

  it('agrees with SF-425 line 10 i–k: k = i − j, j the contributions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxRecordMinor }),
        fc.integer({ min: 0, max: maxRecordMinor / 2 }),
        fc.integer({ min: 0, max: maxRecordMinor / 2 }),
        (required, cash, inKind) => {
          const summary = matchSummary(required, { cashMinor: cash, inKindMinor: inKind });
          const lines = sf425Lines({
            cashReceiptsMinor: 0,
            cashDisbursementsMinor: 0,
            authorisedMinor: 0,
            federalExpendituresMinor: 0,
            unliquidatedObligationsMinor: 0,
            costShareRequiredMinor: summary.requiredMinor,
            recipientExpendituresMinor: summary.contributedMinor,
            programIncomeEarnedMinor: 0,
            programIncomeDeductionMinor: 0,
            programIncomeAdditionMinor: 0,
          });
          expect(lines.i).toBe(required);
          expect(lines.j).toBe(cash + inKind);
          expect(lines.k).toBe(summary.remainingMinor);
        },
      ),
    );
  });
});

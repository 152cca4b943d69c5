import { createTrancheInput } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { FormProblems } from './form-validation';

type Values = { expectedAmount: string; receivedAmount: string; receivedDate: string; expectedDate: string };

describe('FormProblems', () => {
  it('reads typed amounts with the user’s decimal mark and reports message keys per field', () => {
    const problems = new FormProblems<Values>();
    expect(problems.amount('expectedAmount', '1.234,56', 'EUR', ',')).toBe(123456);
    // A decimal point typed in Macedonian is still a decimal point (not 123.450,00).
    expect(problems.amount('expectedAmount', '1234.50', 'MKD', ',')).toBe(123450);
    expect(problems.amount('receivedAmount', '12,3456', 'EUR', ',')).toBeUndefined();
    expect(problems.optionalAmount('receivedAmount', '  ', 'EUR', ',')).toBeNull();
    expect(problems.amount('expectedDate', '12,345', 'EUR', ',')).toBeUndefined();
    expect(problems.problems).toEqual([
      ['receivedAmount', 'validation.tooPrecise?digits=2'],
      ['expectedDate', 'validation.ambiguousNumber'],
    ]);
  });

  it('maps the API schema’s issues onto form fields and returns the parsed input when all is well', () => {
    const problems = new FormProblems<Values>();
    const fieldFor = (path: string) =>
      (
        ({ expectedAmountMinor: 'expectedAmount', receivedAmountMinor: 'receivedAmount' }) as Record<
          string,
          keyof Values
        >
      )[path] ?? (path as keyof Values);
    const input = {
      grantId: 'g1',
      expectedDate: '2026-02-30',
      expectedAmountMinor: 100,
      receivedDate: '2026-03-01',
      receivedAmountMinor: null,
      receivedBaseMinor: 5000,
    };
    expect(problems.check(createTrancheInput, input, fieldFor)).toBeUndefined();
    expect(Object.fromEntries(problems.problems)).toEqual({
      expectedDate: 'validation.invalidDate',
      receivedAmount: 'validation.required',
    });

    const ok = new FormProblems<Values>();
    const parsed = ok.check(
      createTrancheInput,
      { ...input, expectedDate: '2026-02-28', receivedAmountMinor: 100 },
      fieldFor,
    );
    expect(parsed?.receivedAmountMinor).toBe(100);
  });
});

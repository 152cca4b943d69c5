import { describe, expect, it } from 'vitest';
import { formatMinorPlain, isStorableMinor, maxRecordMinor, minorUnitsSchema, parseAmount } from './money';

describe('the most one record may hold', () => {
  it('accepts the limit and refuses one minor unit more, typed or sent', () => {
    expect(minorUnitsSchema.safeParse(maxRecordMinor).success).toBe(true);
    const over = minorUnitsSchema.safeParse(maxRecordMinor + 1);
    expect(over.success ? null : over.error.issues.map((i) => i.message)).toEqual(['validation.tooLarge']);
    expect(parseAmount(formatMinorPlain(maxRecordMinor, 'USD'), 'USD')).toEqual({
      ok: true,
      amountMinor: maxRecordMinor,
    });
    expect(parseAmount(formatMinorPlain(maxRecordMinor + 1, 'USD'), 'USD')).toEqual({
      ok: false,
      error: 'validation.tooLarge',
    });
    expect(minorUnitsSchema.safeParse(170_000_000_000_000).success).toBe(false);
  });

  it('says which converted amounts a record can hold', () => {
    expect(isStorableMinor(maxRecordMinor)).toBe(true);
    expect(isStorableMinor(-maxRecordMinor)).toBe(true);
    expect(isStorableMinor(maxRecordMinor + 1)).toBe(false);
    expect(isStorableMinor(0.5)).toBe(false);
  });
});

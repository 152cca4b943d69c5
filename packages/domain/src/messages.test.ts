import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLocale } from './locales';
import { messageKey, parseMessageKey } from './messages';

describe('message keys', () => {
  it('round-trips parameters', () => {
    const key = messageKey('validation.tooLong', { max: 200 });
    expect(key).toBe('validation.tooLong?max=200');
    expect(parseMessageKey(key)).toEqual({ key: 'validation.tooLong', params: { max: '200' } });
    expect(parseMessageKey('validation.required')).toEqual({ key: 'validation.required', params: {} });
  });

  it('round-trips any parameter values, separators included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (params) => {
        const parsed = parseMessageKey(messageKey('validation.invalid', params));
        expect(parsed.key).toBe('validation.invalid');
        expect(parsed.params).toEqual({ ...params });
      }),
    );
  });
});

describe('locale matching', () => {
  it('takes the first supported language', () => {
    expect(matchLocale(['de-DE', 'mk-MK', 'en'])).toBe('mk');
    expect(matchLocale(['sq_AL'])).toBe('sq');
    expect(matchLocale(['fr'])).toBe('en');
  });
});

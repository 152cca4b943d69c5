import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAnswer, formatSequentialCode, uicMessage } from './participant-codes';

describe('sequential codes', () => {
  it('pads to four digits and grows past them', () => {
    expect(formatSequentialCode('ZR', 42)).toBe('ZR-0042');
    expect(formatSequentialCode('ZR', 12345)).toBe('ZR-12345');
    expect(() => formatSequentialCode('zr', 1)).toThrow(RangeError);
    expect(() => formatSequentialCode('ZR', 0)).toThrow(RangeError);
  });
});

describe('unique identifier code answers', () => {
  it('reads the same answer alike in Cyrillic, Latin, any case and with accents', () => {
    expect(canonicalAnswer('Марија')).toBe('MARIJA');
    expect(canonicalAnswer('marija')).toBe('MARIJA');
    expect(canonicalAnswer(' Ana-Marija Čučkova ')).toBe('ANAMARIJACUCKOVA');
    expect(canonicalAnswer('Ѓорѓи')).toBe('GJORGJI');
    expect(canonicalAnswer('1987')).toBe('1987');
  });

  it('is idempotent: canonical answers stay as they are', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(canonicalAnswer(canonicalAnswer(text))).toBe(canonicalAnswer(text));
      }),
    );
  });

  it('labels answers by question, keeps their order, and refuses an empty one', () => {
    const questions = ['mother', 'year'];
    expect(uicMessage(questions, { mother: 'Вера', year: '1990' })).toBe('mother=VERA|year=1990');
    expect(uicMessage(questions, { mother: '1990', year: 'Vera' })).not.toBe(
      uicMessage(questions, { mother: 'Vera', year: '1990' }),
    );
    expect(uicMessage(questions, { mother: ' - ', year: '1990' })).toBeNull();
    expect(uicMessage([], {})).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  findParticipantCode,
  findParticipantCodes,
  maskParticipantCodes,
  participantCodeFieldErrors,
  refineNoParticipantCode,
  uicLookalikes,
} from './code-in-text';
import { optionalText } from './fields';

const zr = { prefix: 'ZR' };
const found = (text: string, prefix = 'ZR') => findParticipantCode(text, { prefix })?.text ?? null;

describe('findParticipantCode', () => {
  it('finds a sequential code in any case, separated or joined, with or without leading zeros', () => {
    expect(found('ZR-0007 left early')).toBe('ZR-0007');
    expect(found('zr 0007 left early')).toBe('zr 0007');
    expect(found('Thanks to ZR0007.')).toBe('ZR0007');
    expect(found('as z r - 7 said')).toBe('z r - 7');
    expect(found('Zr_7, zr.0042')).toBe('Zr_7');
    expect(found('(ZR-7)')).toBe('ZR-7');
    expect(found('Z.R. 0042 came twice')).toBe('Z.R. 0042');
    expect(found('ZR–0007 and ZR — 12')).toBe('ZR–0007');
    expect(found('ZR-12345')).toBe('ZR-12345');
    expect(found('ZR\u00a00007')).toBe('ZR\u00a00007');
  });

  it('reads full-width and Cyrillic-keyboard codes as the code they show', () => {
    expect(found('ＺＲ－０００７ left')).toBe('ＺＲ－０００７');
    expect(found('ЗР-0007 си замина порано')).toBe('ЗР-0007');
    expect(found('зр 7')).toBe('зр 7');
  });

  it('says where the code is and which scheme it follows', () => {
    expect(findParticipantCode('Note: zr 0007 left', zr)).toEqual({ scheme: 'sequential', text: 'zr 0007', index: 6 });
    expect(findParticipantCodes('ZR-1 and U-7KQ2M-9XD4T, X-0A1B2C3D4E', zr).map((c) => c.scheme)).toEqual([
      'sequential',
      'uic',
      'erased',
    ]);
  });

  it('finds unique identifier codes and erased placeholders however separated', () => {
    expect(found('Code U-ABCDE-12345 found work.')).toBe('U-ABCDE-12345');
    expect(found('u 7kq2m 9xd4t came')).toBe('u 7kq2m 9xd4t');
    expect(found('U7KQ2M9XD4T')).toBe('U7KQ2M9XD4T');
    expect(found('u_7kq2m9xd4t')).toBe('u_7kq2m9xd4t');
    expect(found('U-ABCDE-FGHJK')).toBe('U-ABCDE-FGHJK');
    expect(found('(X-0A1B2C3D4E)')).toBe('X-0A1B2C3D4E');
    expect(found('x 0a1b2c3d4e')).toBe('x 0a1b2c3d4e');
  });

  it('leaves years, amounts, references and ordinary words alone', () => {
    for (const text of [
      'In 2026, 20 women completed 80 hours.',
      'COVID-19 restrictions ended in 2022',
      'EUR 1,500.00, 1 500 kr, USD 12.50, MKD 61.5',
      'Grant S-MK100-26-GR-014, 20 women, CT-1.',
      'CT-2026 ran in Strumica',
      'AZR-0042 is a product number; ZR-0042B is a room',
      'ZR 2026 strategy, the ZR annual meeting',
      'Обуката заврши: 20 жени.',
      'Takimi u mbajt në Shkup; unharnessed energy; unsweetened',
      'u mbajt takpm',
      'https://example.org/video-7',
      '',
    ]) {
      expect(findParticipantCodes(text, zr), text).toEqual([]);
    }
  });

  it('catches a digits-only prefix only in its issued shape', () => {
    expect(found('2026-0007 left', '2026')).toBe('2026-0007');
    expect(found('2026 7, 2026-27, 20260007', '2026')).toBeNull();
  });

  it('reads a one-letter prefix glued to a short number as a label', () => {
    expect(found('P1 indicator, A4 paper', 'P')).toBeNull();
    expect(found('A4 brochures', 'A')).toBeNull();
    expect(found('P-7, then', 'P')).toBe('P-7');
    expect(found('p 7', 'P')).toBe('p 7');
    expect(found('P0007', 'P')).toBe('P0007');
  });

  it('refuses an ordinary word used as a prefix followed by a number (documented)', () => {
    expect(found('in 12 towns', 'IN')).toBe('in 12');
    expect(found('in 2026', 'IN')).toBeNull();
  });

  it('ignores an invalid prefix but still finds the other schemes', () => {
    expect(found('zr-7', 'z r')).toBeNull();
    expect(found('U-7KQ2M-9XD4T', '')).toBe('U-7KQ2M-9XD4T');
  });
});

// Properties: any real code, re-cased and re-separated, embedded in arbitrary text, is found.

const separatorChar = fc.constantFrom(' ', '-', '_', '.', '–', '—', '\u00a0', '·');
const separators = (max: number) => fc.array(separatorChar, { maxLength: max }).map((s) => s.join(''));
const recased = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flips) => [...text].map((c, i) => (flips[i] ? c.toLowerCase() : c)).join(''));
const boundary = fc.constantFrom(' ', '(', '\n', '"', ': ', ', ');
const surrounding = fc.string({ maxLength: 30 });

function expectFoundIn(code: string, prefix: string, left: string, right: string, open: string, close: string) {
  const text = `${left}${open}${code}${close}${right}`;
  const start = left.length + open.length;
  const end = start + code.length;
  const codes = findParticipantCodes(text, { prefix });
  expect(
    codes.some((c) => c.index < end && c.index + c.text.length > start),
    JSON.stringify({ text, codes }),
  ).toBe(true);
}

describe('findParticipantCode properties', () => {
  const prefix = fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 1, maxLength: 8 })
    .filter((p) => /[A-Z]/.test(p));

  it('finds every sequential code, re-cased, re-separated and with or without its zeros', () => {
    fc.assert(
      fc.property(
        prefix.chain((p) =>
          fc.record({
            prefix: fc.constant(p),
            written: recased(p),
            inner: fc.array(fc.constantFrom('', ' ', '.', '-', '. '), { minLength: p.length, maxLength: p.length }),
          }),
        ),
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 1, max: 6 }),
        separators(3),
        surrounding,
        surrounding,
        boundary,
        boundary,
        ({ prefix: p, written, inner }, sequence, width, separator, left, right, open, close) => {
          const digits = String(sequence).padStart(width, '0');
          // The documented exceptions: a year-like number after the prefix and spaces only, and a
          // one-letter prefix glued to fewer than four digits.
          fc.pre(!(separator !== '' && separator.trim() === '' && /^(19[5-9]\d|20\d\d)$/.test(digits)));
          fc.pre(!(p.length === 1 && separator === '' && digits.length < 4));
          const prefixText = [...written].map((c, i) => (i === 0 ? c : `${inner[i] ?? ''}${c}`)).join('');
          expectFoundIn(`${prefixText}${separator}${digits}`, p, left, right, open, close);
        },
      ),
    );
  });

  const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const body = fc.string({ unit: fc.constantFrom(...crockford), minLength: 10, maxLength: 10 });

  it('finds every unique identifier code holding a digit, however cased and separated', () => {
    fc.assert(
      fc.property(
        body.filter((b) => /\d/.test(b)).chain((b) => recased(`U${b}`)),
        separators(3),
        separators(3),
        surrounding,
        surrounding,
        boundary,
        boundary,
        (written, s1, s2, left, right, open, close) => {
          const code = `${written[0]}${s1}${written.slice(1, 6)}${s2}${written.slice(6)}`;
          expectFoundIn(code, 'ZR', left, right, open, close);
        },
      ),
    );
  });

  it('finds every unique identifier code written in upper case, however separated', () => {
    fc.assert(
      fc.property(body, separators(3), separators(3), surrounding, surrounding, (b, s1, s2, left, right) => {
        expectFoundIn(`U${s1}${b.slice(0, 5)}${s2}${b.slice(5)}`, 'ZR', left, right, ' ', ' ');
      }),
    );
  });

  it('finds every erased placeholder holding a digit, however cased and separated', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(
        hex.filter((h) => /\d/.test(h)).chain((h) => recased(`X${h}`)),
        separators(3),
        surrounding,
        surrounding,
        (written, s, left, right) => {
          expectFoundIn(`${written[0]}${s}${written.slice(1)}`, 'ZR', left, right, ' ', ' ');
        },
      ),
    );
  });
});

describe('participantCodeFieldErrors and refineNoParticipantCode', () => {
  it('names each field that holds a code, with the code, and nothing else', () => {
    expect(
      participantCodeFieldErrors({ title: 'Workshop', note: 'ZR-0007 left early', module: null, other: undefined }, zr),
    ).toEqual({ note: ['validation.mentionsCode?code=ZR-0007'] });
    expect(participantCodeFieldErrors({ title: 'Workshop in 2026' }, zr)).toEqual({});
  });

  it('works as a zod refinement', () => {
    const schema = optionalText(1000).superRefine(refineNoParticipantCode(zr));
    expect(schema.safeParse('All twenty came').success).toBe(true);
    expect(schema.safeParse(null).success).toBe(true);
    const result = schema.safeParse('zr 0007 left early');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('validation.mentionsCode?code=zr%200007');
  });

  it('accepts z.string() too', () => {
    expect(z.string().superRefine(refineNoParticipantCode(zr)).safeParse('U-7KQ2M-9XD4T').success).toBe(false);
  });
});

describe('uicLookalikes', () => {
  it('lists the all-letter lower-case runs the rule lets pass, with the code each would be', () => {
    expect(uicLookalikes('met u mbajt takpm and u·mbajt·takim').map((l) => [l.text, l.code])).toEqual([
      ['u mbajt takpm', 'U-MBAJT-TAKPM'],
      ['u·mbajt·takim', 'U-MBAJT-TAKIM'],
    ]);
    // Caught by the rule itself (a digit, or upper case as shown on screen): not a lookalike.
    expect(uicLookalikes('U-MBAJT-TAKPM and u 7kq2m 9xd4t')).toEqual([]);
    // A word of the shape is a lookalike too: refused only where it is an issued code.
    expect(uicLookalikes('unharnessed joy').map((l) => l.code)).toEqual(['U-NHARN-ESSED']);
  });
});

describe('maskParticipantCodes', () => {
  it('puts the neutral mark where each code stood, leaving the rest of the text', () => {
    expect(maskParticipantCodes('Bus fare for ZR-0007 and zr 12, receipt F-1187', { prefix: 'ZR' })).toBe(
      'Bus fare for x and x, receipt F-1187',
    );
    expect(maskParticipantCodes('Refund to U-7KQ2M-9XD4T', { prefix: 'ZR' })).toBe('Refund to x');
    expect(maskParticipantCodes('Hotel Bristol Skopje, weeks 1–4', { prefix: 'ZR' })).toBe(
      'Hotel Bristol Skopje, weeks 1–4',
    );
  });
});

import {
  activityKinds,
  ageBands,
  deadlineKinds,
  disaggregations,
  genders,
  indicatorDirections,
  indicatorLevels,
  indicatorTypes,
  locales,
  narrativeSectionKeys,
  outputKinds,
} from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { type Catalog, catalogs, fill } from '../src';

function flatten(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out[path] = child;
    else Object.assign(out, flatten(child, path));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = flatten(catalogs.en);

describe('report catalogs', () => {
  it.each(locales)('%s has exactly the English keys, none empty, with the same placeholders', (locale) => {
    const catalog = flatten(catalogs[locale]);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, value] of Object.entries(catalog)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders(value), key).toEqual(placeholders(english[key] ?? ''));
    }
    expect(Object.keys(catalog).length).toBeGreaterThan(200);
  });

  it('labels every value of the domain enums in every locale', () => {
    const enums: [keyof Catalog, readonly string[]][] = [
      ['activityKind', activityKinds],
      ['outputKind', outputKinds],
      ['gender', genders],
      ['ageBand', ageBands],
      ['indicatorLevel', indicatorLevels],
      ['indicatorDirection', indicatorDirections],
      ['indicatorType', indicatorTypes],
      ['narrativeSection', narrativeSectionKeys],
      ['disaggregation', disaggregations],
      ['deadlineKind', deadlineKinds],
    ];
    for (const locale of locales) {
      for (const [group, values] of enums) {
        const labels = catalogs[locale][group] as Record<string, string>;
        expect(Object.keys(labels).sort(), `${locale}.${group}`).toEqual([...values].sort());
      }
    }
  });

  it('is translated, not copied: Macedonian in Cyrillic, Swedish and Albanian mostly different from English', () => {
    const mk = Object.values(flatten(catalogs.mk)).filter((v) => /[A-Za-z\u0400-\u04ff]{3}/.test(v));
    const cyrillic = mk.filter((v) => /[\u0400-\u04ff]/.test(v));
    expect(cyrillic.length / mk.length).toBeGreaterThan(0.97);
    expect(catalogs.mk.parts.activities).toBe('Активности');
    for (const locale of ['sv', 'sq'] as const) {
      const catalog = flatten(catalogs[locale]);
      const same = Object.entries(catalog).filter(([key, value]) => value === english[key] && /[a-z]{4}/i.test(value));
      // Cognates are fine ("Budget", "Status", "Video"); a copied catalog would be near 100 %.
      expect(same.length / Object.keys(catalog).length, `${locale}: ${same.map(([k]) => k).join(', ')}`).toBeLessThan(
        0.08,
      );
    }
    expect(catalogs.sv.narrativeSection.summary).toBe('Sammanfattning');
    expect(catalogs.sq.meta.emptyPeriod).toContain('asnjë aktivitet');
  });

  it('keeps sheet names within the 31 characters Excel allows', () => {
    for (const locale of locales) {
      const L = catalogs[locale];
      for (const name of [...Object.values(L.parts), L.eu.sheet, L.eu.expenditureSummary, L.eu.expenditureList]) {
        expect(name.length, `${locale}: ${name}`).toBeLessThanOrEqual(31);
        expect(name).not.toMatch(/[:\\/?*[\]]/);
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill(catalogs.en.meta.suppressionNote, { mark: 'x' })).toBe(
      'x: not shown, to protect people in small groups.',
    );
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

import { describe, expect, it } from 'vitest';
import { changedFields, foldForSearch, funderFields, funderSearchText, updateFunderInput } from './funders';

const valid = {
  name: 'Open Horizons Women’s Fund',
  kind: 'foundation',
  country: 'nl',
  website: 'https://example.org/grants',
  contactName: '',
  contactEmail: ' Programmes@Example.org ',
  notes: '',
};

function fieldMessages(input: unknown): Record<string, string[]> {
  const result = funderFields.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join('.')] ??= []).push(issue.message);
  return out;
}

describe('funder fields', () => {
  it('normalises a valid funder: trims, upper-cases the country, empties become null', () => {
    const parsed = funderFields.parse(valid);
    expect(parsed).toEqual({
      name: 'Open Horizons Women’s Fund',
      kind: 'foundation',
      country: 'NL',
      website: 'https://example.org/grants',
      contactName: null,
      contactEmail: 'programmes@example.org',
      notes: null,
    });
  });

  it('names the field and the rule for each kind of bad input', () => {
    expect(fieldMessages({ ...valid, name: '   ' })).toEqual({ name: ['validation.required'] });
    expect(fieldMessages({ ...valid, name: 'x'.repeat(10_000) })).toEqual({ name: ['validation.tooLong?max=200'] });
    expect(fieldMessages({ ...valid, kind: 'lottery' })).toEqual({ kind: ['validation.invalidChoice'] });
    expect(fieldMessages({ ...valid, website: 'not a url' })).toEqual({ website: ['validation.invalidUrl'] });
    expect(fieldMessages({ ...valid, website: 'javascript:alert(1)' })).toEqual({ website: ['validation.invalidUrl'] });
    expect(fieldMessages({ ...valid, website: 'ftp://example.org' })).toEqual({ website: ['validation.invalidUrl'] });
    expect(fieldMessages({ ...valid, website: 'https://пример.мкд/грантови' })).toEqual({});
    expect(fieldMessages({ ...valid, website: 'https://xn--e1afmkfd.xn--d1alf/' })).toEqual({});
    expect(fieldMessages({ ...valid, country: 'Macedonia' })).toEqual({ country: ['validation.invalidCountry'] });
    expect(fieldMessages({ ...valid, contactEmail: 'nobody@' })).toEqual({ contactEmail: ['validation.invalidEmail'] });
    expect(fieldMessages({ ...valid, notes: 'n'.repeat(5001) })).toEqual({ notes: ['validation.tooLong?max=5000'] });
  });

  it('requires a positive integer version on update', () => {
    expect(updateFunderInput.safeParse({ ...valid, id: 'f1', version: 0 }).success).toBe(false);
    expect(updateFunderInput.safeParse({ ...valid, id: 'f1', version: 1.5 }).success).toBe(false);
    expect(updateFunderInput.safeParse({ ...valid, id: 'f1', version: 3 }).success).toBe(true);
  });
});

describe('search folding', () => {
  it('folds case, accents and Cyrillic case alike', () => {
    expect(foldForSearch('  Фондација   Отворен ')).toBe('фондација отворен');
    expect(foldForSearch('Mjeku Ëndërr')).toBe('mjeku enderr');
    expect(foldForSearch('ÅSA')).toBe('asa');
  });

  it('indexes name, country and contact', () => {
    expect(
      funderSearchText({ name: 'City of Skopje', country: 'MK', contactName: 'Grants Desk', contactEmail: null }),
    ).toBe('city of skopje mk grants desk');
  });
});

describe('changedFields', () => {
  it('lists only the fields whose values differ, sorted', () => {
    const before = { name: 'A', kind: 'other', notes: null as string | null };
    expect(changedFields(before, { name: 'A', kind: 'private', notes: 'x' })).toEqual(['kind', 'notes']);
    expect(changedFields(before, { name: 'A' })).toEqual([]);
  });
});

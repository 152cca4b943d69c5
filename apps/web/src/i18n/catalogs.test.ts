import type { AppErrorCode } from '@tessera/api';
import { auditActions, domainErrorCodes, funderKinds, roles, validationKeys } from '@tessera/domain';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { catalogs } from './catalogs';
import { en } from './messages/en';

const englishKeys = Object.keys(en) as (keyof typeof en)[];
const transportOnlyCodes: AppErrorCode[] = ['INTERNAL', 'BAD_REQUEST'];

describe('catalogs', () => {
  for (const locale of ['mk', 'sv', 'sq'] as const) {
    it(`${locale} has every English key, non-empty, and no extra keys`, () => {
      const catalog = catalogs[locale];
      for (const key of englishKeys) expect(catalog[key]?.trim(), `${locale}: ${key}`).toBeTruthy();
      expect(Object.keys(catalog).sort()).toEqual([...englishKeys].sort());
    });

    it(`${locale} messages are valid ICU and use the same arguments as English`, () => {
      const intl = createIntl({
        locale,
        messages: catalogs[locale],
        onError: (error) => {
          throw error;
        },
      });
      for (const key of englishKeys) {
        const args = [...en[key].matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]);
        const values = Object.fromEntries(args.map((arg) => [arg, 3]));
        expect(() => intl.formatMessage({ id: key }, values), `${locale}: ${key}`).not.toThrow();
        for (const arg of new Set(args))
          expect(catalogs[locale][key], `${locale}: ${key} uses {${arg}}`).toContain(`{${arg}`);
      }
    });
  }

  it('Macedonian is written in Cyrillic', () => {
    const cyrillic = /\p{Script=Cyrillic}/u;
    const intl = createIntl({ locale: 'mk', messages: catalogs.mk });
    const latinOnly = englishKeys.filter((key) => {
      const text = intl.formatMessage(
        { id: key },
        { count: 3, seconds: 3, max: 3, min: 3, page: 3, name: '', date: '', currency: '', sample: '' },
      );
      return /\p{L}{3,}/u.test(text) && !cyrillic.test(text) && key !== 'app.name';
    });
    expect(latinOnly).toEqual([]);
  });

  it('covers every validation key, error code, role, funder kind and audit action', () => {
    const needed = [
      ...validationKeys,
      ...[...domainErrorCodes, ...transportOnlyCodes, 'NETWORK'].map((code) => `error.${code}`),
      ...roles.map((role) => `role.${role}`),
      ...funderKinds.map((kind) => `funderKind.${kind}`),
      ...auditActions.map((action) => `audit.action.${action}`),
    ];
    for (const locale of ['en', 'mk', 'sv', 'sq'] as const) {
      const missing = needed.filter((key) => !(catalogs[locale] as Record<string, string>)[key]);
      expect(missing, locale).toEqual([]);
    }
  });
});

import type { AppErrorCode, StorageErrorCode } from '@tessera/api';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  auditActions,
  deadlineKinds,
  domainErrorCodes,
  funderKinds,
  grantStatuses,
  roles,
  validationKeys,
} from '@tessera/domain';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { catalogs } from './all-catalogs';
import { en } from './messages/en';

const englishKeys = Object.keys(en) as (keyof typeof en)[];
const storageCodes = Object.keys({
  STORAGE_FULL: true,
  STORAGE_READ_ONLY: true,
  STORAGE_MISSING: true,
  STORAGE_IO: true,
  STORAGE_BUSY: true,
} satisfies Record<StorageErrorCode, true>);
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
      const args = [...en[key].matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]);
      const values = Object.fromEntries(args.map((arg) => [arg, 3]));
      const text = intl.formatMessage({ id: key }, values);
      return /\p{L}{3,}/u.test(text) && !cyrillic.test(text) && key !== 'app.name';
    });
    expect(latinOnly).toEqual([]);
  });

  it('has a message for every id the source code names', () => {
    const root = path.resolve(__dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.tsx?$/.test(file) && !file.includes('.test.') && !file.startsWith('i18n'),
    );
    const ids = new Set<string>();
    for (const file of files) {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/(?:\bt\(|id: )'([a-zA-Z]+\.[\w.-]+)'/g)) ids.add(match[1] as string);
    }
    expect(ids.size).toBeGreaterThan(100);
    expect([...ids].filter((id) => !(id in en))).toEqual([]);
  });

  it('labels every grant status, deadline kind and state, rate source and new audit entity', () => {
    const needed = [
      ...grantStatuses.map((s) => `grantStatus.${s}`),
      ...deadlineKinds.map((k) => `deadlineKind.${k}`),
      ...['overdue', 'due-soon', 'submitted', 'upcoming'].map((s) => `deadlineState.${s}`),
      ...['same', 'table', 'typed', 'manual', 'csv'].map((s) => `rateSource.${s}`),
      ...[
        'grant',
        'budget_line',
        'budget_revision',
        'tranche',
        'expenditure',
        'match_contribution',
        'exchange_rate',
        'reporting_deadline',
        'partner',
        'project',
        'activity',
        'activity_session',
        'output',
        'participant',
        'enrollment',
        'organization',
        'import',
      ].map((e) => `audit.entity.${e}`),
    ];
    expect(needed.filter((key) => !(key in en))).toEqual([]);
  });

  it('covers every validation key, error code, role, funder kind and audit action', () => {
    const needed = [
      ...validationKeys,
      ...[...domainErrorCodes, ...transportOnlyCodes, ...storageCodes, 'NETWORK'].map((code) => `error.${code}`),
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

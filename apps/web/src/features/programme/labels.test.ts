import { activityKinds, ageBands, attendanceModes, genders, outputKinds, weekdays } from '@tessera/domain';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { programmeEn } from '../../i18n/messages/programme/en';
import { programmeMk } from '../../i18n/messages/programme/mk';
import { programmeSq } from '../../i18n/messages/programme/sq';
import { programmeSv } from '../../i18n/messages/programme/sv';

describe('programme labels', () => {
  it('label every activity kind, output kind, gender, age band, weekday and attendance mode', () => {
    const needed = [
      ...activityKinds.map((k) => `programme.activityKind.${k}`),
      ...outputKinds.map((k) => `programme.outputKind.${k}`),
      ...genders.map((g) => `programme.gender.${g}`),
      ...ageBands.map((b) => `programme.ageBand.${b}`),
      ...weekdays.flatMap((d) => [`programme.weekday.${d}`, `programme.weekdayLong.${d}`]),
      ...attendanceModes.flatMap((m) => [`programme.attendanceMode.${m}`, `programme.attendanceMode.${m}.hint`]),
    ];
    expect(needed.filter((key) => !(key in programmeEn))).toEqual([]);
  });

  it('every key uses the programme. prefix', () => {
    expect(Object.keys(programmeEn).filter((key) => !key.startsWith('programme.'))).toEqual([]);
  });

  for (const [locale, catalog] of Object.entries({ mk: programmeMk, sv: programmeSv, sq: programmeSq })) {
    it(`${locale} formats every message with the English arguments`, () => {
      const intl = createIntl({
        locale,
        messages: catalog,
        onError: (error) => {
          throw error;
        },
      });
      for (const [key, english] of Object.entries(programmeEn)) {
        const args = [...english.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1] as string);
        const values = Object.fromEntries(args.map((arg) => [arg, 3]));
        expect(() => intl.formatMessage({ id: key }, values), `${locale}: ${key}`).not.toThrow();
        for (const arg of new Set(args)) expect(catalog[key as keyof typeof catalog], key).toContain(`{${arg}`);
      }
    });
  }
});

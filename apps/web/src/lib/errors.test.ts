import { funderFields } from '@tessera/domain';
import { createIntl } from 'react-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/all-catalogs';
import { loadCatalog } from '../i18n/catalogs';
import { firstFieldErrors, readAppError, translateAppError, translateMessageKey } from './errors';

const english = createIntl({ locale: 'en', messages: catalogs.en });
const macedonian = createIntl({ locale: 'mk', messages: catalogs.mk });

// The app knows which keys have messages once a language is loaded.
beforeAll(async () => {
  await loadCatalog('mk');
});

describe('translateMessageKey', () => {
  it('translates a key with parameters', () => {
    expect(translateMessageKey(english, 'validation.tooLong?max=200')).toBe('Use at most 200 characters.');
    expect(translateMessageKey(macedonian, 'validation.tooShort?min=10')).toBe('Користете најмалку 10 знаци.');
  });

  it('translates what the shared zod schema produces in the browser', () => {
    const result = funderFields.safeParse({ name: 'x'.repeat(201), kind: 'nope', website: 'javascript:alert(1)' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(
      (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), translateMessageKey(english, issue.message)]),
    );
    expect(messages).toEqual({
      name: 'Use at most 200 characters.',
      kind: 'Choose one of the options.',
      website: 'Enter a web address starting with http:// or https://.',
    });
  });

  it('never shows a raw key', () => {
    expect(translateMessageKey(english, 'validation.somethingNew')).toBe('This value is not valid.');
    expect(translateMessageKey(english, undefined)).toBeUndefined();
  });
});

describe('readAppError and translateAppError', () => {
  it('reads the server error data of a tRPC client error', () => {
    const error = Object.assign(new Error('Some fields are not valid.'), {
      data: { appCode: 'VALIDATION', fieldErrors: { name: ['validation.required'] }, retryAfterSeconds: null },
    });
    const info = readAppError(error);
    expect(info?.appCode).toBe('VALIDATION');
    expect(firstFieldErrors(info)).toEqual([['name', 'validation.required']]);
  });

  it('translates codes, with the wait for RATE_LIMITED', () => {
    const limited = readAppError({ data: { appCode: 'RATE_LIMITED', fieldErrors: null, retryAfterSeconds: 30 } });
    expect(limited && translateAppError(english, limited)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(limited && translateAppError(macedonian, limited)).toContain('30 секунди');
    const stale = readAppError({ data: { appCode: 'STALE_VERSION', fieldErrors: null, retryAfterSeconds: null } });
    expect(stale && translateAppError(english, stale)).toMatch(/^Someone else changed this record/);
  });

  it('treats a failed fetch as a network error and anything else as internal', () => {
    expect(readAppError(new TypeError('Failed to fetch'))?.appCode).toBe('NETWORK');
    expect(readAppError(new Error('boom'))?.appCode).toBe('INTERNAL');
    expect(readAppError(null)).toBeNull();
  });
});

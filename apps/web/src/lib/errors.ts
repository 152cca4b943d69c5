import type { AppErrorCode } from '@tessera/api';
import { type FieldErrors, parseMessageKey } from '@tessera/domain';
import type { IntlShape } from 'react-intl';
import { isMessageId } from '../i18n/catalogs';

/** What the web app needs from any failed call, whatever shape the failure took. */
export interface AppErrorInfo {
  appCode: AppErrorCode | 'NETWORK';
  fieldErrors: FieldErrors | null;
  retryAfterSeconds: number | null;
}

/**
 * Reads the server's error data (see `AppErrorData` in @tessera/api) from a tRPC client error.
 * A failure without it (offline, proxy error, a 403 from the CSRF guard without fields) still
 * yields a code the UI can translate.
 */
export function readAppError(error: unknown): AppErrorInfo | null {
  if (error == null) return null;
  const data = (error as { data?: unknown }).data as
    | { appCode?: unknown; fieldErrors?: unknown; retryAfterSeconds?: unknown }
    | null
    | undefined;
  if (data && typeof data.appCode === 'string') {
    return {
      appCode: data.appCode as AppErrorCode,
      fieldErrors: (data.fieldErrors as FieldErrors | null | undefined) ?? null,
      retryAfterSeconds: typeof data.retryAfterSeconds === 'number' ? data.retryAfterSeconds : null,
    };
  }
  const message = error instanceof Error ? error.message : '';
  if (/fetch|network|load failed/i.test(message))
    return { appCode: 'NETWORK', fieldErrors: null, retryAfterSeconds: null };
  return { appCode: 'INTERNAL', fieldErrors: null, retryAfterSeconds: null };
}

/**
 * Translates a validation message key such as `validation.tooLong?max=200` (from the shared zod
 * schemas, client side, or from the server's fieldErrors). Unknown keys fall back to the generic
 * "not valid" message rather than showing a raw key.
 */
export function translateMessageKey(intl: IntlShape, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const { key, params } = parseMessageKey(message);
  const id = isMessageId(key) ? key : 'validation.invalid';
  return intl.formatMessage({ id }, params);
}

/** The one sentence shown for an error code (in an alert or notification). */
export function translateAppError(intl: IntlShape, info: AppErrorInfo): string {
  const id = `error.${info.appCode}`;
  return intl.formatMessage(
    { id: isMessageId(id) ? id : 'error.INTERNAL' },
    { seconds: Math.max(1, Math.ceil(info.retryAfterSeconds ?? 1)) },
  );
}

/** The first field error per field path, ready for react-hook-form's `setError`. */
export function firstFieldErrors(info: AppErrorInfo | null): [string, string][] {
  if (!info?.fieldErrors) return [];
  return Object.entries(info.fieldErrors).flatMap(([path, keys]) =>
    keys[0] ? [[path, keys[0]] as [string, string]] : [],
  );
}

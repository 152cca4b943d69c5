import type { Locale } from '@tessera/domain';
import { en, type MessageId } from './messages/en';
import { mk } from './messages/mk';
import { sq } from './messages/sq';
import { sv } from './messages/sv';

/** All UI catalogs, keyed by locale. Small enough to ship together; no lazy loading needed yet. */
export const catalogs: Record<Locale, Record<MessageId, string>> = { en, mk, sv, sq };

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(en, id);
}

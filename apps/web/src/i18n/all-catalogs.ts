import type { Locale } from '@tessera/domain';
import type { Catalog } from './catalogs';
import { en } from './messages/en';
import { mk } from './messages/mk';
import { sq } from './messages/sq';
import { sv } from './messages/sv';

/** Every catalog at once, for tests; the app loads one language at a time (./catalogs.ts). */
export const catalogs: Record<Locale, Catalog> = { en, mk, sv, sq };

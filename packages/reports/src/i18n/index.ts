import type { Locale } from '@tessera/domain';
import { type Catalog, en } from './en';
import { mk } from './mk';
import { sq } from './sq';
import { sv } from './sv';

export type { Catalog };

/** The report labels per locale; every catalog has the keys of `en` (checked by the typecheck and a test). */
export const catalogs: Record<Locale, Catalog> = { en, mk, sv, sq };

/** Fills `{name}` placeholders; a placeholder without a value stays as it is, so a gap shows. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

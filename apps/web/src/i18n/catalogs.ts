import type { Locale } from '@tessera/domain';
import type { MessageId } from './messages/en';

export type Catalog = Record<MessageId, string>;

/**
 * Each language's messages are a chunk of their own, loaded when the language is chosen: the
 * first load carries none of the other three. Every catalog has the same keys (the type says so,
 * and i18n/catalogs.test.ts checks it).
 */
const loaders: Record<Locale, () => Promise<Catalog>> = {
  en: async () => (await import('./messages/en')).en,
  mk: async () => (await import('./messages/mk')).mk,
  sv: async () => (await import('./messages/sv')).sv,
  sq: async () => (await import('./messages/sq')).sq,
};

let loaded: Catalog | null = null;

export async function loadCatalog(locale: Locale): Promise<Catalog> {
  const catalog = await loaders[locale]();
  loaded = catalog;
  return catalog;
}

/** Whether a key from the server has a message (in the loaded catalog: all have the same keys). */
export function isMessageId(id: string): id is MessageId {
  return loaded !== null && Object.hasOwn(loaded, id);
}

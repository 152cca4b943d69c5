import { databaseName, deleteEverything } from './store';

/**
 * Wipes everything offline attendance kept on this phone: the IndexedDB database (snapshot and
 * outbox), every Cache Storage cache, and the service worker. Returns whether anything was there.
 */
export async function wipeOffline(): Promise<boolean> {
  let found = false;
  try {
    const databases = await indexedDB.databases();
    found = databases.some((database) => database.name === databaseName);
  } catch {
    found = true;
  }
  if (found) await deleteEverything();
  if ('caches' in window) {
    for (const key of await caches.keys()) {
      found = true;
      await caches.delete(key);
    }
  }
  if ('serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      found = true;
      await registration.unregister();
    }
  }
  return found;
}

import { databaseName, deleteEverything } from './store';

/**
 * Wipes everything offline attendance kept on this phone: every IndexedDB database of the app
 * (the snapshot and outbox, the service worker's cache timestamps), every Cache Storage cache, and
 * the service worker. Returns whether anything was there, and whether a service worker was (the
 * page it controls should then be loaded afresh, or its fetches would fill a cache again).
 */
export async function wipeOffline(): Promise<{ found: boolean; worker: boolean }> {
  let found = false;
  let worker = false;
  // Ours, and the service worker's own (workbox-expiration: which asset was cached when).
  let names: string[] = [databaseName];
  try {
    names = (await indexedDB.databases()).flatMap((database) => (database.name ? [database.name] : []));
    found = names.length > 0;
  } catch {
    found = true;
  }
  if (names.includes(databaseName)) await deleteEverything();
  await Promise.all(
    names
      .filter((name) => name !== databaseName)
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
  if ('caches' in window) {
    for (const key of await caches.keys()) {
      found = true;
      await caches.delete(key);
    }
  }
  if ('serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      found = true;
      worker = true;
      await registration.unregister();
    }
  }
  return { found, worker };
}

import { refreshSnapshot } from './snapshot';
import { startSender } from './sender';

/**
 * Offline attendance, started once the app is signed in (never on the sign-in page): the service
 * worker that keeps the app's shell, the kept registers, and the outbox sender.
 */

let started = false;

export async function startOffline(): Promise<void> {
  if (!started) {
    started = true;
    window.addEventListener('online', () => void refreshSnapshot().catch(() => undefined));
    startSender();
  }
  const kept = await refreshSnapshot().catch(() => false);
  if (kept) await registerServiceWorker();
}

/** The service worker's cache of hashed assets (vite.config.ts, runtimeCaching). */
export const assetCache = 'tessera-assets';

async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    // The register's screens, loaded now while there is a signal...
    await Promise.all([import('../participants/register-page'), import('../participants/today-page')]);
    // ...and every hashed asset this visit loaded (messages and formatting data of the language in
    // use among them) kept in the service worker's cache, so the next start without a signal
    // finds them. Public files only: no answer of the API is ever cached.
    const paths = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === window.location.origin && url.pathname.startsWith('/assets/'))
      .map((url) => url.pathname);
    const current = new Set(paths);
    const cache = await caches.open(assetCache);
    // What an earlier release or visit cached and this one did not load goes.
    for (const request of await cache.keys()) {
      if (!current.has(new URL(request.url).pathname)) await cache.delete(request);
    }
    await Promise.all(
      [...current].map(async (path) => {
        if (!(await cache.match(path))) await cache.add(path).catch(() => undefined);
      }),
    );
  } catch {
    // No service worker (an old browser, a private window): the app works online as before.
  }
}

import { VitePWA } from 'vite-plugin-pwa';

/**
 * The installable app and its service worker (docs/offline.md, ADR 0025). The worker keeps the
 * app's shell so a reload without a signal opens the app, never the browser's error page:
 * precached are the page, its entry script and style, and the icons; every other hashed asset
 * is cached when first loaded (the app adds those of the visit, the register's among them, after
 * sign-in). No answer of the API is ever cached: `/trpc`, `/files` and `/healthz` pass by.
 */
export function installableApp() {
  return VitePWA({
    // Registered by the app itself after sign-in (features/offline/start.ts), not on the sign-in page.
    injectRegister: false,
    registerType: 'autoUpdate',
    includeAssets: ['favicon.svg', 'favicon.png', 'apple-touch-icon.png'],
    manifest: {
      name: 'Tessera',
      short_name: 'Tessera',
      description: 'Grants, programmes and attendance for sex worker-led collectives',
      theme_color: '#862e9c',
      background_color: '#ffffff',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['index.html', 'assets/index-*.{js,css}', 'favicon.*', 'icons/*.png'],
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/trpc/, /^\/files/, /^\/healthz/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          // Hashed names: a cached copy never goes stale. Matches tessera-assets in start.ts,
          // which prunes it at each start (no expiration plugin: its IndexedDB database would
          // outlive a sign-out while the worker holds it open).
          urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
          handler: 'CacheFirst',
          options: { cacheName: 'tessera-assets' },
        },
      ],
    },
  });
}

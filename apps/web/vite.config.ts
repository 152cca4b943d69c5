import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { timeZoneData } from './build/time-zone-data';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    react(),
    timeZoneData(),
    // Every asset precompressed at build (brotli and gzip) beside the original: the server sends
    // the smallest the browser accepts (apps/server/src/static.ts). Source maps stay as they are.
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/], threshold: 0 }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // The Intl polyfills and their locale data (loaded only where the browser lacks a UI
        // language) are named `intl-…`, so the JavaScript budget check can tell them apart
        // (tests/e2e/tests/javascript-budget.spec.ts, docs/decisions/0026-javascript-budget.md).
        chunkFileNames: (chunk) =>
          /@formatjs[\\/]intl-[a-z]+[\\/](polyfill|locale-data)/.test(chunk.facadeModuleId ?? '')
            ? 'assets/intl-[name]-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/trpc': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // Correctness, not speed: CI runs every package's tests at once on two cores.
    testTimeout: 60_000,
  },
});

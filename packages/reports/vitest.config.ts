import { defineConfig } from 'vitest/config';

export default defineConfig({
  // PDF layout and text extraction take a few seconds on a busy 2-core CI box.
  test: { testTimeout: 180_000, hookTimeout: 180_000 },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // PDF layout and text extraction take a few seconds on a busy 2-core CI box.
  test: { testTimeout: 30_000 },
});

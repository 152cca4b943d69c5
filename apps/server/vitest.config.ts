import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These suites start real servers and CLI subprocesses; on a busy 2-core CI box that is slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

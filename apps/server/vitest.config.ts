import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These suites start real servers and CLI subprocesses; on a busy 2-core box (CI, or a
    // developer running other work) one CLI run can take tens of seconds: timeouts are generous.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Property tests (brute-force attackers, LP audits) run hundreds of cases; on a busy 2-core box
  // running every package's tests at once they take many seconds. Correctness is tested, not speed.
  test: { testTimeout: 900_000 },
});

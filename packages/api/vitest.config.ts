import { defineConfig } from 'vitest/config';

export default defineConfig({
  // argon2 hashing and SQLite work slow down on a busy 2-core CI box; correctness, not speed, is tested here.
  test: { testTimeout: 180_000, hookTimeout: 180_000 },
});

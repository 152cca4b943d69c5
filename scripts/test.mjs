// `pnpm test`: install, lint, then every package's build, typecheck and tests (turbo), then the
// browser journeys.
// Exits non-zero if anything fails; prints one closing summary line.
import { run } from './pnpm.mjs';

const steps = [
  ['install', '--frozen-lockfile', '--reporter=silent'],
  ['exec', 'biome', 'check', '.'],
  ['exec', 'turbo', 'run', 'build', 'typecheck', 'test', '--filter=!@tessera/e2e', '--output-logs=new-only'],
  ['--filter', '@tessera/e2e', 'test'],
];
for (const step of steps) {
  const code = await run(step, {
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : (process.env.FORCE_COLOR ?? '1') },
  });
  if (code !== 0) {
    console.error(`\nFAILED: pnpm ${step.join(' ')} (exit ${code})`);
    process.exit(code);
  }
}
console.log('\nAll test suites passed.');

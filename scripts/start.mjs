// `pnpm start`: install, build, then run the server (SQLite under ./data, demo data on first start)
// under a supervisor that starts it again if it dies (apps/server/src/supervisor.ts).
import { run, runNode } from './pnpm.mjs';

const steps = [
  ['install', '--frozen-lockfile', '--reporter=silent'],
  ['exec', 'turbo', 'run', 'build', '--filter=@tessera/server', '--filter=@tessera/web', '--output-logs=errors-only'],
];
for (const step of steps) {
  const code = await run(step);
  if (code !== 0) process.exit(code);
}
process.exit(await runNode(['apps/server/dist/supervisor.js']));

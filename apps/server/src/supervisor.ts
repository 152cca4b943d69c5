import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm start` runs this: it starts the server (main.js beside this file) as a child process and
 * starts it again when it dies: out of memory, an uncaught error, a kill. Restarts wait 1 s, 2 s,
 * 4 s … up to a minute; a run that lasted a minute resets the wait. After ten quick deaths in a
 * row (a setting that stops every start, a database that cannot open) it gives up and exits
 * non-zero, so a service manager above it (systemd, see deploy/) sees the failure.
 *
 * Node options given to this process (`--max-old-space-size`, `--import tsx`) are passed on to
 * the server; so is the environment. Ctrl-C or SIGTERM stops the server and then this.
 */

export interface SupervisorOptions {
  /** The server's entry script. */
  entry: string;
  execArgv: string[];
  minBackoffMs: number;
  maxBackoffMs: number;
  /** A run at least this long counts as healthy and resets the back-off. */
  stableMs: number;
  /** Quick deaths in a row after which the supervisor gives up. */
  maxQuickRestarts: number;
  log: (line: string) => void;
}

/** The wait before restart number `failures` (1-based): doubling from the minimum, capped. */
export function backoffMs(failures: number, options: Pick<SupervisorOptions, 'minBackoffMs' | 'maxBackoffMs'>) {
  return Math.min(options.maxBackoffMs, options.minBackoffMs * 2 ** Math.max(0, failures - 1));
}

/** Runs the server until it stops cleanly or a signal stops us; resolves with the exit code to use. */
export function supervise(options: SupervisorOptions): Promise<number> {
  return new Promise((resolve) => {
    let child: ChildProcess | null = null;
    let stopping = false;
    let quickFailures = 0;
    let timer: NodeJS.Timeout | null = null;

    const start = () => {
      timer = null;
      const startedAt = Date.now();
      const running = spawn(process.execPath, [...options.execArgv, options.entry], { stdio: 'inherit' });
      child = running;
      options.log(`supervisor: started the server (pid ${running.pid})`);
      running.on('exit', (code, signal) => {
        child = null;
        if (stopping) return resolve(0);
        if (code === 0) {
          options.log('supervisor: the server stopped by itself; not restarting.');
          return resolve(0);
        }
        const ranMs = Date.now() - startedAt;
        quickFailures = ranMs >= options.stableMs ? 1 : quickFailures + 1;
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        if (quickFailures > options.maxQuickRestarts) {
          options.log(
            `supervisor: the server died (${how}) ${quickFailures} times in a row within ${options.stableMs / 1000} s of starting; giving up. Read the messages above.`,
          );
          return resolve(1);
        }
        const wait = backoffMs(quickFailures, options);
        options.log(`supervisor: the server died (${how}); restarting in ${Math.round(wait / 100) / 10} s.`);
        timer = setTimeout(start, wait);
      });
    };

    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      if (timer) {
        clearTimeout(timer);
        return resolve(0);
      }
      // Ctrl-C in a terminal reaches the server too; sending it again is harmless.
      if (child) child.kill(signal);
      else resolve(0);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    start();
  });
}

const thisFile = fileURLToPath(import.meta.url);
const isEntry = process.argv[1] !== undefined && path.resolve(process.argv[1]) === thisFile;
if (isEntry) {
  const entry = path.join(path.dirname(thisFile), `main${path.extname(thisFile)}`);
  const code = await supervise({
    entry,
    execArgv: process.execArgv,
    minBackoffMs: 1000,
    maxBackoffMs: 60_000,
    stableMs: 60_000,
    maxQuickRestarts: 10,
    log: (line) => console.error(line),
  });
  process.exit(code);
}

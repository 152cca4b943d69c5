import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './env';

/**
 * Scheduled backups with retention (docs/operations.md): with BACKUP_DIR set, the server writes
 * a backup there every BACKUP_EVERY_HOURS and keeps the newest BACKUP_KEEP. Each backup runs as
 * `cli backup` in a child process: VACUUM INTO is one blocking statement, and in a child it never
 * stalls the server's requests, and a failure there cannot take the server down.
 */
export interface BackupScheduleOptions {
  dir: string;
  everyMs: number;
  keep: number;
  /** Writes one backup into `file`; resolves when it is complete and checked. */
  runBackup: (file: string) => Promise<void>;
  log: (line: string) => void;
  now?: () => Date;
}

const namePattern = /^tessera-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.db$/;

/** tessera-2026-12-10T03-00-00-000Z.db: sorts by time, safe on every file system. */
export function backupFileName(now: Date): string {
  return `tessera-${now.toISOString().replace(/[:.]/g, '-')}.db`;
}

function backupTime(name: string): number | null {
  const match = namePattern.exec(name);
  if (!match?.[1]) return null;
  const iso = match[1].replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** The scheduled backups in `dir`, newest first (other files there are never touched). */
export function listScheduledBackups(dir: string): { file: string; time: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ file: path.join(dir, name), time: backupTime(name) }))
    .filter((b): b is { file: string; time: number } => b.time !== null && statSync(b.file).isFile())
    .sort((a, b) => b.time - a.time);
}

/** Deletes all but the newest `keep` scheduled backups; returns what it deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listScheduledBackups(dir).slice(keep);
  for (const backup of old) rmSync(backup.file, { force: true });
  return old.map((b) => b.file);
}

/**
 * Starts the schedule. The next backup is due one period after the newest one in the folder, so
 * restarting the server neither skips a backup nor makes extra ones that push older ones out.
 */
export function startBackupSchedule(options: BackupScheduleOptions): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    const newest = listScheduledBackups(options.dir)[0];
    const due = newest ? newest.time + options.everyMs : 0;
    timer = setTimeout(run, Math.max(0, due - now().getTime()));
    timer.unref();
  };
  const run = () => {
    const file = path.join(options.dir, backupFileName(now()));
    running = options
      .runBackup(file)
      .then(() => {
        options.log(`Backup written: ${file}`);
        for (const removed of pruneBackups(options.dir, options.keep)) options.log(`Old backup removed: ${removed}`);
      })
      .catch((error: unknown) => {
        options.log(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
        // A failed attempt must not be retried in a tight loop: wait a period (or a minute).
        return new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.min(options.everyMs, 60_000));
          timer.unref();
        });
      })
      .finally(() => {
        running = null;
        schedule();
      });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/**
 * This process's runtime flags for the child (under tsx: its TypeScript loader), without tsx's
 * preflight, which would make the child answer tsx's signal relay in the server's place, and the
 * server would then miss its Ctrl-C.
 */
function childExecArgv(): string[] {
  const args: string[] = [];
  const given = process.execArgv;
  for (let i = 0; i < given.length; i += 1) {
    const arg = given[i] as string;
    if (arg === '--require' && given[i + 1]?.includes('preflight')) {
      i += 1;
      continue;
    }
    if (arg.startsWith('--require=') && arg.includes('preflight')) continue;
    args.push(arg);
  }
  return args;
}

/** Runs `cli backup --out FILE` as a child process of this server (same runtime, same env). */
export function backupWithCli(cliEntry: string, databaseFile: string): (file: string) => Promise<void> {
  return (file) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...childExecArgv(), cliEntry, 'backup', '--out', file], {
        env: { ...process.env, DATABASE_URL: databaseFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(errors.trim().split('\n').pop() || `cli backup exited with ${code}`)),
      );
    });
}

export function backupScheduleOptions(
  env: Pick<Env, 'BACKUP_DIR' | 'BACKUP_EVERY_HOURS' | 'BACKUP_KEEP'>,
  databaseFile: string,
  cliEntry: string,
): BackupScheduleOptions {
  return {
    dir: path.resolve(env.BACKUP_DIR ?? 'backups'),
    everyMs: Math.round(env.BACKUP_EVERY_HOURS * 3600_000),
    keep: env.BACKUP_KEEP,
    runBackup: backupWithCli(cliEntry, path.resolve(databaseFile)),
    log: (line) => console.log(line),
  };
}

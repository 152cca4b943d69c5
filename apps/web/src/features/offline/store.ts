import type { AttendanceStatus, Register } from '@tessera/domain';
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { RouterOutputs } from '../../lib/trpc';

/**
 * What the phone keeps for taking attendance without a signal (docs/offline.md, ADR 0025), in
 * IndexedDB: one snapshot of today's and tomorrow's registers (codes only), and the outbox of
 * registers saved while offline. Nothing here is kept past sign-out, a revoked session or a
 * change of user; the snapshot expires at the end of tomorrow.
 */

export const databaseName = 'tessera-offline';

export interface KeptSession {
  id: string;
  activityId: string;
  activityTitle: string;
  city: string | null;
  date: string;
  minutes: number;
  module: string | null;
  held: boolean;
}

export interface Snapshot {
  /** Whose data this is: anything else signed in means it is wiped. */
  userId: string;
  orgId: string;
  keptAt: number;
  /** Epoch ms: the end of `tomorrow` on this phone's clock. */
  expiresAt: number;
  today: string;
  tomorrow: string;
  /** The signed-in user as the shell needs it, without the email address. */
  session: NonNullable<RouterOutputs['auth']['session']>;
  organization: RouterOutputs['organization']['current'];
  sessions: KeptSession[];
}

export interface OutboxEntry {
  participantId: string;
  code: string;
  status: AttendanceStatus;
  minutes: number | null;
  /** The mark the register had when this was taken (null: unmarked). */
  from: AttendanceStatus | null;
}

export interface OutboxItem {
  sessionId: string;
  activityTitle: string;
  date: string;
  /** The register version the marks were taken on: sent with the same optimistic check. */
  baseVersion: number;
  entries: OutboxEntry[];
  markRest: AttendanceStatus | null;
  queuedAt: number;
  state: 'waiting' | 'conflict' | 'refused';
  attempts: number;
  /** On a conflict: the server's register now, for the rows this item changes. */
  server?: {
    version: number;
    entries: { participantId: string; status: AttendanceStatus | null; minutes: number | null }[];
  };
  /** On a refusal: the app error code. */
  refusal?: string;
}

interface OfflineDb extends DBSchema {
  meta: { key: 'snapshot'; value: Snapshot };
  registers: { key: string; value: Register };
  outbox: { key: string; value: OutboxItem };
}

let opening: Promise<IDBPDatabase<OfflineDb>> | null = null;

function db(): Promise<IDBPDatabase<OfflineDb>> {
  opening ??= openDB<OfflineDb>(databaseName, 1, {
    upgrade(database) {
      database.createObjectStore('meta');
      database.createObjectStore('registers');
      database.createObjectStore('outbox', { keyPath: 'sessionId' });
    },
    // Another tab wiping the database: let it go, and open afresh next time.
    blocking() {
      void opening?.then((open) => open.close());
      opening = null;
    },
  });
  return opening;
}

/** The end of `date` (YYYY-MM-DD) on this phone's clock, in epoch ms. */
export function endOfDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

/** Whether this phone keeps anything at all (checked without creating the database). */
export async function keptAnything(): Promise<boolean> {
  if (opening) return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === databaseName);
  } catch {
    return true;
  }
}

export async function keepSnapshot(snapshot: Snapshot, registers: readonly Register[]): Promise<void> {
  const open = await db();
  const tx = open.transaction(['meta', 'registers'], 'readwrite');
  const kept = tx.objectStore('registers');
  await kept.clear();
  for (const register of registers) await kept.put(register, register.sessionId);
  await tx.objectStore('meta').put(snapshot, 'snapshot');
  await tx.done;
  notify();
}

/** The kept snapshot, or null; an expired one is deleted on reading (the outbox stays until sent). */
export async function readSnapshot(now = Date.now()): Promise<Snapshot | null> {
  const open = await db();
  const snapshot = (await open.get('meta', 'snapshot')) ?? null;
  if (snapshot && snapshot.expiresAt <= now) {
    const tx = open.transaction(['meta', 'registers'], 'readwrite');
    await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('registers').clear(), tx.done]);
    return null;
  }
  return snapshot;
}

export async function readRegister(sessionId: string): Promise<Register | null> {
  if (!(await readSnapshot())) return null;
  return (await (await db()).get('registers', sessionId)) ?? null;
}

export async function outboxItems(): Promise<OutboxItem[]> {
  return (await db()).getAll('outbox');
}

export async function outboxItem(sessionId: string): Promise<OutboxItem | null> {
  return (await (await db()).get('outbox', sessionId)) ?? null;
}

export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await (await db()).put('outbox', item);
  notify();
}

export async function deleteOutboxItem(sessionId: string): Promise<void> {
  await (await db()).delete('outbox', sessionId);
  notify();
}

/** Deletes the whole database (sign-out, revoked session, another user). */
export async function deleteEverything(): Promise<void> {
  const open = opening;
  opening = null;
  if (open) (await open.catch(() => null))?.close();
  await deleteDB(databaseName);
  notify();
}

// Screens showing the outbox re-read it when it changes.
const listeners = new Set<() => void>();
let revision = 0;
export function notify(): void {
  revision += 1;
  for (const listener of listeners) listener();
}
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function outboxRevision(): number {
  return revision;
}

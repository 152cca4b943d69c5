import type { RegisterEntry } from '@tessera/domain';
import { readAppError } from '../../lib/errors';
import { queryClient, trpc, trpcClient } from '../../lib/trpc';
import { bypassOffline } from './link';
import { alreadyOnServer, saveInput } from './overlay';
import { deleteOutboxItem, type OutboxItem, outboxItems, putOutboxItem } from './store';

/**
 * Sends the outbox when the signal returns: at once on the browser's `online` event, and
 * otherwise retried with back-off (5 s doubling to 5 min). Each register is sent with the version
 * its marks were taken on, so the server's optimistic check still holds: a register someone else
 * changed meanwhile becomes a conflict the coordinator resolves, never an overwrite.
 */

const firstDelayMs = 5_000;
const longestDelayMs = 300_000;
const sendTimeoutMs = 20_000;
let delay = firstDelayMs;
let timer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;
let started = false;

/** Codes that mean "try again later": no network, a server hiccup, a busy database. */
const transient = new Set(['NETWORK', 'INTERNAL', 'STORAGE_BUSY', 'RATE_LIMITED']);

export function startSender(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    delay = firstDelayMs;
    flushSoon();
  });
  flushSoon();
}

export function stopSender(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}

export function flushSoon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), 0);
}

function retryLater(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void flush(), delay);
  delay = Math.min(delay * 2, longestDelayMs);
}

/** Sends every waiting register once; resolves when done (tests and the "send now" button wait on it). */
export function flush(): Promise<void> {
  running ??= sendAll().finally(() => {
    running = null;
  });
  return running;
}

async function sendAll(): Promise<void> {
  let again = false;
  for (const item of await outboxItems()) {
    if (item.state !== 'waiting') continue;
    if (!(await send(item))) again = true;
  }
  if (again) retryLater();
  else delay = firstDelayMs;
}

/** Sends one item; false when it should be tried again later. */
async function send(item: OutboxItem): Promise<boolean> {
  try {
    await trpcClient.register.save.mutate(saveInput(item), {
      context: bypassOffline,
      signal: AbortSignal.timeout(sendTimeoutMs),
    });
    await deleteOutboxItem(item.sessionId);
    await refreshScreens(item.sessionId);
    return true;
  } catch (error) {
    const code = readAppError(error)?.appCode ?? 'INTERNAL';
    if (transient.has(code)) {
      await putOutboxItem({ ...item, attempts: item.attempts + 1 });
      return false;
    }
    if (code === 'STALE_VERSION') return settleStale(item);
    // Refused for good (a participant since dropped, no longer allowed...): kept, shown, never lost.
    await putOutboxItem({ ...item, state: 'refused', refusal: code });
    return true;
  }
}

/**
 * Someone saved this register since the marks were taken. When the server already holds every
 * waiting mark (our own earlier save whose answer was lost) nothing is left to do; otherwise the
 * coordinator sees both versions and chooses.
 */
async function settleStale(item: OutboxItem): Promise<boolean> {
  try {
    const server = await wholeRegister(item.sessionId);
    if (alreadyOnServer(item, server.entries, server.minutes)) {
      await deleteOutboxItem(item.sessionId);
      await refreshScreens(item.sessionId);
      return true;
    }
    const ids = new Set(item.entries.map((entry) => entry.participantId));
    await putOutboxItem({
      ...item,
      state: 'conflict',
      server: {
        version: server.version,
        entries: server.entries
          .filter((entry) => ids.has(entry.participantId))
          .map(({ participantId, status, minutes }) => ({ participantId, status, minutes })),
      },
    });
    await refreshScreens(item.sessionId);
    return true;
  } catch {
    return false;
  }
}

async function wholeRegister(sessionId: string) {
  const limit = 500;
  const first = await trpcClient.register.get.query({ sessionId, limit, offset: 0 }, { context: bypassOffline });
  const entries: RegisterEntry[] = [...first.entries];
  while (entries.length < first.total) {
    const next = await trpcClient.register.get.query(
      { sessionId, limit, offset: entries.length },
      { context: bypassOffline },
    );
    if (next.entries.length === 0) break;
    entries.push(...next.entries);
  }
  return { ...first, entries };
}

/** The coordinator chose their marks over the server's: sent on the server's version. */
export async function sendMineAnyway(item: OutboxItem): Promise<void> {
  if (!item.server) return;
  await putOutboxItem({ ...item, baseVersion: item.server.version, state: 'waiting', server: undefined, attempts: 0 });
  await flush();
}

/** The coordinator chose the server's marks (or gave up a refused save): the waiting marks go. */
export async function discard(item: OutboxItem): Promise<void> {
  await deleteOutboxItem(item.sessionId);
  await refreshScreens(item.sessionId);
}

async function refreshScreens(sessionId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries(trpc.register.get.queryFilter({ sessionId })),
    queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() }),
  ]);
}

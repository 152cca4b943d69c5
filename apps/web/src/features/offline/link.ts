import type { AppRouter } from '@tessera/api';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

/**
 * The tRPC link that lets the register work without a signal (docs/offline.md). Small on purpose:
 * it sits in the first bundle, and loads the IndexedDB side (./answers) only when it needs it.
 *
 * - The calls the register needs (who is signed in, the organisation, today's sessions, a
 *   register) are answered from the phone's kept copy when the network fails or is too slow.
 * - A register save that fails for lack of network goes to the outbox and answers `queued`.
 * - Every answer from the server passes by the kept data: a session that is gone, or another
 *   user, wipes it; a register shows the marks still waiting to be sent.
 */

/** Context flag: straight to the server, no kept copy (the outbox sender and the snapshot). */
export const bypassOffline = { offline: 'bypass' } as const;

const keptReads = new Set(['auth.session', 'organization.current', 'sessions.today', 'register.get']);
/** A slow answer is no answer at a venue: reads fall back to the kept copy, saves to the outbox. */
const readTimeoutMs = 15_000;
const saveTimeoutMs = 20_000;

type Answers = Pick<typeof import('./answers'), 'onServerAnswer' | 'onServerError' | 'answerOffline' | 'joinWaiting'>;

/** What the IndexedDB side would answer when the phone keeps nothing: the server's answer as is. */
const nothingToAdd: Answers = {
  onServerAnswer: async (_path, _input, data) => data,
  onServerError: async () => undefined,
  answerOffline: async () => undefined,
  joinWaiting: async () => undefined,
};

/**
 * Whether this phone keeps anything of the app (a database, a cache, a service worker). A
 * visitor's sign-in page keeps nothing, so it never downloads the IndexedDB side (its JavaScript
 * budget, docs/decisions/0026); anything found (another user's registers, say) is handled by it.
 */
async function keepsAnything(): Promise<boolean> {
  try {
    if ((await indexedDB.databases()).length > 0) return true;
    if ('caches' in window && (await caches.keys()).length > 0) return true;
    return 'serviceWorker' in navigator && (await navigator.serviceWorker.getRegistrations()).length > 0;
  } catch {
    return true;
  }
}

async function answers(): Promise<Answers> {
  return (await keepsAnything()) ? import('./answers') : nothingToAdd;
}

function isNetworkFailure(error: unknown, timedOut: boolean): boolean {
  if (timedOut) return true;
  if (!(error instanceof TRPCClientError)) return false;
  if (error.data && typeof (error.data as { appCode?: unknown }).appCode === 'string') return false;
  return /fetch|network|load failed|abort/i.test(error.message);
}

export const offlineLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      const handled = op.type !== 'subscription' && (keptReads.has(op.path) || op.path === 'register.save');
      if (op.context.offline === 'bypass' || !handled) {
        const sub = next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            void answers().then((m) => m.onServerError(error));
            observer.error(error);
          },
          complete: () => observer.complete(),
        });
        return () => sub.unsubscribe();
      }

      let timedOut = false;
      let closed = false;
      const timeout = AbortSignal.timeout(op.type === 'mutation' ? saveTimeoutMs : readTimeoutMs);
      timeout.addEventListener('abort', () => {
        timedOut = true;
      });
      const signal = op.signal ? AbortSignal.any([op.signal, timeout]) : timeout;
      const finish = (data: unknown) => {
        if (closed) return;
        closed = true;
        observer.next({ result: { type: 'data', data } });
        observer.complete();
      };
      const fail = (error: unknown) => {
        if (closed) return;
        closed = true;
        observer.error(
          timedOut
            ? TRPCClientError.from(new Error('network: no answer in time'))
            : (error as TRPCClientError<AppRouter>),
        );
      };

      let sub: { unsubscribe: () => void } | null = null;
      const send = () => {
        sub = next({ ...op, signal }).subscribe({
          next: (value) => {
            const result = value.result as { data?: unknown };
            if (!('data' in result)) return observer.next(value);
            answers()
              .then((m) => m.onServerAnswer(op.path, op.input, result.data))
              .then(finish, () => finish(result.data));
          },
          error: (error) => {
            if (!isNetworkFailure(error, timedOut)) {
              void answers().then((m) => m.onServerError(error));
              return fail(error);
            }
            answers()
              .then((m) => m.answerOffline(op.path, op.input))
              .then((kept) => (kept === undefined ? fail(error) : finish(kept)), fail);
          },
        });
      };

      if (op.path === 'register.save') {
        // Marks already waiting for this register join them, so they are sent in order, once.
        answers()
          .then((m) => m.joinWaiting(op.input))
          .then((queued) => (queued === undefined ? send() : finish(queued)), send);
      } else {
        send();
      }
      return () => {
        closed = true;
        sub?.unsubscribe();
      };
    });

import { DomainError, messageKey } from '@tessera/domain';
import pLimit from 'p-limit';

/** How many uploads and imports run at once, and how many may wait for a turn. */
export interface FileWorkLimits {
  concurrency: number;
  waiting: number;
}

export const defaultFileWorkLimits: FileWorkLimits = { concurrency: 2, waiting: 8 };

/** Seconds a refused client is told to wait before trying again. */
const retryAfterSeconds = 30;

export function serverBusy(): DomainError {
  return new DomainError('RATE_LIMITED', 'The server is busy with other files. Try again in a minute.', {
    fieldErrors: { file: [messageKey('validation.serverBusy')] },
    retryAfterSeconds,
  });
}

/**
 * One queue for the work that holds a whole file in memory (receipt uploads, CSV and XLSX
 * imports): at most `concurrency` run, at most `waiting` more queue, and beyond that a request is
 * refused at once with "busy, try again" instead of piling up memory. A turn is taken before the
 * request body is read, so a waiting upload costs a socket, not its file.
 */
export function createFileWorkQueue(limits: FileWorkLimits = defaultFileWorkLimits) {
  const limit = pLimit(limits.concurrency);
  return {
    /** Waits for a turn and returns the function that gives it back; throws `serverBusy()` when full. */
    acquire(): Promise<() => void> {
      if (limit.activeCount + limit.pendingCount >= limits.concurrency + limits.waiting) {
        return Promise.reject(serverBusy());
      }
      return new Promise((granted) => {
        void limit(() => new Promise<void>((release) => granted(release)));
      });
    },
    /** Runs `work` in a turn. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      const release = await this.acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

export type FileWorkQueue = ReturnType<typeof createFileWorkQueue>;

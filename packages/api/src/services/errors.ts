import type { FieldErrors } from '@tessera/domain';
import { DomainError } from '@tessera/domain';

/** The errors the delivery and participant services throw, worded the same everywhere. */

/** Another organisation's record is indistinguishable from a missing one. */
export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `No such ${what}.`);
}

export function stale(what: string): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `Someone else changed this ${what} after you opened it. Reload to see their changes, then try again.`,
  );
}

export function invalid(message: string, fieldErrors: FieldErrors): DomainError {
  return new DomainError('VALIDATION', message, { fieldErrors });
}

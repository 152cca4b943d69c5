import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { firstFieldErrors, readAppError } from './errors';

/**
 * Puts the server's field errors (message keys) onto the matching form fields; the form shows
 * them through `translateMessageKey` like its own zod errors. Returns whether any field matched.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  fieldNames: readonly FieldPath<T>[],
): boolean {
  let matched = false;
  for (const [path, message] of firstFieldErrors(readAppError(error))) {
    if ((fieldNames as readonly string[]).includes(path)) {
      setError(path as FieldPath<T>, { type: 'server', message }, { shouldFocus: !matched });
      matched = true;
    }
  }
  return matched;
}

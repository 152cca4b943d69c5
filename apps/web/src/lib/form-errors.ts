import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { firstFieldErrors, readAppError } from './errors';

/**
 * Puts the server's field errors (message keys) onto the matching form fields; the form shows
 * them through `translateMessageKey` like its own zod errors. `fields` lists the form's fields, or
 * maps an API path to one (undefined when the form has no such field). The first matched field
 * takes the focus, so a keyboard or screen-reader user lands on the problem. Returns whether any
 * field matched.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: unknown,
  fields: readonly FieldPath<T>[] | ((path: string) => FieldPath<T> | undefined),
): boolean {
  const fieldFor =
    typeof fields === 'function'
      ? fields
      : (path: string) => ((fields as readonly string[]).includes(path) ? (path as FieldPath<T>) : undefined);
  let matched = false;
  for (const [path, message] of firstFieldErrors(readAppError(error))) {
    const field = fieldFor(path);
    if (!field) continue;
    setError(field, { type: 'server', message }, { shouldFocus: !matched });
    matched = true;
  }
  return matched;
}

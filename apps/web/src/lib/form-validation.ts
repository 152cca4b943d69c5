import { parseAmount } from '@tessera/domain';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import type * as z from 'zod';

/**
 * Forms keep amounts as the text people type; on submit each one is read into minor units with
 * the domain's `parseAmount` (any language's way of writing numbers, the user's decimal mark only
 * to settle "5,000", never rounded silently; an ambiguous "1.234" is a problem the field's
 * `AmountField` asks about) and the assembled input
 * is checked with the same zod schema the API uses. Problems come back as message keys per field.
 */
export class FormProblems<T extends FieldValues> {
  readonly problems: [FieldPath<T>, string][] = [];

  /** Minor units for a required amount, or undefined (with a problem noted) when it cannot be read. */
  amount(field: FieldPath<T>, text: string, currency: string, decimalMark: '.' | ','): number | undefined {
    let parsed: ReturnType<typeof parseAmount>;
    try {
      parsed = parseAmount(text, currency, decimalMark);
    } catch {
      this.problems.push([field, 'validation.invalidCurrency']);
      return undefined;
    }
    if (parsed.ok) return parsed.amountMinor;
    this.problems.push([field, parsed.error]);
    return undefined;
  }

  /** Like `amount`, but an empty box means "none" (null). */
  optionalAmount(
    field: FieldPath<T>,
    text: string,
    currency: string,
    decimalMark: '.' | ',',
  ): number | null | undefined {
    if (text.trim() === '') return null;
    return this.amount(field, text, currency, decimalMark);
  }

  /**
   * Checks `input` with `schema`; issue paths are mapped to form fields by `fieldFor` (by default
   * the first path segment). Returns the parsed value when there are no problems at all.
   */
  check<S extends z.ZodType>(
    schema: S,
    input: unknown,
    fieldFor: (path: string) => FieldPath<T> | undefined = (path) => path as FieldPath<T>,
  ): z.output<S> | undefined {
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = fieldFor(issue.path.map(String).join('.'));
        if (field && !this.problems.some(([f]) => f === field)) this.problems.push([field, issue.message]);
      }
      return undefined;
    }
    return this.problems.length === 0 ? result.data : undefined;
  }

  /** Puts every problem on its field; true when there were any. */
  apply(setError: UseFormSetError<T>): boolean {
    this.problems.forEach(([field, message], index) => {
      setError(field, { type: 'validate', message }, { shouldFocus: index === 0 });
    });
    return this.problems.length > 0;
  }
}

import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { translateMessageKey } from './errors';

/**
 * Binds Mantine inputs to a react-hook-form form: `inputProps(name)` is the registration plus the
 * field's error, translated from its message key; `error(name)` alone serves inputs wired through
 * a Controller. Reading the error through `formState` keeps the form re-rendering when it changes.
 */
export function useFieldProps<T extends FieldValues, C, O>(form: UseFormReturn<T, C, O>) {
  const intl = useIntl();
  const error = (name: FieldPath<T>) =>
    translateMessageKey(intl, form.getFieldState(name, form.formState).error?.message);
  const inputProps = (name: FieldPath<T>) => ({ ...form.register(name), error: error(name) });
  return { inputProps, error };
}

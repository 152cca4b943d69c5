import { Alert, Checkbox, Text } from '@mantine/core';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';

/**
 * An expenditure that takes its budget line past its budget (issue 11 item 4): the server's
 * message naming the line and how far, and a "Record it anyway" box bound to `confirmName`.
 * Shown once the server has said so, and while the box is ticked.
 */
export function OverBudgetNotice<T extends FieldValues>({
  form,
  confirmName,
}: {
  form: UseFormReturn<T>;
  confirmName: FieldPath<T>;
}) {
  const intl = useIntl();
  const message = form.formState.errors[confirmName]?.message;
  const ticked = form.watch(confirmName) === true;
  if (!message && !ticked) return null;
  return (
    <Alert color="orange" variant="light" p="xs" data-testid="over-budget">
      {typeof message === 'string' && <Text size="sm">{translateMessageKey(intl, message)}</Text>}
      <Checkbox
        mt="xs"
        label={intl.formatMessage({ id: 'money.overBudget.confirm' })}
        {...form.register(confirmName)}
        data-testid="over-budget-confirm"
      />
    </Alert>
  );
}

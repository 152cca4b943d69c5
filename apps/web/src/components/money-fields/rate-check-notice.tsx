import { Alert, Checkbox, Text } from '@mantine/core';
import type { ExchangeRate, RateQuote } from '@tessera/domain';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';
import { checkAgainstTable } from './typed-rate';

/**
 * A typed (or implied) rate beside the rate table's nearest: nothing within 10%; beyond it the
 * difference and a "The rate is right" box bound to `confirmName`; beyond five times, a warning
 * that it is probably the wrong way round (the server refuses it whatever the box says).
 */
export function RateCheckNotice<T extends FieldValues>({
  form,
  confirmName,
  quote,
  other,
  table,
  testId = 'rate-check',
}: {
  form: UseFormReturn<T>;
  confirmName: FieldPath<T>;
  quote: RateQuote | null;
  other: string;
  table: ExchangeRate | null;
  testId?: string;
}) {
  const intl = useIntl();
  const format = useFormat();
  const check = quote ? checkAgainstTable(quote, table) : null;
  if (!check || !table || check.verdict === 'close') return null;
  const values = {
    percent: check.percent,
    per: check.table.per,
    value: format.rate(check.table.value),
    other,
    date: format.day(table.date),
  };
  if (check.verdict === 'refuse') {
    return (
      <Alert color="red" variant="light" p="xs" data-testid={testId}>
        <Text size="sm">{intl.formatMessage({ id: 'money.rate.farOff' }, values)}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" p="xs" data-testid={testId}>
      <Text size="sm">{intl.formatMessage({ id: 'money.rate.difference' }, values)}</Text>
      <Checkbox
        mt="xs"
        label={intl.formatMessage({ id: 'money.rate.confirm' })}
        {...form.register(confirmName)}
        data-testid={`${testId}-confirm`}
      />
    </Alert>
  );
}

import { Stack, Text } from '@mantine/core';
import { type ExchangeRate, impliedRate, naturalQuote } from '@tessera/domain';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';
import { RateCheckNotice } from './rate-check-notice';

/**
 * The rate two typed amounts imply ("The bank gave 1 USD = 56.75 MKD"), shown as they are typed
 * and checked against the rate table like a typed rate (`RateCheckNotice`).
 */
export function ImpliedRate<T extends FieldValues>({
  form,
  confirmName,
  fromMinor,
  from,
  toMinor,
  to,
  local,
  table,
}: {
  form: UseFormReturn<T>;
  confirmName: FieldPath<T>;
  fromMinor: number | null | undefined;
  from: string;
  toMinor: number | null | undefined;
  to: string;
  local: string;
  table: ExchangeRate | null;
}) {
  const intl = useIntl();
  const format = useFormat();
  if (!fromMinor || !toMinor || from === to) return null;
  const rate = impliedRate(fromMinor, from, toMinor, to, 12);
  // Shown to 6 decimals, as a bank statement would give it; checked at full precision.
  const said = naturalQuote(impliedRate(fromMinor, from, toMinor, to, 6), from, to, local);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} data-testid="implied-rate">
        {intl.formatMessage({ id: 'money.rate.implied' }, { ...said, value: format.rate(said.value) })}
      </Text>
      <RateCheckNotice
        form={form}
        confirmName={confirmName}
        quote={{ per: from, value: rate }}
        other={to}
        table={table}
      />
    </Stack>
  );
}

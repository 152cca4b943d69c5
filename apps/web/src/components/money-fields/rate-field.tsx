import { SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { convertAtQuote, convertMinor, decimalString, type ExchangeRate, naturalQuote } from '@tessera/domain';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { useController } from 'react-hook-form';
import { useId } from 'react';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';
import { useFormat } from '../../lib/use-format';
import { ReadingChoice } from './amount-field';
import { RateCheckNotice } from './rate-check-notice';
import { type RateFieldValue, ratePerFor, readRateText } from './typed-rate';

/**
 * A rate the way people say it: "1 USD = [54] MKD", either way round (a switch), with the amount
 * paid and what it comes to shown before saving, the table's rate for the date beside it and, when
 * the typed rate is far from the table's, the difference and a confirmation (`RateCheckNotice`).
 * The field's value is `{ per, text }`; `readRateText` turns it into the API's `rate` quote.
 */
export function RateField<T extends FieldValues>({
  form,
  name,
  confirmName,
  from,
  to,
  local,
  amountMinor,
  proposed,
}: {
  form: UseFormReturn<T>;
  name: FieldPath<T>;
  confirmName: FieldPath<T>;
  /** The currency paid and the currency it is converted into. */
  from: string;
  to: string;
  /** The organisation's base currency: rates are said in it where they can be. */
  local: string;
  /** The amount paid, once it reads as one. */
  amountMinor: number | null;
  /** The table's rate (units of `to` per `from`) used when none is typed, and its nearest for the check. */
  proposed: { rate: string | null; nearest: ExchangeRate | null } | undefined;
}) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { field, fieldState } = useController({ control: form.control, name });
  const table = proposed?.nearest ?? null;
  const inputId = useId();
  const value = (field.value ?? { per: '', text: '' }) as RateFieldValue;
  const per = ratePerFor(value.per, from, to, local, table);
  const other = per === from ? to : from;
  const read = readRateText(value.text, per);
  const quote = read.kind === 'quote' ? read.quote : null;
  const setValue = (next: Partial<RateFieldValue>) => {
    field.onChange({ ...value, per, ...next });
    form.clearErrors(name);
  };

  let converted: number | null = null;
  if (amountMinor !== null) {
    try {
      if (quote) converted = convertAtQuote(amountMinor, from, to, quote);
      else if (read.kind === 'empty' && proposed?.rate) converted = convertMinor(amountMinor, from, to, proposed.rate);
    } catch {
      converted = null;
    }
  }
  const tableQuote = proposed?.rate ? naturalQuote(proposed.rate, from, to, local) : null;
  const hints: string[] = [];
  if (tableQuote && table) {
    hints.push(
      t('money.rate.table', {
        date: format.day(table.date),
        per: tableQuote.per,
        value: format.rate(tableQuote.value),
        other: tableQuote.other,
      }),
    );
    if (read.kind === 'empty') hints.push(t('money.rate.useTable'));
  } else if (read.kind === 'empty') hints.push(t('money.rate.noTable'));

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} component="label" htmlFor={inputId}>
        {t('money.rate.optional')}
      </Text>
      <SegmentedControl
        size="xs"
        aria-label={t('money.rate.direction')}
        value={per}
        onChange={(next) => setValue({ per: next })}
        data={[to, from].map((p) => ({
          value: p,
          label: t('money.rate.per', { per: p, other: p === from ? to : from }),
        }))}
        data-testid="rate-per"
      />
      <TextInput
        id={inputId}
        aria-label={t('money.rate.per', { per, other })}
        inputMode="decimal"
        autoComplete="off"
        leftSection={<Text size="sm">{t('money.rate.one', { per })}</Text>}
        leftSectionWidth={80}
        rightSection={<Text size="sm">{other}</Text>}
        rightSectionWidth={48}
        name={field.name}
        ref={field.ref}
        value={value.text}
        onChange={(event) => setValue({ text: event.currentTarget.value })}
        onBlur={field.onBlur}
        placeholder={tableQuote?.per === per ? format.rate(tableQuote.value) : undefined}
        error={translateMessageKey(intl, fieldState.error?.message)}
        data-testid="rate-input"
      />
      {read.kind === 'problem' && read.readings && (
        <ReadingChoice
          testId="rate"
          readings={read.readings.map((digits) => ({ label: format.rate(decimalString(digits)), digits }))}
          onChoose={(text) => setValue({ text })}
        />
      )}
      {converted !== null && amountMinor !== null && (
        <Text size="sm" fw={500} data-testid="rate-both-amounts">
          {t('money.rate.both', { paid: format.money(amountMinor, from), converted: format.money(converted, to) })}
        </Text>
      )}
      {hints.map((hint) => (
        <Text key={hint} size="xs" c="dimmed">
          {hint}
        </Text>
      ))}
      <RateCheckNotice form={form} confirmName={confirmName} quote={quote} other={other} table={table} />
    </Stack>
  );
}

import { Button, Group, Text, TextInput } from '@mantine/core';
import { type DecimalDigits, isCurrencyCode, parseAmount, writeUnambiguous } from '@tessera/domain';
import type { ReactNode } from 'react';
import { type FieldPath, type FieldValues, type UseFormReturn, useController } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';
import { useFormat } from '../../lib/use-format';

/**
 * The readings of an ambiguous number as buttons ("Which did you mean? 1,234.00 · 1.234"); a
 * click writes the chosen one back into the field in a form that is no longer ambiguous.
 */
export function ReadingChoice({
  readings,
  onChoose,
  testId,
}: {
  readings: { label: string; digits: DecimalDigits }[];
  onChoose: (text: string) => void;
  testId: string;
}) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <Group gap="xs" component="span" data-testid={`${testId}-which`}>
      <Text span size="xs" c="orange.8" fw={500}>
        {intl.formatMessage({ id: 'money.which' })}
      </Text>
      {readings.map((reading) => (
        <Button
          key={reading.label}
          size="compact-xs"
          variant="light"
          color="orange"
          onClick={() => onChoose(writeUnambiguous(reading.digits, format.decimalMark))}
        >
          {reading.label}
        </Button>
      ))}
    </Group>
  );
}

/**
 * An amount input: the text as typed, and under it what it was read as ("Read as MKD 1,234.50"),
 * in every language the same way (`parseAmount`), or the question when the input is ambiguous.
 * Forms read the text into minor units on submit with `FormProblems.amount`.
 */
export function AmountField<T extends FieldValues>({
  form,
  name,
  currency,
  label,
  required,
  extra,
  testId,
}: {
  form: UseFormReturn<T>;
  name: FieldPath<T>;
  currency: string;
  label: string;
  required?: boolean;
  /** More lines under the reading (a rate the amounts imply, say). */
  extra?: ReactNode;
  testId?: string;
}) {
  const intl = useIntl();
  const format = useFormat();
  const { field, fieldState } = useController({ control: form.control, name });
  const text = String(field.value ?? '');
  const id = testId ?? name;
  const parsed =
    text.trim() !== '' && isCurrencyCode(currency) ? parseAmount(text, currency, format.decimalMark) : null;
  let reading: ReactNode = null;
  if (parsed?.ok) {
    reading = (
      <Text span size="xs" data-testid={`${id}-reading`}>
        {intl.formatMessage({ id: 'money.readAs' }, { amount: format.money(parsed.amountMinor, currency) })}
      </Text>
    );
  } else if (parsed?.readings) {
    reading = (
      <ReadingChoice
        testId={id}
        readings={parsed.readings.map((r) => ({ label: format.money(r.amountMinor, currency), digits: r.digits }))}
        onChoose={(chosen) => {
          field.onChange(chosen);
          form.clearErrors(name);
        }}
      />
    );
  }
  return (
    <TextInput
      label={label}
      required={required}
      inputMode="decimal"
      autoComplete="off"
      name={field.name}
      ref={field.ref}
      value={text}
      onChange={(event) => field.onChange(event.currentTarget.value)}
      onBlur={field.onBlur}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        reading || extra ? (
          <>
            {reading}
            {extra}
          </>
        ) : undefined
      }
      error={translateMessageKey(intl, fieldState.error?.message)}
      data-testid={`${id}-input`}
    />
  );
}

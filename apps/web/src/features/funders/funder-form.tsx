import { zodResolver } from '@hookform/resolvers/zod';
import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { type FunderFields, type FunderFormValues, funderFields, funderKinds } from '@tessera/domain';
import type { ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { PageForm } from '../../components/page-form';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';

const fieldNames = ['name', 'kind', 'country', 'website', 'contactName', 'contactEmail', 'notes'] as const;

export const emptyFunder: FunderFormValues = {
  name: '',
  kind: undefined as unknown as FunderFormValues['kind'],
  country: '',
  website: '',
  contactName: '',
  contactEmail: '',
  notes: '',
};

/** Form values from a stored funder: nulls become empty inputs. */
export function funderToFormValues(funder: FunderFields): FunderFormValues {
  return {
    name: funder.name,
    kind: funder.kind,
    country: funder.country ?? '',
    website: funder.website ?? '',
    contactName: funder.contactName ?? '',
    contactEmail: funder.contactEmail ?? '',
    notes: funder.notes ?? '',
  };
}

/**
 * The funder fields, validated in the browser with the same schema the API uses. `onSubmit`
 * resolves to the server's error (or null) so that field errors land on the right inputs.
 */
export function FunderForm({
  defaultValues,
  readOnly,
  submitting,
  submitLabel,
  onSubmit,
  actions,
}: {
  defaultValues: FunderFormValues;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (values: FunderFields) => Promise<unknown>;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  const format = useFormat();
  const form = useForm<FunderFormValues, unknown, FunderFields>({
    resolver: zodResolver(funderFields),
    defaultValues,
  });
  const { inputProps, error } = useFieldProps(form);
  const t = (id: string) => intl.formatMessage({ id });
  const country = form.watch('country');
  const countryName = country && /^[A-Za-z]{2}$/.test(country) ? format.country(country.toUpperCase()) : '';

  const submit = form.handleSubmit(async (values) => {
    const failure = await onSubmit(values);
    if (failure) applyServerFieldErrors(form.setError, failure, fieldNames);
  });

  return (
    <PageForm
      onSubmit={submit}
      testId="funder-form"
      readOnly={readOnly}
      submitting={submitting}
      submitLabel={submitLabel}
      submitTestId="funder-save"
      actions={actions}
    >
      <TextInput label={t('funders.field.name')} required {...inputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('funders.field.kind')}
              required
              data={funderKinds.map((kind) => ({ value: kind, label: t(`funderKind.${kind}`) }))}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              allowDeselect={false}
              error={error('kind')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <TextInput
          label={t('funders.field.country')}
          description={countryName || t('funders.field.countryHint')}
          maxLength={2}
          autoCapitalize="characters"
          {...inputProps('country')}
        />
        <TextInput label={t('funders.field.website')} type="url" placeholder="https://" {...inputProps('website')} />
        <TextInput label={t('funders.field.contactName')} {...inputProps('contactName')} />
        <TextInput label={t('funders.field.contactEmail')} type="email" {...inputProps('contactEmail')} />
      </SimpleGrid>
      <Textarea label={t('funders.field.notes')} autosize minRows={3} maxRows={12} {...inputProps('notes')} />
    </PageForm>
  );
}

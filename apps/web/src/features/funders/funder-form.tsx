import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FunderFields, type FunderFormValues, funderFields, funderKinds } from '@tessera/domain';
import type { ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
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
  const { errors } = form.formState;
  const t = (id: string) => intl.formatMessage({ id });
  const country = form.watch('country');
  const countryName = country && /^[A-Za-z]{2}$/.test(country) ? format.country(country.toUpperCase()) : '';

  const submit = form.handleSubmit(async (values) => {
    const error = await onSubmit(values);
    if (error) applyServerFieldErrors(form.setError, error, fieldNames);
  });

  return (
    <form noValidate onSubmit={submit} data-testid="funder-form">
      <Fieldset disabled={readOnly} variant="unstyled">
        <Stack>
          <TextInput
            label={t('funders.field.name')}
            required
            error={translateMessageKey(intl, errors.name?.message)}
            {...form.register('name')}
          />
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
                  error={translateMessageKey(intl, errors.kind?.message)}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
            />
            <TextInput
              label={t('funders.field.country')}
              description={countryName || t('funders.field.countryHint')}
              maxLength={2}
              autoCapitalize="characters"
              error={translateMessageKey(intl, errors.country?.message)}
              {...form.register('country')}
            />
            <TextInput
              label={t('funders.field.website')}
              type="url"
              placeholder="https://"
              error={translateMessageKey(intl, errors.website?.message)}
              {...form.register('website')}
            />
            <TextInput
              label={t('funders.field.contactName')}
              error={translateMessageKey(intl, errors.contactName?.message)}
              {...form.register('contactName')}
            />
            <TextInput
              label={t('funders.field.contactEmail')}
              type="email"
              error={translateMessageKey(intl, errors.contactEmail?.message)}
              {...form.register('contactEmail')}
            />
          </SimpleGrid>
          <Textarea
            label={t('funders.field.notes')}
            autosize
            minRows={3}
            maxRows={12}
            error={translateMessageKey(intl, errors.notes?.message)}
            {...form.register('notes')}
          />
        </Stack>
      </Fieldset>
      <Group justify="space-between" mt="lg" wrap="wrap">
        <Group>{actions}</Group>
        {!readOnly && (
          <Button type="submit" loading={submitting} data-testid="funder-save">
            {submitLabel}
          </Button>
        )}
      </Group>
    </form>
  );
}

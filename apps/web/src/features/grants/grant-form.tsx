import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import {
  createGrantInput,
  type Grant,
  type GrantStatus,
  initialGrantStatuses,
  isCurrencyCode,
  updateGrantInput,
} from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { AmountField } from '../../components/money-fields/amount-field';
import { PageForm } from '../../components/page-form';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';

export interface GrantFormValues {
  funderId: string;
  title: string;
  reference: string;
  currency: string;
  amount: string;
  startDate: string;
  endDate: string;
  status: GrantStatus;
  costShare: string;
  restrictions: string;
  notes: string;
}

/** API field names → form field names (amounts are typed as text). */
const fieldFor = (path: string): FieldPath<GrantFormValues> | undefined => {
  const map: Record<string, FieldPath<GrantFormValues>> = {
    amountMinor: 'amount',
    costShareMinor: 'costShare',
  };
  const field = map[path] ?? path;
  return field in emptyGrant ? (field as FieldPath<GrantFormValues>) : undefined;
};

export const emptyGrant: GrantFormValues = {
  funderId: '',
  title: '',
  reference: '',
  currency: '',
  amount: '',
  startDate: '',
  endDate: '',
  status: 'prospect',
  costShare: '',
  restrictions: '',
  notes: '',
};

export function useGrantToFormValues() {
  const format = useFormat();
  return (grant: Grant): GrantFormValues => ({
    funderId: grant.funderId,
    title: grant.title,
    reference: grant.reference ?? '',
    currency: grant.currency,
    amount: format.minorForInput(grant.amountMinor, grant.currency),
    startDate: grant.startDate,
    endDate: grant.endDate,
    status: grant.status,
    costShare: format.minorForInput(grant.costShareMinor, grant.currency),
    restrictions: grant.restrictions ?? '',
    notes: grant.notes ?? '',
  });
}

type Submitted =
  | { mode: 'create'; input: ReturnType<typeof createGrantInput.parse> }
  | { mode: 'edit'; input: Omit<ReturnType<typeof updateGrantInput.parse>, 'id' | 'version'> };

/**
 * The grant's fields. Amounts are typed in major units in the user's locale and read with the
 * domain's `parseAmount`; the result is checked with the API's own schema before it is sent.
 * `onSubmit` resolves to the server's error (or null) so field errors land on the right inputs.
 */
export function GrantForm({
  mode,
  defaultValues,
  readOnly,
  submitting,
  submitLabel,
  onSubmit,
  actions,
}: {
  mode: 'create' | 'edit';
  defaultValues: GrantFormValues;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (submitted: Submitted) => Promise<unknown>;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<GrantFormValues>({ defaultValues });
  // One key per new grant (docs/decisions/0014): a retry or a second click gets the first.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { inputProps, error } = useFieldProps(form);
  const funders = useQuery(trpc.funders.list.queryOptions({ status: 'active', limit: 200 }));
  const currency = form.watch('currency').trim().toUpperCase();

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<GrantFormValues>();
    const known = isCurrencyCode(currency);
    const amountMinor = known ? problems.amount('amount', values.amount, currency, format.decimalMark) : 0;
    const costShareMinor = known
      ? problems.optionalAmount('costShare', values.costShare, currency, format.decimalMark)
      : null;
    const fields = {
      funderId: values.funderId,
      title: values.title,
      reference: values.reference,
      currency,
      amountMinor,
      startDate: values.startDate,
      endDate: values.endDate,
      costShareMinor,
      restrictions: values.restrictions,
      notes: values.notes,
    };
    let submitted: Submitted | undefined;
    if (mode === 'create') {
      const input = problems.check(createGrantInput, { ...fields, status: values.status, idempotencyKey }, fieldFor);
      if (input) submitted = { mode, input };
    } else {
      const input = problems.check(updateGrantInput, { ...fields, id: 'x', version: 1 }, fieldFor);
      if (input) {
        const { id: _id, version: _version, ...rest } = input;
        submitted = { mode, input: rest };
      }
    }
    if (problems.apply(form.setError) || !submitted) return;
    const failure = await onSubmit(submitted);
    applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  return (
    <PageForm
      onSubmit={submit}
      testId="grant-form"
      readOnly={readOnly}
      submitting={submitting}
      submitLabel={submitLabel}
      submitTestId="grant-save"
      actions={actions}
    >
      <TextInput label={t('grants.field.title')} required {...inputProps('title')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="funderId"
          render={({ field }) => (
            <Select
              label={t('grants.field.funder')}
              required
              searchable
              data={(funders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('funderId')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <TextInput label={t('grants.field.reference')} {...inputProps('reference')} />
        <TextInput
          label={t('grants.field.currency')}
          description={t('grants.field.currencyHint')}
          required
          maxLength={3}
          autoCapitalize="characters"
          {...inputProps('currency')}
        />
        <AmountField form={form} name="amount" currency={currency} label={t('grants.field.amount')} required />
        <TextInput type="date" label={t('grants.field.startDate')} required {...inputProps('startDate')} />
        <TextInput type="date" label={t('grants.field.endDate')} required {...inputProps('endDate')} />
        {mode === 'create' && (
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <Select
                label={t('grants.field.initialStatus')}
                allowDeselect={false}
                data={initialGrantStatuses.map((s) => ({ value: s, label: t(`grantStatus.${s}`) }))}
                value={field.value}
                onChange={(value) => field.onChange(value ?? 'prospect')}
                ref={field.ref}
                name={field.name}
                error={error('status')}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
        )}
        <AmountField form={form} name="costShare" currency={currency} label={t('grants.field.costShare')} />
      </SimpleGrid>
      <Textarea
        label={t('grants.field.restrictions')}
        autosize
        minRows={2}
        maxRows={8}
        {...inputProps('restrictions')}
      />
      <Textarea label={t('grants.field.notes')} autosize minRows={2} maxRows={8} {...inputProps('notes')} />
    </PageForm>
  );
}

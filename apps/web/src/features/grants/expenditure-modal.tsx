import { Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createExpenditureInput,
  type Expenditure,
  type Grant,
  isCurrencyCode,
  isIsoDate,
  parseAmount,
  receiptPolicy,
  updateExpenditureInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { AttachedFileField } from '../../components/attached-file-field';
import { ErrorAlert } from '../../components/error-alert';
import { AmountField } from '../../components/money-fields/amount-field';
import { OverBudgetNotice } from '../../components/money-fields/over-budget-notice';
import { RateField } from '../../components/money-fields/rate-field';
import {
  type RateFieldValue,
  rateFieldValueFor,
  ratePerFor,
  readRateText,
} from '../../components/money-fields/typed-rate';
import { FormModal } from '../../components/form-modal';
import { firstFieldErrors, readAppError } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { receiptUrl, uploadReceipt } from '../../lib/receipts';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useGrantInvalidation } from './use-grant-invalidation';

interface ExpenditureFormValues {
  budgetLineId: string;
  date: string;
  payee: string;
  description: string;
  currency: string;
  amount: string;
  rate: RateFieldValue;
  confirmRate: boolean;
  confirmOverBudget: boolean;
  receiptReference: string;
  file: File | null;
}

const formFields: Record<string, FieldPath<ExpenditureFormValues>> = {
  budgetLineId: 'budgetLineId',
  date: 'date',
  payee: 'payee',
  description: 'description',
  currency: 'currency',
  amountMinor: 'amount',
  rate: 'rate',
  'rate.per': 'rate',
  'rate.value': 'rate',
  confirmRate: 'rate',
  confirmOverBudget: 'confirmOverBudget',
  receiptReference: 'receiptReference',
  file: 'file',
};

/** The form for one expenditure: a new one, or an edit (also of one just saved without its receipt). */
export function ExpenditureModal({
  grant,
  baseCurrency,
  expenditure,
  onClose,
}: {
  grant: Grant;
  baseCurrency: string;
  expenditure: Expenditure | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useGrantInvalidation();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const lines = useQuery(trpc.budget.lines.queryOptions({ grantId: grant.id }));
  const form = useForm<ExpenditureFormValues>({
    defaultValues: {
      budgetLineId: expenditure?.budgetLineId ?? '',
      date: expenditure?.date ?? '',
      payee: expenditure?.payee ?? '',
      description: expenditure?.description ?? '',
      currency: expenditure?.currency ?? baseCurrency,
      amount: expenditure ? format.minorForInput(expenditure.amountMinor, expenditure.currency) : '',
      rate:
        expenditure?.rateSource === 'typed'
          ? rateFieldValueFor(
              expenditure.rateToGrant,
              expenditure.currency,
              grant.currency,
              baseCurrency,
              format.decimalMark,
            )
          : { per: '', text: '' },
      confirmRate: false,
      confirmOverBudget: false,
      receiptReference: expenditure?.receiptReference ?? '',
      file: null,
    },
  });
  const { inputProps, error } = useFieldProps(form);
  const [failure, setFailure] = useState<unknown>(null);
  // One key per new entry (docs/decisions/0014): a retry or a second click gets the first record.
  const [idempotencyKey] = useState(newIdempotencyKey);
  // Once the entry is saved (its receipt perhaps refused), saving again edits it: never a second one.
  const [made, setMade] = useState<Expenditure | null>(null);
  const current = expenditure ?? made;
  const [saving, setSaving] = useState(false);
  const create = useMutation(trpc.expenditures.create.mutationOptions());
  const update = useMutation(trpc.expenditures.update.mutationOptions());
  const removeReceipt = useMutation(
    trpc.expenditures.removeReceipt.mutationOptions({ onSuccess: () => invalidate.ledger() }),
  );
  const currency = form.watch('currency').trim().toUpperCase();
  const date = form.watch('date');
  // The rate the server will take from the table if none is typed, shown before saving.
  const needsRate = currency !== grant.currency && isCurrencyCode(currency) && isIsoDate(date);
  const proposal = useQuery({
    ...trpc.exchangeRates.lookup.queryOptions({ fromCurrency: currency, toCurrency: grant.currency, date }),
    enabled: needsRate,
  });
  const paid = isCurrencyCode(currency) ? parseAmount(form.watch('amount'), currency, format.decimalMark) : null;
  const fieldFor = (path: string) => formFields[path];

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const problems = new FormProblems<ExpenditureFormValues>();
    if (values.file && values.file.size > receiptPolicy.maxBytes) {
      problems.problems.push(['file', `validation.fileTooLarge?max=${receiptPolicy.maxBytes / 1024 / 1024}`]);
    }
    const fields = {
      grantId: grant.id,
      budgetLineId: values.budgetLineId,
      date: values.date,
      payee: values.payee,
      description: values.description,
      currency,
      amountMinor: isCurrencyCode(currency)
        ? problems.amount('amount', values.amount, currency, format.decimalMark)
        : 0,
      rate: typedRate(problems, values, currency, grant.currency, baseCurrency, proposal.data?.nearest ?? null),
      confirmRate: values.confirmRate,
      confirmOverBudget: values.confirmOverBudget,
      receiptReference: values.receiptReference,
    };
    const input = current
      ? problems.check(updateExpenditureInput, { ...fields, id: current.id, version: current.version }, fieldFor)
      : problems.check(createExpenditureInput, { ...fields, idempotencyKey }, fieldFor);
    if (problems.apply(form.setError) || !input) return;
    setSaving(true);
    try {
      const saved =
        current && 'id' in input
          ? await update.mutateAsync(input as Parameters<typeof update.mutateAsync>[0])
          : await create.mutateAsync(input);
      // The record exists now; a failed upload leaves it without a receipt and says so, and the
      // form goes on editing that record.
      setMade(saved.expenditure);
      if (values.file) {
        try {
          await uploadReceipt(saved.expenditure.id, values.file);
        } catch (uploadError) {
          await invalidate.ledger();
          const fileErrors = firstFieldErrors(readAppError(uploadError)).filter(([path]) => path === 'file');
          if (fileErrors[0]) form.setError('file', { type: 'server', message: fileErrors[0][1] });
          setFailure(uploadError);
          notifications.show({ color: 'orange', message: t('ledger.savedWithoutReceipt') });
          return;
        }
      }
      await invalidate.ledger();
      notifications.show({ color: 'green', message: t('ledger.saved') });
      if (saved.warnings.includes('overspent')) {
        notifications.show({
          color: 'orange',
          title: t('ledger.warning.title'),
          message: t('ledger.warning.overspent'),
          autoClose: 10_000,
          'data-testid': 'overspent-warning',
        } as Parameters<typeof notifications.show>[0]);
      }
      onClose();
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
      setFailure(saveError);
    } finally {
      setSaving(false);
    }
  });

  return (
    <FormModal
      title={t(current ? 'ledger.edit' : 'ledger.add')}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      testId="expenditure-form"
      submitting={saving}
      submitTestId="expenditure-save"
    >
      {failure !== null && <ErrorAlert error={failure} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="budgetLineId"
          render={({ field }) => (
            <Select
              label={t('ledger.line')}
              required
              data={(lines.data ?? []).map((line) => ({
                value: line.id,
                label: `${line.code} · ${line.category}`,
              }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              ref={field.ref}
              name={field.name}
              error={error('budgetLineId')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <TextInput type="date" label={t('ledger.date')} required {...inputProps('date')} />
        <TextInput label={t('ledger.payee')} required {...inputProps('payee')} />
        <TextInput label={t('ledger.receiptReference')} {...inputProps('receiptReference')} />
      </SimpleGrid>
      <Textarea label={t('ledger.description')} required autosize minRows={2} {...inputProps('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('ledger.currency')}
          required
          maxLength={3}
          autoCapitalize="characters"
          {...inputProps('currency')}
        />
        <AmountField form={form} name="amount" currency={currency} label={t('ledger.amount')} required />
      </SimpleGrid>
      {currency === grant.currency ? (
        <Text size="xs" c="dimmed">
          {t('money.rate.same')}
        </Text>
      ) : (
        isCurrencyCode(currency) && (
          <RateField
            form={form}
            name="rate"
            confirmName="confirmRate"
            from={currency}
            to={grant.currency}
            local={baseCurrency}
            amountMinor={paid?.ok ? paid.amountMinor : null}
            proposed={needsRate ? proposal.data : undefined}
          />
        )
      )}
      <OverBudgetNotice form={form} confirmName="confirmOverBudget" />
      <AttachedFileField
        control={form.control}
        name="file"
        label={t('ledger.receiptFile')}
        error={error('file')}
        testId="receipt-file"
        kept={expenditure?.receipt ? { fileName: expenditure.receipt.fileName, url: receiptUrl(expenditure.id) } : null}
        removeLabel={t('ledger.removeReceipt')}
        removing={removeReceipt.isPending}
        removeDisabled={removeReceipt.isSuccess}
        onRemove={() => expenditure && removeReceipt.mutate({ id: expenditure.id })}
      />
    </FormModal>
  );
}

/** The typed rate as the API's quote (null: use the table), or a problem on the rate field. */
function typedRate(
  problems: FormProblems<ExpenditureFormValues>,
  values: ExpenditureFormValues,
  currency: string,
  grantCurrency: string,
  local: string,
  table: Parameters<typeof ratePerFor>[4],
) {
  if (currency === grantCurrency || !isCurrencyCode(currency)) return null;
  const read = readRateText(values.rate.text, ratePerFor(values.rate.per, currency, grantCurrency, local, table));
  if (read.kind === 'problem') problems.problems.push(['rate', read.error]);
  return read.kind === 'quote' ? read.quote : null;
}

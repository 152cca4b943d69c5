import {
  Anchor,
  Button,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
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
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { AmountField } from '../../components/money-fields/amount-field';
import { RateField } from '../../components/money-fields/rate-field';
import { RateQuote } from '../../components/money-fields/rate-quote';
import {
  type RateFieldValue,
  rateFieldValueFor,
  ratePerFor,
  readRateText,
} from '../../components/money-fields/typed-rate';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { firstFieldErrors, readAppError } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { receiptUrl, uploadReceipt } from '../../lib/receipts';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from './tab-header';
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
  receiptReference: 'receiptReference',
  file: 'file',
};

const pageSize = 100;

/** The ledger of one grant. Only finance and admin see it (the tab is not offered to anyone else). */
export function LedgerTab({ grant, baseCurrency }: { grant: Grant; baseCurrency: string }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('ledger.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [lineId, setLineId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const [editing, setEditing] = useState<Expenditure | 'new' | null>(null);
  const [page, setPage] = useState(1);
  const filterKey = JSON.stringify([lineId, from, to, search]);
  const [pagedFilter, setPagedFilter] = useState(filterKey);
  // A new filter starts again from the first page.
  if (pagedFilter !== filterKey) {
    setPagedFilter(filterKey);
    setPage(1);
  }

  const lines = useQuery(trpc.budget.lines.queryOptions({ grantId: grant.id }));
  const ledger = useQuery({
    ...trpc.expenditures.list.queryOptions({
      grantId: grant.id,
      budgetLineId: lineId ?? undefined,
      from: from || undefined,
      to: to || undefined,
      search,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation(
    trpc.expenditures.remove.mutationOptions({
      onSuccess: async () => {
        await invalidate.ledger();
        notifications.show({ color: 'green', message: t('ledger.removed') });
      },
    }),
  );

  return (
    <Stack>
      <TabHeader title={t('ledger.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="expenditure-add">
            {t('ledger.add')}
          </Button>
        )}
      </TabHeader>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="search"
          label={t('ledger.search')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: '1 1 200px' }}
          data-testid="ledger-search"
        />
        <Select
          label={t('ledger.line')}
          placeholder={t('grants.filter.all')}
          clearable
          data={(lines.data ?? []).map((line) => ({ value: line.id, label: `${line.code} · ${line.category}` }))}
          value={lineId}
          onChange={setLineId}
          style={{ flex: '0 1 220px' }}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput type="date" label={t('ledger.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('ledger.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {remove.error && <ErrorAlert error={remove.error} />}
      {ledger.error && <ErrorAlert error={ledger.error} onReload={() => void ledger.refetch()} />}
      {ledger.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="ledger-total">
            {t('ledger.total', {
              count: ledger.data?.total ?? 0,
              amount: format.money(ledger.data?.totalGrantMinor ?? 0, grant.currency),
            })}
          </Text>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped verticalSpacing="xs" data-testid="ledger-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ledger.date')}</Table.Th>
                  <Table.Th>{t('ledger.line')}</Table.Th>
                  <Table.Th>{t('ledger.payee')}</Table.Th>
                  <Table.Th>{t('ledger.description')}</Table.Th>
                  <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
                  <Table.Th ta="right">{t('ledger.rate')}</Table.Th>
                  <Table.Th ta="right">{t('ledger.grantAmount', { currency: grant.currency })}</Table.Th>
                  <Table.Th ta="right">{t('ledger.baseAmount', { currency: baseCurrency })}</Table.Th>
                  <Table.Th>{t('ledger.receipt')}</Table.Th>
                  {canWrite && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.data?.items.map((item) => (
                  <Table.Tr key={item.id} data-testid="expenditure-row">
                    <Table.Td>{format.day(item.date)}</Table.Td>
                    <Table.Td>{item.budgetLineCode}</Table.Td>
                    <Table.Td>{item.payee}</Table.Td>
                    <Table.Td>{item.description}</Table.Td>
                    <Table.Td ta="right">{format.money(item.amountMinor, item.currency)}</Table.Td>
                    <Table.Td ta="right">
                      {item.rateSource === 'same' ? (
                        ''
                      ) : (
                        <RateQuote
                          rate={item.rateToGrant}
                          from={item.currency}
                          to={grant.currency}
                          local={baseCurrency}
                        />
                      )}
                      <Text size="xs" c="dimmed">
                        {t(`rateSource.${item.rateSource}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{format.money(item.amountGrantMinor, grant.currency)}</Table.Td>
                    <Table.Td ta="right">
                      {item.amountBaseMinor === null
                        ? t('common.none')
                        : format.money(item.amountBaseMinor, baseCurrency)}
                    </Table.Td>
                    <Table.Td>
                      {item.receipt ? (
                        <Anchor href={receiptUrl(item.id)} target="_blank" rel="noopener" data-testid="receipt-link">
                          {item.receiptReference ?? item.receipt.fileName}
                        </Anchor>
                      ) : (
                        (item.receiptReference ?? '')
                      )}
                    </Table.Td>
                    {canWrite && (
                      <RowActions
                        onEdit={() => setEditing(item)}
                        onRemove={() => remove.mutate({ id: item.id, version: item.version })}
                        removing={remove.isPending && remove.variables?.id === item.id}
                        confirmMessage={t('ledger.removeConfirm')}
                      />
                    )}
                  </Table.Tr>
                ))}
                {ledger.data?.items.length === 0 && <TableEmptyRow colSpan={10}>{t('ledger.empty')}</TableEmptyRow>}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination page={page} pages={Math.ceil((ledger.data?.total ?? 0) / pageSize)} onChange={setPage} />
        </>
      )}
      {editing && (
        <ExpenditureModal
          grant={grant}
          baseCurrency={baseCurrency}
          expenditure={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function ExpenditureModal({
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
      <Controller
        control={form.control}
        name="file"
        render={({ field }) => (
          <FileInput
            label={t('ledger.receiptFile')}
            description={t('ledger.receiptFileHint', { max: receiptPolicy.maxBytes / 1024 / 1024 })}
            accept={receiptPolicy.types.join(',')}
            clearable
            value={field.value}
            onChange={field.onChange}
            error={error('file')}
            data-testid="receipt-file"
          />
        )}
      />
      {expenditure?.receipt && (
        <Group gap="xs">
          <Anchor href={receiptUrl(expenditure.id)} target="_blank" rel="noopener" size="sm">
            {expenditure.receipt.fileName}
          </Anchor>
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            loading={removeReceipt.isPending}
            disabled={removeReceipt.isSuccess}
            onClick={() => removeReceipt.mutate({ id: expenditure.id })}
          >
            {t('ledger.removeReceipt')}
          </Button>
        </Group>
      )}
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

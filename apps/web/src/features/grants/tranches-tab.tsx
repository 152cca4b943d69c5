import { Button, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createTrancheInput,
  type Grant,
  isIsoDate,
  parseAmount,
  type Tranche,
  updateTrancheInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { AmountField } from '../../components/money-fields/amount-field';
import { ImpliedRate } from '../../components/money-fields/implied-rate';
import { RateQuote } from '../../components/money-fields/rate-quote';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';

interface TrancheFormValues {
  expectedDate: string;
  expectedAmount: string;
  receivedDate: string;
  receivedAmount: string;
  receivedBase: string;
  /** The received amounts imply a rate far from the table's, and it is right. */
  confirmRate: boolean;
  note: string;
}

const formFields: Record<string, FieldPath<TrancheFormValues>> = {
  expectedDate: 'expectedDate',
  expectedAmountMinor: 'expectedAmount',
  receivedDate: 'receivedDate',
  receivedAmountMinor: 'receivedAmount',
  receivedBaseMinor: 'receivedBase',
  confirmRate: 'receivedBase',
  note: 'note',
};

export function TranchesTab({ grant, baseCurrency }: { grant: Grant; baseCurrency: string }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('grant.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const tranches = useQuery(trpc.tranches.list.queryOptions({ grantId: grant.id }));
  const [editing, setEditing] = useState<Tranche | 'new' | null>(null);
  const remove = useMutation(
    trpc.tranches.remove.mutationOptions({
      onSuccess: async () => {
        await invalidate.tranches();
        notifications.show({ color: 'green', message: t('tranches.removed') });
      },
    }),
  );

  if (tranches.isPending) return <Loading />;
  if (tranches.isError) return <ErrorAlert error={tranches.error} onReload={() => void tranches.refetch()} />;
  const received = tranches.data.reduce((sum, tr) => sum + (tr.receivedAmountMinor ?? 0), 0);
  const receivedBase = tranches.data.reduce((sum, tr) => sum + (tr.receivedBaseMinor ?? 0), 0);

  return (
    <Stack>
      <TabHeader title={t('tranches.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="tranche-add">
            {t('tranches.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} />}
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="tranches-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tranches.expectedDate')}</Table.Th>
              <Table.Th ta="right">{t('tranches.expectedAmount')}</Table.Th>
              <Table.Th>{t('tranches.receivedDate')}</Table.Th>
              <Table.Th ta="right">{t('tranches.receivedAmount')}</Table.Th>
              <Table.Th ta="right">
                {intl.formatMessage({ id: 'tranches.receivedBase' }, { currency: baseCurrency })}
              </Table.Th>
              <Table.Th ta="right">{t('tranches.rate')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tranches.data.map((tranche) => (
              <Table.Tr key={tranche.id} data-testid="tranche-row">
                <Table.Td>{format.day(tranche.expectedDate)}</Table.Td>
                <Table.Td ta="right">{format.money(tranche.expectedAmountMinor, grant.currency)}</Table.Td>
                <Table.Td>{tranche.receivedDate ? format.day(tranche.receivedDate) : t('tranches.notYet')}</Table.Td>
                <Table.Td ta="right">
                  {tranche.receivedAmountMinor === null
                    ? ''
                    : format.money(tranche.receivedAmountMinor, grant.currency)}
                </Table.Td>
                <Table.Td ta="right">
                  {tranche.receivedBaseMinor === null ? '' : format.money(tranche.receivedBaseMinor, baseCurrency)}
                </Table.Td>
                <Table.Td ta="right">
                  {tranche.receivedRate && (
                    <RateQuote
                      rate={tranche.receivedRate}
                      from={grant.currency}
                      to={baseCurrency}
                      local={baseCurrency}
                    />
                  )}
                </Table.Td>
                {canWrite && (
                  <RowActions
                    onEdit={() => setEditing(tranche)}
                    onRemove={() => remove.mutate({ id: tranche.id, version: tranche.version })}
                    removing={remove.isPending && remove.variables?.id === tranche.id}
                    confirmMessage={t('tranches.removeConfirm')}
                  />
                )}
              </Table.Tr>
            ))}
            {tranches.data.length === 0 && <TableEmptyRow colSpan={7}>{t('tranches.empty')}</TableEmptyRow>}
          </Table.Tbody>
          {tranches.data.length > 0 && (
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td colSpan={3}>{t('tranches.totalReceived')}</Table.Td>
                <Table.Td ta="right" data-testid="tranches-received">
                  {format.money(received, grant.currency)}
                </Table.Td>
                <Table.Td ta="right">{format.money(receivedBase, baseCurrency)}</Table.Td>
                <Table.Td colSpan={canWrite ? 2 : 1} />
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <TrancheModal
          grant={grant}
          baseCurrency={baseCurrency}
          tranche={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function TrancheModal({
  grant,
  baseCurrency,
  tranche,
  onClose,
}: {
  grant: Grant;
  baseCurrency: string;
  tranche: Tranche | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<TrancheFormValues>({
    defaultValues: {
      expectedDate: tranche?.expectedDate ?? '',
      expectedAmount: format.minorForInput(tranche?.expectedAmountMinor, grant.currency),
      receivedDate: tranche?.receivedDate ?? '',
      receivedAmount: format.minorForInput(tranche?.receivedAmountMinor, grant.currency),
      receivedBase: format.minorForInput(tranche?.receivedBaseMinor, baseCurrency),
      confirmRate: false,
      note: tranche?.note ?? '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const done = async () => {
    await invalidate.tranches();
    notifications.show({ color: 'green', message: t('tranches.saved') });
    onClose();
  };
  // One key per new tranche (docs/decisions/0014): a retry or a second click gets the first.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation(trpc.tranches.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.tranches.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const fieldFor = (path: string) => formFields[path];
  // The table's rate nearest the day the money arrived: what the rate the amounts imply is checked against.
  const receivedDate = form.watch('receivedDate');
  const table = useQuery({
    ...trpc.exchangeRates.lookup.queryOptions({
      fromCurrency: grant.currency,
      toCurrency: baseCurrency,
      date: receivedDate,
    }),
    enabled: grant.currency !== baseCurrency && isIsoDate(receivedDate),
  });

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<TrancheFormValues>();
    const mark = format.decimalMark;
    const fields = {
      expectedDate: values.expectedDate,
      expectedAmountMinor: problems.amount('expectedAmount', values.expectedAmount, grant.currency, mark),
      receivedDate: values.receivedDate || null,
      receivedAmountMinor: problems.optionalAmount('receivedAmount', values.receivedAmount, grant.currency, mark),
      receivedBaseMinor: problems.optionalAmount('receivedBase', values.receivedBase, baseCurrency, mark),
      confirmRate: values.confirmRate,
      note: values.note,
    };
    try {
      if (tranche) {
        const input = problems.check(
          updateTrancheInput,
          { ...fields, id: tranche.id, version: tranche.version },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const input = problems.check(createTrancheInput, { ...fields, grantId: grant.id, idempotencyKey }, fieldFor);
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldFor);
    }
  });

  return (
    <FormModal
      title={t(tranche ? 'tranches.edit' : 'tranches.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="tranche-form"
      submitting={create.isPending || update.isPending}
      submitTestId="tranche-save"
    >
      {failure && <ErrorAlert error={failure} />}
      <TextInput type="date" label={t('tranches.expectedDate')} required {...inputProps('expectedDate')} />
      <AmountField
        form={form}
        name="expectedAmount"
        currency={grant.currency}
        label={`${t('tranches.expectedAmount')} (${grant.currency})`}
        required
      />
      <Text size="sm" c="dimmed">
        {t('tranches.receivedHint')}
      </Text>
      <TextInput type="date" label={t('tranches.receivedDate')} {...inputProps('receivedDate')} />
      <AmountField
        form={form}
        name="receivedAmount"
        currency={grant.currency}
        label={`${t('tranches.receivedAmount')} (${grant.currency})`}
      />
      <AmountField
        form={form}
        name="receivedBase"
        currency={baseCurrency}
        label={intl.formatMessage({ id: 'tranches.receivedBase' }, { currency: baseCurrency })}
      />
      <ImpliedRate
        form={form}
        confirmName="confirmRate"
        fromMinor={amountOf(form.watch('receivedAmount'), grant.currency, format.decimalMark)}
        from={grant.currency}
        toMinor={amountOf(form.watch('receivedBase'), baseCurrency, format.decimalMark)}
        to={baseCurrency}
        local={baseCurrency}
        table={table.data?.nearest ?? null}
      />
      <Textarea label={t('tranches.note')} autosize minRows={2} {...inputProps('note')} />
    </FormModal>
  );
}

/** Minor units of a typed amount, when it reads as one. */
function amountOf(text: string, currency: string, decimalMark: '.' | ','): number | null {
  const parsed = parseAmount(text, currency, decimalMark);
  return parsed.ok ? parsed.amountMinor : null;
}

import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { createTrancheInput, type Grant, type Tranche, updateTrancheInput } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { useGrantInvalidation } from './use-grant-invalidation';

interface TrancheFormValues {
  expectedDate: string;
  expectedAmount: string;
  receivedDate: string;
  receivedAmount: string;
  receivedBase: string;
  note: string;
}

const formFields: Record<string, FieldPath<TrancheFormValues>> = {
  expectedDate: 'expectedDate',
  expectedAmountMinor: 'expectedAmount',
  receivedDate: 'receivedDate',
  receivedAmountMinor: 'receivedAmount',
  receivedBaseMinor: 'receivedBase',
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
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {t('tranches.title')}
        </Title>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="tranche-add">
            {t('tranches.add')}
          </Button>
        )}
      </Group>
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
                <Table.Td ta="right">{format.rate(tranche.receivedRate)}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(tranche)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables?.id === tranche.id}
                        onClick={() => {
                          if (window.confirm(t('tranches.removeConfirm')))
                            remove.mutate({ id: tranche.id, version: tranche.version });
                        }}
                      >
                        {t('common.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {tranches.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed">{t('tranches.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
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
      note: tranche?.note ?? '',
    },
  });
  const { errors } = form.formState;
  const done = async () => {
    await invalidate.tranches();
    notifications.show({ color: 'green', message: t('tranches.saved') });
    onClose();
  };
  const create = useMutation(trpc.tranches.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.tranches.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const fieldFor = (path: string) => formFields[path];

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<TrancheFormValues>();
    const mark = format.decimalMark;
    const fields = {
      expectedDate: values.expectedDate,
      expectedAmountMinor: problems.amount('expectedAmount', values.expectedAmount, grant.currency, mark),
      receivedDate: values.receivedDate || null,
      receivedAmountMinor: problems.optionalAmount('receivedAmount', values.receivedAmount, grant.currency, mark),
      receivedBaseMinor: problems.optionalAmount('receivedBase', values.receivedBase, baseCurrency, mark),
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
        const input = problems.check(createTrancheInput, { ...fields, grantId: grant.id }, fieldFor);
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (error) {
      for (const [path, message] of firstFieldErrors(readAppError(error))) {
        const field = fieldFor(path);
        if (field) form.setError(field, { type: 'server', message });
      }
    }
  });
  const error = (field: keyof TrancheFormValues) => translateMessageKey(intl, errors[field]?.message);

  return (
    <Modal opened onClose={onClose} title={t(tranche ? 'tranches.edit' : 'tranches.add')}>
      <form noValidate onSubmit={submit} data-testid="tranche-form">
        <Stack>
          {failure && <ErrorAlert error={failure} />}
          <TextInput
            type="date"
            label={t('tranches.expectedDate')}
            required
            error={error('expectedDate')}
            {...form.register('expectedDate')}
          />
          <TextInput
            label={`${t('tranches.expectedAmount')} (${grant.currency})`}
            required
            inputMode="decimal"
            error={error('expectedAmount')}
            {...form.register('expectedAmount')}
          />
          <Text size="sm" c="dimmed">
            {t('tranches.receivedHint')}
          </Text>
          <TextInput
            type="date"
            label={t('tranches.receivedDate')}
            error={error('receivedDate')}
            {...form.register('receivedDate')}
          />
          <TextInput
            label={`${t('tranches.receivedAmount')} (${grant.currency})`}
            inputMode="decimal"
            error={error('receivedAmount')}
            {...form.register('receivedAmount')}
          />
          <TextInput
            label={intl.formatMessage({ id: 'tranches.receivedBase' }, { currency: baseCurrency })}
            inputMode="decimal"
            error={error('receivedBase')}
            {...form.register('receivedBase')}
          />
          <Textarea label={t('tranches.note')} autosize minRows={2} error={error('note')} {...form.register('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="tranche-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

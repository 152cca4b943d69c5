import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Expenditure, Grant } from '@tessera/domain';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { RateQuote } from '../../components/money-fields/rate-quote';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { receiptUrl } from '../../lib/receipts';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';
import { ExpenditureModal } from './expenditure-modal';

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

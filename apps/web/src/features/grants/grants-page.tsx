import { Button, Checkbox, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { grantStatuses } from '@tessera/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { EmptyState } from '../../components/empty-state';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { endingSoonDays, type GrantsSearch } from './grants-search';
import { GrantStatusBadge } from './status-badge';

export function GrantsPage({
  search,
  onSearchChange,
}: {
  search: GrantsSearch;
  onSearchChange: (changes: Partial<GrantsSearch>) => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('grant.write');
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);

  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced !== (search.q ?? '')) onSearchChange({ q: debounced || undefined });
  }, [debounced, search.q, onSearchChange]);
  const [currencyText, setCurrencyText] = useState(search.currency ?? '');

  const filtered = Boolean(search.q || search.status || search.funder || search.currency || search.ending);
  const clearFilters = () => {
    setText('');
    setCurrencyText('');
    onSearchChange({ q: undefined, status: undefined, funder: undefined, currency: undefined, ending: undefined });
  };

  const funders = useQuery(trpc.funders.list.queryOptions({ status: 'all', limit: 200 }));
  const list = useQuery({
    ...trpc.grants.list.queryOptions({
      search: search.q ?? '',
      status: search.status,
      funderId: search.funder,
      currency: search.currency,
      endingWithinDays: search.ending ? endingSoonDays : undefined,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('grants.title')}</Title>
        {canWrite && (
          <Button component={Link} to="/grants/new" data-testid="new-grant">
            {t('grants.new')}
          </Button>
        )}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          type="search"
          label={t('grants.search')}
          placeholder={t('grants.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="grant-search"
        />
        <Select
          label={t('grants.field.status')}
          placeholder={t('grants.filter.all')}
          clearable
          data={grantStatuses.map((status) => ({ value: status, label: t(`grantStatus.${status}`) }))}
          value={search.status ?? null}
          onChange={(value) => onSearchChange({ status: (value as GrantsSearch['status']) ?? undefined })}
          style={{ flex: '0 1 180px' }}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('grants.field.funder')}
          placeholder={t('grants.filter.all')}
          clearable
          searchable
          data={(funders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
          value={search.funder ?? null}
          onChange={(value) => onSearchChange({ funder: value ?? undefined })}
          style={{ flex: '0 1 220px' }}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('grants.field.currency')}
          placeholder="EUR"
          maxLength={3}
          value={currencyText}
          onChange={(event) => {
            const value = event.currentTarget.value.toUpperCase();
            setCurrencyText(value);
            if (value === '' || /^[A-Z]{3}$/.test(value)) onSearchChange({ currency: value || undefined });
          }}
          style={{ flex: '0 1 90px' }}
        />
        <Checkbox
          label={t('grants.filter.endingSoon', { days: endingSoonDays })}
          checked={search.ending ?? false}
          onChange={(event) => onSearchChange({ ending: event.currentTarget.checked || undefined })}
          mb={8}
          data-testid="grant-ending-soon"
        />
      </Group>

      {list.error && <ErrorAlert error={list.error} onReload={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="grants-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grants.field.title')}</Table.Th>
                <Table.Th>{t('grants.field.reference')}</Table.Th>
                <Table.Th>{t('grants.field.funder')}</Table.Th>
                <Table.Th>{t('grants.field.status')}</Table.Th>
                <Table.Th>{t('grants.field.currency')}</Table.Th>
                <Table.Th ta="right">{t('grants.field.amount')}</Table.Th>
                <Table.Th ta="right">{t('grants.column.spent')}</Table.Th>
                <Table.Th ta="right">{t('grants.column.remaining')}</Table.Th>
                <Table.Th ta="right">{t('grants.column.spentShare')}</Table.Th>
                <Table.Th>{t('grants.field.endDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.map((grant) => {
                const remaining = grant.amountMinor - grant.spentMinor;
                return (
                  <Table.Tr key={grant.id} data-testid="grant-row">
                    <Table.Td>
                      <Link to="/grants/$grantId" params={{ grantId: grant.id }}>
                        {grant.title}
                      </Link>
                    </Table.Td>
                    <Table.Td>{grant.reference ?? t('common.none')}</Table.Td>
                    <Table.Td>{grant.funderName}</Table.Td>
                    <Table.Td>
                      <GrantStatusBadge status={grant.status} />
                    </Table.Td>
                    <Table.Td>{grant.currency}</Table.Td>
                    <Table.Td ta="right">{format.money(grant.amountMinor, grant.currency)}</Table.Td>
                    <Table.Td ta="right">{format.money(grant.spentMinor, grant.currency)}</Table.Td>
                    <Table.Td ta="right" c={remaining < 0 ? 'red' : undefined}>
                      {format.money(remaining, grant.currency)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {grant.amountMinor > 0 ? format.percent(grant.spentMinor / grant.amountMinor) : t('common.none')}
                    </Table.Td>
                    <Table.Td>{format.day(grant.endDate)}</Table.Td>
                  </Table.Tr>
                );
              })}
              {list.data?.length === 0 && (
                <TableEmptyRow colSpan={10}>
                  <EmptyState
                    filtered={filtered}
                    purpose={t('grants.firstStep')}
                    onClearFilters={clearFilters}
                    action={
                      canWrite && (
                        <Button component={Link} to="/grants/new" data-testid="first-grant">
                          {t('grants.firstStepAction')}
                        </Button>
                      )
                    }
                  />
                </TableEmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

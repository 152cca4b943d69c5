import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FunderSortField, funderKinds } from '@tessera/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { TablePagination } from '../../components/table-pagination';
import { Loading } from '../../components/loading';
import { EmptyState } from '../../components/empty-state';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { type FundersSearch, fundersPageSize } from './funders-search';

export function FundersPage({
  search,
  onSearchChange,
}: {
  search: FundersSearch;
  onSearchChange: (changes: Partial<FundersSearch>) => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('funder.write');
  const t = (id: string) => intl.formatMessage({ id });

  const status = search.status ?? 'active';
  const sort = search.sort ?? 'name';
  const direction = search.dir ?? 'asc';
  const page = search.page ?? 1;

  // The box updates at once; the URL (and so the server query) follows once typing pauses.
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced !== (search.q ?? '')) onSearchChange({ q: debounced || undefined, page: undefined });
  }, [debounced, search.q, onSearchChange]);

  const organization = useQuery(trpc.organization.current.queryOptions());
  const list = useQuery({
    ...trpc.funders.list.queryOptions({
      search: search.q ?? '',
      kind: search.kind,
      status,
      sort,
      direction,
      limit: fundersPageSize,
      offset: (page - 1) * fundersPageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / fundersPageSize));

  const sortHeader = (field: FunderSortField, labelId: string) => {
    const active = sort === field;
    return (
      <Table.Th aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
        <UnstyledButton
          fw={700}
          fz="sm"
          data-testid={`sort-${field}`}
          onClick={() =>
            onSearchChange({
              sort: field,
              dir: active && direction === 'asc' ? 'desc' : 'asc',
              page: undefined,
            })
          }
        >
          {t(labelId)} {active ? (direction === 'asc' ? '▲' : '▼') : ''}
          {active && (
            <VisuallyHidden>{t(direction === 'asc' ? 'common.sortAscending' : 'common.sortDescending')}</VisuallyHidden>
          )}
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('funders.title')}</Title>
          {organization.data && (
            <Text size="sm" c="dimmed" data-testid="base-currency">
              {intl.formatMessage(
                { id: 'funders.baseCurrency' },
                {
                  currency: organization.data.baseCurrency,
                  sample: format.money(123450, organization.data.baseCurrency),
                },
              )}
            </Text>
          )}
        </div>
        {canWrite && (
          <Button component={Link} to="/funders/new" data-testid="new-funder">
            {t('funders.new')}
          </Button>
        )}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          type="search"
          label={t('funders.search')}
          placeholder={t('funders.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="funder-search"
        />
        <Select
          label={t('funders.filter.kind')}
          placeholder={t('funders.filter.kindAll')}
          clearable
          data={funderKinds.map((kind) => ({ value: kind, label: t(`funderKind.${kind}`) }))}
          value={search.kind ?? null}
          onChange={(value) => onSearchChange({ kind: (value as FundersSearch['kind']) ?? undefined, page: undefined })}
          style={{ flex: '0 1 220px' }}
          comboboxProps={{ withinPortal: true }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="funder-status-label">
            {t('funders.filter.status')}
          </Text>
          <SegmentedControl
            aria-labelledby="funder-status-label"
            value={status}
            onChange={(value) =>
              onSearchChange({
                status: value === 'active' ? undefined : (value as FundersSearch['status']),
                page: undefined,
              })
            }
            data={(['active', 'archived', 'all'] as const).map((value) => ({
              value,
              label: t(`funders.status.${value}`),
            }))}
          />
        </Stack>
      </Group>

      {list.error && <ErrorAlert error={list.error} onReload={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="funder-total">
            {intl.formatMessage({ id: 'funders.total' }, { count: total })}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="funders-table">
              <Table.Thead>
                <Table.Tr>
                  {sortHeader('name', 'funders.column.name')}
                  {sortHeader('kind', 'funders.column.kind')}
                  {sortHeader('country', 'funders.column.country')}
                  {sortHeader('updatedAt', 'funders.column.updated')}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data?.items.map((funder) => (
                  <Table.Tr key={funder.id} data-testid="funder-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Link to="/funders/$funderId" params={{ funderId: funder.id }}>
                          {funder.name}
                        </Link>
                        {funder.archivedAt && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('funders.archivedBadge')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`funderKind.${funder.kind}`)}</Table.Td>
                    <Table.Td>{format.country(funder.country) || t('common.none')}</Table.Td>
                    <Table.Td data-testid="funder-updated">{format.date(funder.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
                {list.data?.items.length === 0 && (
                  <TableEmptyRow colSpan={4}>
                    <EmptyState
                      filtered={Boolean(search.q || search.kind || status !== 'active')}
                      purpose={t('funders.firstStep')}
                      onClearFilters={() => {
                        setText('');
                        onSearchChange({ q: undefined, kind: undefined, status: undefined, page: undefined });
                      }}
                      action={
                        canWrite && (
                          <Button component={Link} to="/funders/new" data-testid="first-funder">
                            {t('funders.firstStepAction')}
                          </Button>
                        )
                      }
                    />
                  </TableEmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination
            page={page}
            pages={pages}
            onChange={(next) => onSearchChange({ page: next === 1 ? undefined : next })}
          />
        </>
      )}
    </Stack>
  );
}

import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { LazyChart } from './lazy-chart';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { DashboardMoneyAlarms } from '../grants/money-alarms';
import { DeadlineStateBadge } from '../grants/status-badge';

/**
 * The finance landing page, loaded lazily (see routes/dashboard.tsx). Its charts, and the chart
 * library, load when scrolled into view (lazy-chart.tsx): the figures come first.
 */
export function DashboardPage() {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const dashboard = useQuery(trpc.grants.dashboard.queryOptions());

  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} onReload={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  const deadlines = [...data.overdue, ...data.dueSoon];

  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <DashboardMoneyAlarms alarms={data.alarms} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md" data-testid="dashboard-deadlines">
          <Title order={3} size="h5" mb="xs">
            {t('dashboard.deadlines')}
          </Title>
          {deadlines.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('dashboard.noDeadlines')}
            </Text>
          ) : (
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {deadlines.map((deadline) => (
                  <Table.Tr key={deadline.id} data-testid="dashboard-deadline">
                    <Table.Td>
                      <Link to="/grants/$grantId" params={{ grantId: deadline.grantId }} search={{ tab: 'deadlines' }}>
                        {deadline.grantTitle}
                      </Link>
                      <Text size="xs" c="dimmed">
                        {t(`deadlineKind.${deadline.kind}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.day(deadline.dueDate)}</Text>
                      <DeadlineStateBadge state={deadline.state} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md" data-testid="dashboard-ending">
          <Title order={3} size="h5" mb="xs">
            {t('dashboard.endingSoon', { days: 60 })}
          </Title>
          {data.endingSoon.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('dashboard.noEnding')}
            </Text>
          ) : (
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {data.endingSoon.map((grant) => (
                  <Table.Tr key={grant.id}>
                    <Table.Td>
                      <Link to="/grants/$grantId" params={{ grantId: grant.id }}>
                        {grant.title}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.day(grant.endDate)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{format.money(grant.amountMinor - grant.spentMinor, grant.currency)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h5" mb="xs">
          {t('dashboard.totals')}
        </Title>
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" data-testid="dashboard-totals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grants.field.currency')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.grants')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.awarded')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.received')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.spent')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.remaining')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.totals.map((row) => (
                <Table.Tr key={row.currency} data-testid={`dashboard-total-${row.currency}`}>
                  <Table.Td>{row.currency}</Table.Td>
                  <Table.Td ta="right">{format.number(row.grants)}</Table.Td>
                  <Table.Td ta="right">{format.money(row.awardedMinor, row.currency)}</Table.Td>
                  <Table.Td ta="right" data-testid="dashboard-received">
                    {format.money(row.receivedMinor, row.currency)}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="dashboard-spent">
                    {format.money(row.spentMinor, row.currency)}
                  </Table.Td>
                  <Table.Td ta="right">{format.money(row.remainingMinor, row.currency)}</Table.Td>
                </Table.Tr>
              ))}
              {data.totals.length === 0 && <TableEmptyRow colSpan={6}>{t('dashboard.noGrants')}</TableEmptyRow>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {data.spending.map((series) => (
          <LazyChart key={series.currency} series={series} today={data.today} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

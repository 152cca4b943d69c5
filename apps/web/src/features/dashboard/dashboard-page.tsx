import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { toMajorUnits } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { DashboardMoneyAlarms } from '../grants/money-alarms';
import { DeadlineStateBadge } from '../grants/status-badge';

type Dashboard = RouterOutputs['grants']['dashboard'];

/** The finance landing page. Loaded lazily (see routes/dashboard.tsx): it brings the chart library. */
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
          <SpendingChart key={series.currency} series={series} today={data.today} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function SpendingChart({ series, today }: { series: Dashboard['spending'][number]; today: string }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const points = series.points.map((point) => ({
    month: point.month,
    // Nothing is spent in months that have not come yet: the line stops at this month.
    spent: point.month <= today.slice(0, 7) ? toMajorUnits(point.cumulativeSpentMinor, series.currency) : null,
    planned: toMajorUnits(point.cumulativePlannedMinor, series.currency),
    spentMinor: point.cumulativeSpentMinor,
    plannedMinor: point.cumulativePlannedMinor,
  }));
  const compact = (value: number) => format.number(value, { notation: 'compact', maximumFractionDigits: 1 });
  const last = series.points.filter((point) => point.month <= today.slice(0, 7)).at(-1);
  return (
    <Paper withBorder p="md" radius="md" data-testid={`spending-chart-${series.currency}`}>
      <Title order={3} size="h5">
        {t('dashboard.spending', { currency: series.currency })}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dashboard.spendingHint')}
      </Text>
      <div
        style={{ width: '100%', height: 260 }}
        role="img"
        aria-label={t('dashboard.spending', { currency: series.currency })}
      >
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={(m: string) => format.month(m)} fontSize={12} />
            <YAxis tickFormatter={compact} fontSize={12} width={56} />
            <Tooltip
              labelFormatter={(m) => format.month(String(m))}
              formatter={(_value, name, item) => {
                const payload = item.payload as (typeof points)[number];
                const minor = name === t('dashboard.plannedLine') ? payload.plannedMinor : payload.spentMinor;
                return [format.money(minor, series.currency), name];
              }}
            />
            <Legend />
            <Line
              type="monotone"
              dataKey="planned"
              name={t('dashboard.plannedLine')}
              stroke="#868e96"
              strokeDasharray="5 5"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="spent"
              name={t('dashboard.spentLine')}
              stroke="#9c36b5"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {last && (
        <Text size="xs" c="dimmed">
          {t('dashboard.spendingSummary', {
            spent: format.money(last.cumulativeSpentMinor, series.currency),
            planned: format.money(last.cumulativePlannedMinor, series.currency),
          })}
        </Text>
      )}
    </Paper>
  );
}

import { Paper, Text, Title } from '@mantine/core';
import { toMajorUnits } from '@tessera/domain';
import { useIntl } from 'react-intl';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RouterOutputs } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';

export type SpendingSeries = RouterOutputs['grants']['dashboard']['spending'][number];

/** One currency's spending against plan; the chart library comes with this file (see lazy-chart.tsx). */
export function SpendingChart({ series, today }: { series: SpendingSeries; today: string }) {
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
    <Paper withBorder p="md" radius="md">
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

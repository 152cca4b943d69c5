import { Paper, Text } from '@mantine/core';
import type { IndicatorResultRow } from '@tessera/domain';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../lib/use-format';
import { buildChartData, type ChartPoint, hasChartData } from './chart-data';
import { useResultsFormat } from './use-results-format';

/**
 * Actual (bars) against target (a line) per target period. A hidden actual is a gap in the bars
 * with the mark "x" written where the bar would stand, and the tooltip says "x" too: the chart
 * never holds the hidden number.
 */
export function IndicatorChart({ row }: { row: IndicatorResultRow }) {
  const intl = useIntl();
  const format = useFormat();
  const rf = useResultsFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const points = useMemo(() => buildChartData(row.series), [row.series]);
  if (!hasChartData(points)) return null;
  const label = (p: ChartPoint) =>
    p.periodStart.slice(0, 7) === p.periodEnd.slice(0, 7)
      ? format.month(p.periodStart.slice(0, 7))
      : `${format.month(p.periodStart.slice(0, 7))} – ${format.month(p.periodEnd.slice(0, 7))}`;
  const axisValue = (v: number) =>
    row.type === 'percentage' ? format.percent(v / 100) : format.number(v, { notation: 'compact' });

  return (
    <div
      style={{ width: '100%', height: 240 }}
      data-testid="indicator-chart"
      role="img"
      aria-label={intl.formatMessage({ id: 'results.chart.label' }, { name: row.name })}
    >
      <ResponsiveContainer>
        <ComposedChart data={points} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tickFormatter={(_key, index) => label(points[index] as ChartPoint)} fontSize={11} />
          <YAxis tickFormatter={axisValue} fontSize={11} width={56} />
          <Tooltip
            content={({ active, payload }) => {
              const point = active ? (payload?.[0]?.payload as ChartPoint | undefined) : undefined;
              if (!point) return null;
              return (
                <Paper withBorder shadow="sm" p="xs" radius="sm">
                  <Text size="xs" fw={600}>
                    {rf.period(point.periodStart, point.periodEnd)}
                  </Text>
                  <Text size="xs">
                    {t('results.chart.actual')}: {point.suppressedLabel ?? rf.optional(point.actual, row.type)}
                  </Text>
                  <Text size="xs">
                    {t('results.chart.target')}: {rf.optional(point.target, row.type)}
                  </Text>
                </Paper>
              );
            }}
          />
          <Legend />
          <Bar dataKey="actual" name={t('results.chart.actual')} fill="#9c36b5" isAnimationActive={false} />
          {/* Where the actual is hidden there is no bar, only the mark "x" on the axis line. */}
          {points
            .filter((p) => p.suppressedLabel !== null)
            .map((p) => (
              <ReferenceDot
                key={p.key}
                x={p.key}
                y={0}
                r={0}
                ifOverflow="visible"
                label={{ value: p.suppressedLabel ?? '', position: 'top', fontSize: 12, fill: '#495057' }}
              />
            ))}
          <Line
            type="linear"
            dataKey="target"
            name={t('results.chart.target')}
            stroke="#868e96"
            strokeDasharray="5 5"
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

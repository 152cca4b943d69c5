import { Box, Paper, Skeleton, Title } from '@mantine/core';
import { useInViewport } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SpendingSeries } from './spending-chart';

const SpendingChart = lazy(async () => ({ default: (await import('./spending-chart')).SpendingChart }));

/**
 * A spending chart that loads (with the chart library, a third of the app's JavaScript) only
 * once it scrolls into view: the dashboard's figures are usable first on a slow phone, and the
 * first screen after sign-in stays within its JavaScript budget (docs/decisions/0026).
 */
export function LazyChart({ series, today }: { series: SpendingSeries; today: string }) {
  const intl = useIntl();
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  const title = intl.formatMessage({ id: 'dashboard.spending' }, { currency: series.currency });
  const placeholder = (
    <Paper withBorder p="md" radius="md" mih={340}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <Skeleton height={260} animate={false} />
    </Paper>
  );
  return (
    <Box ref={ref} data-testid={`spending-chart-${series.currency}`}>
      {seen ? (
        <Suspense fallback={placeholder}>
          <SpendingChart series={series} today={today} />
        </Suspense>
      ) : (
        placeholder
      )}
    </Box>
  );
}

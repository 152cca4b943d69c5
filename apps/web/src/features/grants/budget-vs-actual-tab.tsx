import { Alert, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { ExchangeDifferenceTable } from '../../components/exchange-difference';

/** Budget against actual per line, burn rate, and cash on hand; read-only for every role. */
export function BudgetVsActualTab({ grantId }: { grantId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const report = useQuery(trpc.grants.budgetVsActual.queryOptions({ grantId }));

  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorAlert error={report.error} onReload={() => void report.refetch()} />;
  const data = report.data;
  const money = (minor: number) => format.money(minor, data.currency);
  const base = (minor: number) => format.money(minor, data.baseCurrency);
  const share = (value: number | null) => (value === null ? t('common.none') : format.percent(value));
  const bar = (value: number | null, overspent: boolean) => (
    <Progress
      value={Math.min(100, (value ?? 0) * 100)}
      color={overspent ? 'red' : (value ?? 0) > 0.9 ? 'orange' : 'teal'}
      size="sm"
      aria-hidden
    />
  );

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('bva.elapsed')} value={format.percent(data.elapsedShare)} testId="bva-elapsed" />
        <Figure label={t('bva.spentShare')} value={share(data.total.spentShare)} testId="bva-spent-share" />
        <Figure
          label={t('bva.burnRatio')}
          value={
            data.burnRatio === null ? t('common.none') : format.number(data.burnRatio, { maximumFractionDigits: 2 })
          }
          hint={data.burnRatio !== null && data.burnRatio > 1 ? t('bva.burnFast') : undefined}
          testId="bva-burn"
        />
        <Figure label={t('bva.remaining')} value={money(data.total.remainingMinor)} testId="bva-remaining" />
      </SimpleGrid>

      {data.total.unconvertedCount > 0 && (
        <Alert color="orange">
          {t('bva.unconverted', { count: data.total.unconvertedCount, currency: data.baseCurrency })}
        </Alert>
      )}

      <Title order={3} size="h4">
        {t('bva.lines')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" data-testid="bva-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.line.code')}</Table.Th>
              <Table.Th>{t('budget.line.category')}</Table.Th>
              <Table.Th ta="right">{t('bva.budget')}</Table.Th>
              <Table.Th ta="right">{t('bva.spent')}</Table.Th>
              <Table.Th ta="right">{t('bva.spentBase', { currency: data.baseCurrency })}</Table.Th>
              <Table.Th ta="right">{t('bva.remaining')}</Table.Th>
              <Table.Th w={160}>{t('bva.spentShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.lines.map((line) => (
              <Table.Tr
                key={line.budgetLineId}
                data-testid="bva-line"
                data-overspent={line.overspent || undefined}
                c={line.overspent ? 'red' : undefined}
              >
                <Table.Td>{line.code}</Table.Td>
                <Table.Td>
                  {line.category}
                  {line.overspent && (
                    <Text span size="xs" c="red" fw={700} ml={6}>
                      {t('bva.overspent')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{money(line.budgetMinor)}</Table.Td>
                <Table.Td ta="right">{money(line.spentMinor)}</Table.Td>
                <Table.Td ta="right">{base(line.spentBaseMinor)}</Table.Td>
                <Table.Td ta="right">{money(line.remainingMinor)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <div style={{ flex: 1 }}>{bar(line.spentShare, line.overspent)}</div>
                    <Text size="xs" w={48} ta="right">
                      {share(line.spentShare)}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700} data-testid="bva-total" c={data.total.overspent ? 'red' : undefined}>
              <Table.Td colSpan={2}>{t('common.total')}</Table.Td>
              <Table.Td ta="right">{money(data.total.budgetMinor)}</Table.Td>
              <Table.Td ta="right" data-testid="bva-total-spent">
                {money(data.total.spentMinor)}
              </Table.Td>
              <Table.Td ta="right" data-testid="bva-total-spent-base">
                {base(data.total.spentBaseMinor)}
              </Table.Td>
              <Table.Td ta="right">{money(data.total.remainingMinor)}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <div style={{ flex: 1 }}>{bar(data.total.spentShare, data.total.overspent)}</div>
                  <Text size="xs" w={48} ta="right">
                    {share(data.total.spentShare)}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>

      <Title order={3} size="h4">
        {t('bva.cash')}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs" data-testid="bva-cash">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{data.currency}</Table.Th>
              <Table.Th ta="right">{data.baseCurrency}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('bva.received')}</Table.Td>
              <Table.Td ta="right" data-testid="bva-cash-received">
                {money(data.cash.receivedMinor)}
              </Table.Td>
              <Table.Td ta="right" data-testid="bva-cash-received-base">
                {base(data.cash.receivedBaseMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('bva.spent')}</Table.Td>
              <Table.Td ta="right">{money(data.cash.spentMinor)}</Table.Td>
              <Table.Td ta="right">{base(data.cash.spentBaseMinor)}</Table.Td>
            </Table.Tr>
            <Table.Tr fw={700} c={data.cash.onHandMinor < 0 ? 'red' : undefined}>
              <Table.Td>{t('bva.onHand')}</Table.Td>
              <Table.Td ta="right" data-testid="bva-cash-on-hand">
                {money(data.cash.onHandMinor)}
              </Table.Td>
              <Table.Td ta="right" data-testid="bva-cash-on-hand-base">
                {base(data.cash.onHandBaseMinor)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {data.currency !== data.baseCurrency && (
        <>
          <Title order={3} size="h4">
            {t('bva.exchange.title')}
          </Title>
          <ExchangeDifferenceTable exchange={data.exchange} currency={data.currency} baseCurrency={data.baseCurrency} />
        </>
      )}
    </Stack>
  );
}

/** One headline figure in a bordered box, with an optional hint under it (a warning unless told). */
export function Figure({
  label,
  value,
  hint,
  hintColor = 'orange',
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  hintColor?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c={hintColor}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

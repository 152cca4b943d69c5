import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type Indicator, indicatorLevels } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import { IndicatorDrawer } from './indicator-form';
import { IndicatorValuesModal } from './indicator-values';
import { ownerScope, type ResultsOwner } from './results-owner';
import { useResultsFormat } from './use-results-format';

/**
 * The logframe: this project's or grant's indicators grouped by level (impact, outcome, output),
 * with what each measures and its targets. Admins and coordinators add and edit them; a manual
 * indicator's values per period open from its row.
 */
export function Logframe({ owner }: { owner: ResultsOwner }) {
  const intl = useIntl();
  const rf = useResultsFormat();
  const canWrite = useCan('results.write');
  const t = (id: string) => intl.formatMessage({ id });
  const indicators = useQuery(trpc.indicators.list.queryOptions(ownerScope(owner)));
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [valuesOf, setValuesOf] = useState<Indicator | null>(null);

  if (indicators.isPending) return <Loading />;
  if (indicators.isError) return <ErrorAlert error={indicators.error} onReload={() => void indicators.refetch()} />;
  const list = indicators.data;

  return (
    <Stack>
      <TabHeader title={t('results.logframe.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="indicator-add">
            {t('results.indicator.add')}
          </Button>
        )}
      </TabHeader>
      {list.length === 0 && (
        <Text c="dimmed" data-testid="logframe-empty">
          {t(canWrite ? 'results.logframe.emptyWriter' : 'results.logframe.empty')}
        </Text>
      )}
      {indicatorLevels.map((level) => {
        const items = list.filter((i) => i.level === level);
        if (items.length === 0) return null;
        return (
          <Stack key={level} gap="xs" data-testid={`logframe-level-${level}`}>
            <Title order={4} size="h5">
              {t(`results.levelPlural.${level}`)}
            </Title>
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('results.field.code')}</Table.Th>
                    <Table.Th>{t('results.field.name')}</Table.Th>
                    <Table.Th>{t('results.column.measuredBy')}</Table.Th>
                    <Table.Th ta="right">{t('results.column.baseline')}</Table.Th>
                    <Table.Th ta="right">{t('results.field.lifeTarget')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((indicator) => (
                    <Table.Tr key={indicator.id} data-testid="logframe-row">
                      <Table.Td ff="monospace">{indicator.code}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{indicator.name}</Text>
                        {indicator.resultStatement && (
                          <Text size="xs" c="dimmed">
                            {indicator.resultStatement}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="wrap">
                          <Badge variant="light" color={indicator.source === 'derived' ? 'violet' : 'gray'}>
                            {t(`results.source.${indicator.source}`)}
                          </Badge>
                          <Text size="xs">
                            {indicator.source === 'derived' && indicator.numerator
                              ? t(`results.measure.${indicator.numerator.measure}`)
                              : indicator.unit}
                            {indicator.type === 'percentage' && indicator.denominator
                              ? ` ÷ ${t(`results.measure.${indicator.denominator.measure}`)}`
                              : ''}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{rf.optional(indicator.baselineValue, indicator.type)}</Table.Td>
                      <Table.Td ta="right">{rf.optional(indicator.lifeTarget, indicator.type)}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {indicator.source === 'manual' && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() => setValuesOf(indicator)}
                              data-testid="indicator-values-open"
                            >
                              {t('results.values.open')}
                            </Button>
                          )}
                          {canWrite && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() => setEditing(indicator)}
                              data-testid="indicator-edit"
                            >
                              {t('common.edit')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {items.length === 0 && <TableEmptyRow colSpan={6}>{t('common.noResults')}</TableEmptyRow>}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        );
      })}
      {editing && (
        <IndicatorDrawer
          owner={owner}
          indicator={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {valuesOf && <IndicatorValuesModal indicator={valuesOf} onClose={() => setValuesOf(null)} />}
    </Stack>
  );
}

import {
  Accordion,
  Alert,
  Badge,
  Chip,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type IndicatorResultRow, indicatorLevels } from '@tessera/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { SuppressedFootnote } from '../../components/suppressed';
import { trpc } from '../../lib/trpc';
import { IndicatorChart } from './indicator-chart';
import { useLatticePeriods } from './lattice-periods';
import { isCompletePeriod, type Period, periodKey } from './periods';
import type { ResultsOwner } from './results-owner';
import { useResultsFormat } from './use-results-format';

/**
 * The results for a period: a period picker (the owner's whole period by default, with the
 * periods of the lattice as quick picks, and any dates for readers of exact figures), then per indicator its baseline, target, actual,
 * cumulative and % achieved, the breakdowns it asks for and a chart of actual against target.
 */
export function ResultsView({ owner }: { owner: ResultsOwner }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const whole: Period = { from: owner.startDate, to: owner.endDate };
  const [draft, setDraft] = useState<Period>(whole);
  const complete = isCompletePeriod(draft);
  // The last complete period stays on screen while the other end is being typed.
  const [period, setPeriod] = useState<Period>(whole);
  const choose = (next: Period) => {
    setDraft(next);
    if (isCompletePeriod(next)) setPeriod(next);
  };
  const results = useQuery({
    ...(owner.kind === 'project'
      ? trpc.results.project.queryOptions({ projectId: owner.id, ...period })
      : trpc.results.grant.queryOptions({ grantId: owner.id, ...period })),
    placeholderData: keepPreviousData,
  });
  const endsBeforeStart = draft.from !== '' && draft.to !== '' && draft.to < draft.from;
  // The lattice's periods as quick picks; only readers who see exact figures type dates.
  const lattice = useLatticePeriods(owner);
  const quickPicks = lattice.periods;

  return (
    <Stack>
      <Paper withBorder p="sm" radius="md">
        <Stack gap="xs">
          {lattice.anyDates ? (
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                type="date"
                label={t('results.period.from')}
                value={draft.from}
                onChange={(event) => choose({ ...draft, from: event.currentTarget.value })}
                data-testid="results-from"
              />
              <TextInput
                type="date"
                label={t('results.period.to')}
                value={draft.to}
                onChange={(event) => choose({ ...draft, to: event.currentTarget.value })}
                error={endsBeforeStart ? t('validation.endBeforeStart') : undefined}
                data-testid="results-to"
              />
            </Group>
          ) : (
            <Text size="sm" c="dimmed" data-testid="results-lattice-note">
              {t('results.period.latticeNote')}
            </Text>
          )}
          <Chip.Group
            multiple={false}
            value={complete ? periodKey(draft) : null}
            onChange={(key) => {
              const pick = quickPicks.find((p) => periodKey(p) === key);
              if (pick) choose({ from: pick.from, to: pick.to });
            }}
          >
            <Group gap="xs" wrap="wrap" data-testid="results-quick-picks">
              {quickPicks.map((pick) => (
                <Chip key={periodKey(pick)} value={periodKey(pick)} size="xs">
                  {pick.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      </Paper>
      {results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <ErrorAlert error={results.error} onReload={() => void results.refetch()} />
      ) : (
        <Stack data-testid="results-view" data-period={periodKey(results.data.period)}>
          {results.data.suppressionThreshold !== null && <SuppressedFootnote testId="results-suppressed-note" />}
          {results.data.rows.length === 0 && (
            <Alert color="gray" data-testid="results-empty">
              {t('results.view.empty')}
            </Alert>
          )}
          {indicatorLevels.map((level) => {
            const rows = results.data.rows.filter((r) => r.level === level);
            if (rows.length === 0) return null;
            return (
              <Stack key={level} gap="sm">
                <Title order={4} size="h5">
                  {t(`results.levelPlural.${level}`)}
                </Title>
                {rows.map((row) => (
                  <IndicatorResult key={row.id} row={row} />
                ))}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function IndicatorResult({ row }: { row: IndicatorResultRow }) {
  const intl = useIntl();
  const rf = useResultsFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const mov = row.meansOfVerification;
  return (
    <Paper withBorder p="md" radius="md" data-testid="indicator-result" data-code={row.code}>
      <Stack gap="sm">
        <div>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} ff="monospace">
              {row.code}
            </Text>
            <Text fw={600}>{row.name}</Text>
            <Badge variant="light" color={row.source === 'derived' ? 'violet' : 'gray'}>
              {t(`results.source.${row.source}`)}
            </Badge>
            {row.needsExplanation && (
              <Badge color="orange" variant="light" data-testid="needs-explanation">
                {t('results.needsExplanation')}
              </Badge>
            )}
          </Group>
          {row.resultStatement && (
            <Text size="sm" c="dimmed">
              {row.resultStatement}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {[
              `${t('results.field.unit')}: ${row.unit}`,
              row.numeratorSpec ? t(`results.measure.${row.numeratorSpec.measure}`) : null,
              mov.dataSource,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing={4} data-testid="indicator-figures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('results.column.baseline')}</Table.Th>
                <Table.Th ta="right">{t('results.column.periodTarget')}</Table.Th>
                <Table.Th ta="right">{t('results.column.actual')}</Table.Th>
                <Table.Th ta="right">{t('results.column.achievedPeriod')}</Table.Th>
                <Table.Th ta="right">{t('results.column.cumulative')}</Table.Th>
                <Table.Th ta="right">{t('results.field.lifeTarget')}</Table.Th>
                <Table.Th ta="right">{t('results.column.achievedLife')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td ta="right">
                  {rf.optional(row.baseline, row.type)}
                  {row.baselineYear !== null && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({row.baselineYear})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{rf.optional(row.periodTarget, row.type)}</Table.Td>
                <Table.Td ta="right" fw={700} data-testid="indicator-actual">
                  {rf.shown(row.actual, row.type)}
                </Table.Td>
                <Table.Td ta="right">{rf.achieved(row.achievedPeriod)}</Table.Td>
                <Table.Td ta="right" data-testid="indicator-cumulative">
                  {rf.shown(row.cumulative, row.type)}
                </Table.Td>
                <Table.Td ta="right">{rf.optional(row.lifeTarget, row.type)}</Table.Td>
                <Table.Td ta="right">{rf.achieved(row.achievedLife)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {row.comment && (
          <Text size="sm">
            <Text span fw={500}>
              {t('results.field.comment')}:
            </Text>{' '}
            {row.comment}
          </Text>
        )}
        {row.disaggregation.length > 0 && (
          <Accordion variant="contained" multiple>
            {row.disaggregation.map((split) => (
              <Accordion.Item key={split.dimension} value={split.dimension}>
                <Accordion.Control data-testid={`breakdown-${split.dimension}`}>
                  {t(`results.breakdown.${split.dimension}`)}
                </Accordion.Control>
                <Accordion.Panel>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Table verticalSpacing={2}>
                      <Table.Tbody>
                        {split.rows.map((r) => (
                          <Table.Tr key={r.key}>
                            <Table.Td>{rf.group(split.dimension, r.key)}</Table.Td>
                            <Table.Td ta="right">{rf.shown(r.value, row.type)}</Table.Td>
                          </Table.Tr>
                        ))}
                        <Table.Tr>
                          <Table.Td fw={700}>{t('results.total')}</Table.Td>
                          <Table.Td ta="right" fw={700}>
                            {rf.shown(split.total, row.type)}
                          </Table.Td>
                        </Table.Tr>
                      </Table.Tbody>
                    </Table>
                  </SimpleGrid>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
        <IndicatorChart row={row} />
      </Stack>
    </Paper>
  );
}

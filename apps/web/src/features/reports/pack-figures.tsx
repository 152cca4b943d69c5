import { Alert, Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReachBreakdown, ReportPackContent, Shown } from '@tessera/domain';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ExchangeDifferenceTable } from '../../components/exchange-difference';
import { SuppressedFootnote, shownNode } from '../../components/suppressed';
import { TableEmptyRow } from '../../components/table-empty-row';
import { useFormat } from '../../lib/use-format';
import { useResultsFormat } from '../results/use-results-format';
import { PackMatch } from './pack-match';

/** Counts, hours and money of a pack as they are shown on screen, in the UI locale. */
function usePackFormat(content: ReportPackContent) {
  const intl = useIntl();
  const format = useFormat();
  const hours = (h: number) =>
    intl.formatMessage({ id: 'programme.hoursValue' }, { hours: format.number(h, { maximumFractionDigits: 1 }) });
  const grantMoney = (minor: number) => format.money(minor, content.finance.currency);
  const baseMoney = (minor: number) => format.money(minor, content.finance.baseCurrency);
  const sameCurrency = content.finance.currency === content.finance.baseCurrency;
  return {
    /** A count of people: the number, or the neutral mark "x" (with its meaning) where hidden. */
    count: (s: Shown) => shownNode(s, format.number),
    hours: (s: Shown) => shownNode(s, hours),
    plainHours: hours,
    number: format.number,
    day: format.day,
    grantMoney,
    baseMoney,
    sameCurrency,
    /** An amount in the grant currency with the organisation's currency beside it. */
    both: (minor: number, baseMinor: number | null) =>
      sameCurrency || baseMinor === null ? grantMoney(minor) : `${grantMoney(minor)} (${baseMoney(baseMinor)})`,
  };
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

/**
 * The figures of a report pack, as every export draws them: activities and outputs in the
 * period, reach (already suppressed below the organisation's threshold), indicators and finance.
 */
export function PackFigures({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Stack>
      {content.empty && (
        <Alert color="yellow" title={t('reports.emptyTitle')} data-testid="pack-empty">
          {t('reports.emptyBody')}
        </Alert>
      )}
      <ActivitiesSection content={content} />
      <ReachSection content={content} />
      <IndicatorsSection content={content} />
      <FinanceSection content={content} />
      <SuppressedFootnote testId="pack-suppressed-note" />
    </Stack>
  );
}

function ActivitiesSection({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const pf = usePackFormat(content);
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Section title={t('reports.activities.title')} testId="pack-activities">
      <Table.ScrollContainer minWidth={960}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={220}>{t('reports.activities.activity')}</Table.Th>
              <Table.Th>{t('reports.activities.kind')}</Table.Th>
              <Table.Th>{t('reports.activities.dates')}</Table.Th>
              <Table.Th ta="right">{t('reports.activities.sessions')}</Table.Th>
              <Table.Th ta="right">{t('reports.activities.hoursDelivered')}</Table.Th>
              <Table.Th ta="right">{t('reports.reach.participants')}</Table.Th>
              <Table.Th ta="right">{t('reports.reach.participantHours')}</Table.Th>
              <Table.Th ta="right">{t('reports.reach.completions')}</Table.Th>
              <Table.Th ta="right">{t('reports.reach.headCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.activities.map((a) => (
              <Table.Tr key={`${a.reference ?? ''}-${a.title}`} data-testid="pack-activity-row">
                <Table.Td>
                  <Text size="sm">{a.title}</Text>
                  <Text size="xs" c="dimmed">
                    {[a.reference, a.project, a.city].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`programme.activityKind.${a.kind}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {pf.day(a.startDate)} – {pf.day(a.endDate)}
                </Table.Td>
                <Table.Td ta="right">{pf.number(a.sessionsHeld)}</Table.Td>
                <Table.Td ta="right">{pf.plainHours(a.hoursDelivered)}</Table.Td>
                <Table.Td ta="right">{pf.count(a.participants)}</Table.Td>
                <Table.Td ta="right">{pf.hours(a.participantHours)}</Table.Td>
                <Table.Td ta="right">{pf.count(a.completions)}</Table.Td>
                <Table.Td ta="right">{pf.count(a.headCount)}</Table.Td>
              </Table.Tr>
            ))}
            {content.activities.length === 0 && (
              <TableEmptyRow colSpan={9}>{t('reports.activities.none')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={4} size="h5">
        {t('reports.outputs.title')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid="pack-outputs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.outputs.output')}</Table.Th>
              <Table.Th>{t('reports.outputs.kind')}</Table.Th>
              <Table.Th>{t('reports.outputs.activity')}</Table.Th>
              <Table.Th ta="right">{t('reports.outputs.quantity')}</Table.Th>
              <Table.Th>{t('reports.outputs.date')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.outputs.map((o, index) => (
              // Outputs carry no id in the pack; their order is stable within it.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Table.Tr key={index}>
                <Table.Td>
                  {o.link ? (
                    <Anchor href={o.link} target="_blank" rel="noreferrer" size="sm">
                      {o.title}
                    </Anchor>
                  ) : (
                    o.title
                  )}
                </Table.Td>
                <Table.Td>{t(`programme.outputKind.${o.kind}`)}</Table.Td>
                <Table.Td>{o.activity}</Table.Td>
                <Table.Td ta="right">{pf.number(o.quantity)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{pf.day(o.date)}</Table.Td>
              </Table.Tr>
            ))}
            {content.outputs.length === 0 && <TableEmptyRow colSpan={5}>{t('reports.outputs.none')}</TableEmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function ReachSection({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const pf = usePackFormat(content);
  const rf = useResultsFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const { reach } = content;
  const grid = reach.headCounts;
  const hasHeadCounts = grid.genders.length > 0 && grid.ageBands.length > 0;
  return (
    <Section title={t('reports.reach.title')} testId="pack-reach">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        <Figure
          testId="reach-participants"
          label={t('reports.reach.participants')}
          value={pf.count(reach.participants)}
        />
        <Figure
          testId="reach-participantHours"
          label={t('reports.reach.participantHours')}
          value={pf.hours(reach.participantHours)}
        />
        <Figure testId="reach-completions" label={t('reports.reach.completions')} value={pf.count(reach.completions)} />
        <Figure testId="reach-headCount" label={t('reports.reach.headCount')} value={pf.count(reach.headCount)} />
        <Figure
          testId="reach-sessionsHeld"
          label={t('reports.activities.sessions')}
          value={pf.number(reach.sessionsHeld)}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {reach.breakdowns.map((b) => (
          <BreakdownTable key={b.dimension} breakdown={b} content={content} group={rf.group} />
        ))}
      </SimpleGrid>
      {hasHeadCounts && (
        <>
          <Title order={4} size="h5">
            {t('reports.reach.headCountGrid')}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder withColumnBorders verticalSpacing={4} data-testid="pack-headcount-grid">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {grid.ageBands.map((band) => (
                    <Table.Th key={band} ta="right">
                      {rf.group('ageBand', band)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">{t('results.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grid.genders.map((gender, r) => (
                  <Table.Tr key={gender}>
                    <Table.Th>{rf.group('gender', gender)}</Table.Th>
                    {grid.ageBands.map((band, c) => (
                      <Table.Td key={band} ta="right">
                        {pf.count(grid.cells[r]?.[c] ?? { suppressed: false, value: 0 })}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={700}>
                      {pf.count(grid.genderTotals[r] ?? { suppressed: false, value: 0 })}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th>{t('results.total')}</Table.Th>
                  {grid.ageBands.map((band, c) => (
                    <Table.Td key={band} ta="right" fw={700}>
                      {pf.count(grid.ageBandTotals[c] ?? { suppressed: false, value: 0 })}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={700}>
                    {pf.count(grid.total)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}

function BreakdownTable({
  breakdown,
  content,
  group,
}: {
  breakdown: ReachBreakdown;
  content: ReportPackContent;
  group: ReturnType<typeof useResultsFormat>['group'];
}) {
  const intl = useIntl();
  const pf = usePackFormat(content);
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Stack gap={4} data-testid={`pack-breakdown-${breakdown.dimension}`}>
      <Text fw={600} size="sm">
        {t(`results.breakdown.${breakdown.dimension}`)}
      </Text>
      <Table verticalSpacing={2} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('reports.reach.participants')}</Table.Th>
            <Table.Th ta="right">{t('reports.reach.hoursShort')}</Table.Th>
            <Table.Th ta="right">{t('reports.reach.completions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {breakdown.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{group(breakdown.dimension, row.key)}</Table.Td>
              <Table.Td ta="right">{pf.count(row.participants)}</Table.Td>
              <Table.Td ta="right">{pf.hours(row.hours)}</Table.Td>
              <Table.Td ta="right">{pf.count(row.completions)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>{t('results.total')}</Table.Td>
            <Table.Td ta="right" fw={700}>
              {pf.count(breakdown.total.participants)}
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {pf.hours(breakdown.total.hours)}
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {pf.count(breakdown.total.completions)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function IndicatorsSection({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const rf = useResultsFormat();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Section title={t('reports.indicators.title')} testId="pack-indicators">
      <Table.ScrollContainer minWidth={1000}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('results.field.code')}</Table.Th>
              <Table.Th miw={220}>{t('results.field.name')}</Table.Th>
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
            {content.indicators.map((row) => (
              <Table.Tr key={row.id} data-testid="pack-indicator-row">
                <Table.Td ff="monospace">{row.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{row.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`results.level.${row.level}`)} · {row.unit}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{rf.optional(row.baseline, row.type)}</Table.Td>
                <Table.Td ta="right">{rf.optional(row.periodTarget, row.type)}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {rf.shown(row.actual, row.type)}
                </Table.Td>
                <Table.Td ta="right">{rf.achieved(row.achievedPeriod)}</Table.Td>
                <Table.Td ta="right">{rf.shown(row.cumulative, row.type)}</Table.Td>
                <Table.Td ta="right">{rf.optional(row.lifeTarget, row.type)}</Table.Td>
                <Table.Td ta="right">{rf.achieved(row.achievedLife)}</Table.Td>
              </Table.Tr>
            ))}
            {content.indicators.length === 0 && (
              <TableEmptyRow colSpan={9}>{t('reports.indicators.none')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function FinanceSection({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const format = useFormat();
  const pf = usePackFormat(content);
  const t = (id: string) => intl.formatMessage({ id });
  const { finance } = content;
  const variance = (minor: number, percent: number | null) =>
    percent === null ? pf.grantMoney(minor) : `${pf.grantMoney(minor)} (${format.percent(percent / 100)})`;
  return (
    <Section title={t('reports.finance.title')} testId="pack-finance">
      <Text size="sm" c="dimmed">
        {intl.formatMessage(
          { id: 'reports.finance.currencies' },
          { currency: finance.currency, base: finance.baseCurrency },
        )}
      </Text>
      <Table.ScrollContainer minWidth={960}>
        <Table striped verticalSpacing="xs" data-testid="pack-finance-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={180}>{t('reports.finance.line')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.budget')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.spentPeriod')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.spentToDate')}</Table.Th>
              {!pf.sameCurrency && (
                <Table.Th ta="right">
                  {intl.formatMessage({ id: 'reports.finance.spentToDateBase' }, { currency: finance.baseCurrency })}
                </Table.Th>
              )}
              <Table.Th ta="right">{t('reports.finance.remaining')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.variance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {finance.lines.map((line) => (
              <Table.Tr key={line.code} data-testid="pack-finance-line">
                <Table.Td>
                  <Text size="sm">
                    {line.code} {line.category}
                  </Text>
                  {line.description && (
                    <Text size="xs" c="dimmed">
                      {line.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{pf.grantMoney(line.budgetMinor)}</Table.Td>
                <Table.Td ta="right">{pf.grantMoney(line.spentPeriodMinor)}</Table.Td>
                <Table.Td ta="right">{pf.grantMoney(line.spentToDateMinor)}</Table.Td>
                {!pf.sameCurrency && <Table.Td ta="right">{pf.baseMoney(line.spentToDateBaseMinor)}</Table.Td>}
                <Table.Td ta="right" c={line.remainingMinor < 0 ? 'red' : undefined}>
                  {pf.grantMoney(line.remainingMinor)}
                </Table.Td>
                <Table.Td ta="right" c={line.varianceMinor > 0 ? 'red' : undefined}>
                  {variance(line.varianceMinor, line.variancePercent)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700} data-testid="pack-finance-total">
              <Table.Td>{t('results.total')}</Table.Td>
              <Table.Td ta="right">{pf.grantMoney(finance.total.budgetMinor)}</Table.Td>
              <Table.Td ta="right">{pf.grantMoney(finance.total.spentPeriodMinor)}</Table.Td>
              <Table.Td ta="right">{pf.grantMoney(finance.total.spentToDateMinor)}</Table.Td>
              {!pf.sameCurrency && <Table.Td ta="right">{pf.baseMoney(finance.total.spentToDateBaseMinor)}</Table.Td>}
              <Table.Td ta="right">{pf.grantMoney(finance.total.remainingMinor)}</Table.Td>
              <Table.Td ta="right">{variance(finance.total.varianceMinor, finance.total.variancePercent)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {finance.unconvertedCount > 0 && (
        <Alert color="orange" data-testid="pack-unconverted">
          {intl.formatMessage({ id: 'reports.finance.unconverted' }, { count: finance.unconvertedCount })}
        </Alert>
      )}
      <Title order={4} size="h5">
        {t('reports.finance.tranches')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid="pack-tranches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.finance.expectedDate')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.expectedAmount')}</Table.Th>
              <Table.Th>{t('reports.finance.receivedDate')}</Table.Th>
              <Table.Th ta="right">{t('reports.finance.receivedAmount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {finance.tranches.map((tranche) => (
              <Table.Tr key={`${tranche.expectedDate}-${tranche.expectedAmountMinor}`}>
                <Table.Td>{pf.day(tranche.expectedDate)}</Table.Td>
                <Table.Td ta="right">{pf.grantMoney(tranche.expectedAmountMinor)}</Table.Td>
                <Table.Td>
                  {tranche.receivedDate ? pf.day(tranche.receivedDate) : t('reports.finance.notReceived')}
                </Table.Td>
                <Table.Td ta="right">
                  {tranche.receivedAmountMinor === null
                    ? ''
                    : pf.both(tranche.receivedAmountMinor, tranche.receivedBaseMinor)}
                </Table.Td>
              </Table.Tr>
            ))}
            {finance.tranches.length === 0 && (
              <TableEmptyRow colSpan={4}>{t('reports.finance.noTranches')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure
          testId="cash-received"
          label={t('reports.finance.cashReceived')}
          value={pf.both(finance.cash.receivedMinor, finance.cash.receivedBaseMinor)}
        />
        <Figure
          testId="cash-spent"
          label={t('reports.finance.cashSpent')}
          value={pf.both(finance.cash.spentMinor, finance.cash.spentBaseMinor)}
        />
        <Figure
          testId="cash-on-hand"
          label={t('reports.finance.cashOnHand')}
          value={pf.both(finance.cash.onHandMinor, finance.cash.onHandBaseMinor)}
        />
      </SimpleGrid>
      {/* Packs frozen before ADR 0016 have no exchange difference: they show as they were. */}
      {finance.exchange !== undefined && finance.currency !== finance.baseCurrency && (
        <ExchangeDifferenceTable
          exchange={finance.exchange}
          currency={finance.currency}
          baseCurrency={finance.baseCurrency}
        />
      )}
      <PackMatch content={content} />
    </Section>
  );
}

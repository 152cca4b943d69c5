import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ActivityKind } from '@tessera/domain';
import { useIntl } from 'react-intl';
import type { ReactNode } from 'react';
import { SuppressedFootnote } from '../../components/suppressed';
import { TableEmptyRow } from '../../components/table-empty-row';
import type { RouterOutputs } from '../../lib/trpc';
import { firstSuppressed } from './shown';
import { useIsPhone, useProgrammeFormat } from './use-programme-format';
import { AnchorLink } from './links';

export type ActivityListItem = RouterOutputs['activities']['list']['items'][number];

const kindColors: Record<ActivityKind, string> = {
  training: 'grape',
  workshop: 'violet',
  campaign: 'pink',
  event: 'orange',
  research: 'teal',
  publication: 'cyan',
  outreach: 'green',
  meeting: 'gray',
};

export function ActivityKindBadge({ kind }: { kind: ActivityKind }) {
  const intl = useIntl();
  return (
    <Badge color={kindColors[kind]} variant="light" size="sm" miw="max-content">
      {intl.formatMessage({ id: `programme.activityKind.${kind}` })}
    </Badge>
  );
}

/**
 * Activities with their counts (every role may see counts, never who; small counts of people
 * read as the neutral mark "x", with a footnote, for roles that may not read the register): a
 * table on wide screens, one card per activity on a phone. Rows and cards share the test id
 * `activity-row`.
 */
export function ActivityList({
  items,
  emptyText,
  showProject = true,
}: {
  items: readonly ActivityListItem[];
  emptyText: ReactNode;
  showProject?: boolean;
}) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const isPhone = useIsPhone();
  const t = (id: string) => intl.formatMessage({ id });
  const anyHidden = items.some((activity) => {
    const totals = activity.totals;
    return (
      firstSuppressed([totals.uniqueParticipants, totals.participantMinutes, totals.completions, totals.headCount]) !==
      null
    );
  });

  const title = (activity: ActivityListItem) => (
    <AnchorLink to="/activities/$activityId" params={{ activityId: activity.id }} fw={500}>
      {activity.title}
    </AnchorLink>
  );
  const sessions = (activity: ActivityListItem) =>
    intl.formatMessage(
      { id: 'programme.activities.sessionsHeldOfPlanned' },
      { held: activity.totals.sessionsHeld, planned: activity.totals.sessionsPlanned },
    );

  // A figure that the activity's way of taking attendance cannot produce shows as a dash, not 0.
  const register = (activity: ActivityListItem, value: ReactNode) =>
    activity.attendanceMode === 'register' ? value : t('common.none');

  if (isPhone) {
    return (
      <Stack gap="sm" data-testid="activities-list">
        {items.length === 0 && (typeof emptyText === 'string' ? <Text c="dimmed">{emptyText}</Text> : emptyText)}
        {items.map((activity) => (
          <Paper key={activity.id} withBorder p="sm" radius="md" data-testid="activity-row">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                {title(activity)}
                <ActivityKindBadge kind={activity.kind} />
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  showProject ? activity.projectTitle : null,
                  activity.city,
                  pf.period(activity.startDate, activity.endDate),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <SimpleGrid cols={2} spacing="xs" mt={4}>
                <Count label={t('programme.activities.column.sessions')} value={sessions(activity)} />
                {activity.attendanceMode === 'headcount' ? (
                  <Count label={t('programme.stat.headCount')} value={pf.count(activity.totals.headCount)} />
                ) : (
                  <>
                    <Count
                      label={t('programme.stat.uniqueParticipants')}
                      value={pf.count(activity.totals.uniqueParticipants)}
                    />
                    <Count
                      label={t('programme.stat.participantHours')}
                      value={pf.peopleHours(activity.totals.participantMinutes)}
                    />
                    <Count label={t('programme.stat.completions')} value={pf.count(activity.totals.completions)} />
                  </>
                )}
              </SimpleGrid>
            </Stack>
          </Paper>
        ))}
        {anyHidden && <SuppressedFootnote />}
      </Stack>
    );
  }

  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={1000}>
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="activities-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programme.activities.field.title')}</Table.Th>
              <Table.Th>{t('programme.activities.field.kind')}</Table.Th>
              <Table.Th>{t('programme.activities.field.city')}</Table.Th>
              <Table.Th>{t('programme.activities.column.dates')}</Table.Th>
              <Table.Th ta="right">{t('programme.activities.column.sessions')}</Table.Th>
              <Table.Th ta="right">{t('programme.stat.uniqueParticipants')}</Table.Th>
              <Table.Th ta="right">{t('programme.stat.participantHours')}</Table.Th>
              <Table.Th ta="right">{t('programme.stat.completions')}</Table.Th>
              <Table.Th ta="right">{t('programme.stat.headCount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((activity) => (
              <Table.Tr key={activity.id} data-testid="activity-row">
                <Table.Td>
                  {title(activity)}
                  {showProject && (
                    <Text size="xs" c="dimmed">
                      {activity.projectTitle}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ActivityKindBadge kind={activity.kind} />
                </Table.Td>
                <Table.Td>{activity.city ?? t('common.none')}</Table.Td>
                <Table.Td>{pf.period(activity.startDate, activity.endDate)}</Table.Td>
                <Table.Td ta="right">{sessions(activity)}</Table.Td>
                <Table.Td ta="right">{register(activity, pf.count(activity.totals.uniqueParticipants))}</Table.Td>
                <Table.Td ta="right">{register(activity, pf.peopleHours(activity.totals.participantMinutes))}</Table.Td>
                <Table.Td ta="right">{register(activity, pf.count(activity.totals.completions))}</Table.Td>
                <Table.Td ta="right">
                  {activity.attendanceMode === 'headcount' ? pf.count(activity.totals.headCount) : t('common.none')}
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && <TableEmptyRow colSpan={9}>{emptyText}</TableEmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {anyHidden && <SuppressedFootnote />}
    </Stack>
  );
}

function Count({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}

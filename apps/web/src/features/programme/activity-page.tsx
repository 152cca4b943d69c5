import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { ActivityKindBadge } from './activity-list';
import { ActivityOutputsTab } from './activity-outputs-tab';
import { ActivityOverviewTab } from './activity-overview-tab';
import { ActivityParticipantsSlot } from './activity-participants-slot';
import { ActivitySessionsTab } from './activity-sessions-tab';
import type { ActivityTab } from './programme-search';
import { useProgrammeFormat } from './use-programme-format';
import { AnchorLink } from './links';

/**
 * One activity: overview with its counts, sessions (schedule, head counts, the way to the
 * register), outputs, and, for roles that may see who took part, the participants.
 */
export function ActivityPage({
  activityId,
  tab,
  sessionsPage,
  onTabChange,
  onSessionsPageChange,
}: {
  activityId: string;
  tab: ActivityTab;
  sessionsPage: number;
  onTabChange: (tab: ActivityTab) => void;
  onSessionsPageChange: (page: number) => void;
}) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const canReadParticipants = useCan('participant.read');
  const t = (id: string) => intl.formatMessage({ id });
  const detail = useQuery(trpc.activities.get.queryOptions({ id: activityId }));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onReload={() => void detail.refetch()} />;
  const activity = detail.data;
  const current: ActivityTab = tab === 'participants' && !canReadParticipants ? 'overview' : tab;

  return (
    <Stack>
      <AnchorLink to="/activities" size="sm">
        ← {t('programme.activities.backToList')}
      </AnchorLink>
      <div>
        <Group gap="sm" wrap="wrap">
          <Title order={2} data-testid="activity-title">
            {activity.title}
          </Title>
          <ActivityKindBadge kind={activity.kind} />
        </Group>
        <Text size="sm" c="dimmed">
          <AnchorLink
            to="/projects/$projectId"
            params={{ projectId: activity.projectId }}
            size="sm"
            c="dimmed"
            underline="always"
          >
            {activity.projectTitle}
          </AnchorLink>
          {[activity.reference, activity.city, pf.period(activity.startDate, activity.endDate)]
            .filter(Boolean)
            .map((part) => ` · ${part}`)
            .join('')}
        </Text>
      </div>
      <Tabs value={current} onChange={(value) => value && onTabChange(value as ActivityTab)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }} data-testid="tab-row">
          <Tabs.Tab value="overview">{t('programme.activity.tab.overview')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('programme.activity.tab.sessions')}</Tabs.Tab>
          {/* The participants feature fills this tab (activity-participants-slot.tsx). */}
          {canReadParticipants && <Tabs.Tab value="participants">{t('programme.activity.tab.participants')}</Tabs.Tab>}
          <Tabs.Tab value="outputs">{t('programme.activity.tab.outputs')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <ActivityOverviewTab activity={activity} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions" pt="md">
          <ActivitySessionsTab activity={activity} page={sessionsPage} onPageChange={onSessionsPageChange} />
        </Tabs.Panel>
        {canReadParticipants && (
          <Tabs.Panel value="participants" pt="md">
            <ActivityParticipantsSlot activityId={activity.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="outputs" pt="md">
          <ActivityOutputsTab activity={activity} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

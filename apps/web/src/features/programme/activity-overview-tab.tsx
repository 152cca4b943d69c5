import { Alert, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { ConfirmRemoveButton } from '../../components/confirm-remove-button';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { SuppressedFootnote } from '../../components/suppressed';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { ActivityForm, activityToFormValues } from './activity-form';
import { ProgrammeErrorAlert } from './programme-error-alert';
import { firstSuppressed, shownDataValue } from './shown';
import { useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';

export type ActivityDetail = RouterOutputs['activities']['get'];

/**
 * The activity's counts as cards, then its fields. Counts only: every role may see them, and
 * roles that may not read the register see small counts of people (and a partner that would give
 * one away) as the one neutral mark "x", with a footnote saying why.
 */
export function ActivityOverviewTab({ activity }: { activity: ActivityDetail }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useProgrammeInvalidation();
  const canWrite = useCan('delivery.write');
  const t = (id: string) => intl.formatMessage({ id });

  const update = useMutation(
    trpc.activities.update.mutationOptions({
      onSuccess: async () => {
        await invalidate.activities();
        notifications.show({ color: 'green', message: t('programme.activities.saved') });
      },
    }),
  );
  const remove = useMutation(
    trpc.activities.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries({ queryKey: trpc.activities.get.queryKey({ id: activity.id }) });
        await invalidate.activities();
        notifications.show({ color: 'green', message: t('programme.activities.removed') });
        await navigate({ to: '/activities' });
      },
    }),
  );
  const reload = () => {
    update.reset();
    remove.reset();
    void invalidate.activities();
  };

  return (
    <Stack>
      <ActivityStats activity={activity} />
      {!canWrite && <Alert color="blue">{t('programme.readOnly')}</Alert>}
      {update.error && <ErrorAlert error={update.error} onReload={reload} />}
      {remove.error && (
        <ProgrammeErrorAlert
          error={remove.error}
          conflictMessage={t('programme.activities.hasRecords')}
          onReload={reload}
        />
      )}
      <Paper withBorder p="md" radius="md">
        <ActivityForm
          key={activity.version}
          defaultValues={activityToFormValues(activity)}
          readOnly={!canWrite}
          submitting={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(input) =>
            update.mutateAsync({ ...input, id: activity.id, version: activity.version }).then(
              () => null,
              (error: unknown) => error,
            )
          }
          actions={
            canWrite && (
              <ConfirmRemoveButton
                label={t('programme.activities.remove')}
                confirm={t('programme.activities.removeConfirm')}
                loading={remove.isPending}
                onConfirm={() => remove.mutate({ id: activity.id, version: activity.version })}
                testId="activity-delete"
              />
            )
          }
        />
      </Paper>
    </Stack>
  );
}

function ActivityStats({ activity }: { activity: ActivityDetail }) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const totals = activity.totals;
  const suppressed = firstSuppressed([
    totals.enrolled,
    totals.dropped,
    totals.uniqueParticipants,
    totals.participantMinutes,
    totals.completions,
    totals.headCount,
  ]);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" data-testid="activity-stats">
        <StatCard
          name="sessionsHeld"
          value={totals.sessionsHeld}
          shown={pf.number(totals.sessionsHeld)}
          label={t('programme.stat.sessionsHeld')}
          note={t('programme.stat.ofPlanned', { count: pf.number(totals.sessionsPlanned) })}
        />
        <StatCard
          name="minutesHeld"
          value={totals.minutesHeld}
          shown={pf.hours(totals.minutesHeld)}
          label={t('programme.stat.hoursDelivered')}
          note={t('programme.stat.hoursPlanned', { hours: pf.hours(activity.plannedMinutes) })}
        />
        <StatCard
          name="uniqueParticipants"
          value={shownDataValue(totals.uniqueParticipants)}
          shown={pf.count(totals.uniqueParticipants)}
          label={t('programme.stat.uniqueParticipants')}
        />
        <StatCard
          name="participantMinutes"
          value={shownDataValue(totals.participantMinutes)}
          shown={pf.peopleHours(totals.participantMinutes)}
          label={t('programme.stat.participantHours')}
        />
        <StatCard
          name="completions"
          value={shownDataValue(totals.completions)}
          shown={pf.count(totals.completions)}
          label={t('programme.stat.completions')}
          note={t('programme.stat.threshold', { percent: activity.completionThreshold })}
        />
        <StatCard
          name="enrolled"
          value={shownDataValue(totals.enrolled)}
          shown={pf.count(totals.enrolled)}
          label={t('programme.stat.enrolled')}
          note={t('programme.stat.dropped', { count: pf.countText(totals.dropped) })}
        />
        <StatCard
          name="headCount"
          value={shownDataValue(totals.headCount)}
          shown={pf.count(totals.headCount)}
          label={t('programme.stat.headCount')}
          note={activity.attendanceMode === 'headcount' ? t('programme.stat.headCountNote') : undefined}
        />
      </SimpleGrid>
      {suppressed && <SuppressedFootnote testId="stats-suppressed-note" />}
    </Stack>
  );
}

/**
 * One figure; `data-value` holds the raw number (minutes for hours) for tests and tools, or the
 * same mark "x" the card shows where a count of people is hidden for this role.
 */
function StatCard({
  name,
  value,
  shown,
  label,
  note,
}: {
  name: string;
  value: number | string;
  shown: ReactNode;
  label: string;
  note?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`stat-${name}`} data-value={value}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`stat-${name}-value`}>
        {shown}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

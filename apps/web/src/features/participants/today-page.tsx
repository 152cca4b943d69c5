import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useDuration } from './duration';
import { RequirePermission } from './require-permission';

/** The coordinator's start page: today's sessions, each one tap away from its attendance. */
export function TodayPage() {
  return (
    <RequirePermission permission="participant.write">
      <TodaySessions />
    </RequirePermission>
  );
}

function TodaySessions() {
  const intl = useIntl();
  const format = useFormat();
  const duration = useDuration();
  const t = (id: string) => intl.formatMessage({ id });
  const today = useQuery(trpc.sessions.today.queryOptions());

  if (today.isPending) return <Loading />;
  if (today.isError) return <ErrorAlert error={today.error} onReload={() => void today.refetch()} />;

  return (
    <Stack maw={720}>
      <div>
        <Title order={2}>{t('participants.today.title')}</Title>
        <Text size="sm" c="dimmed" data-testid="today-date">
          {format.day(today.data.date)}
        </Text>
      </div>
      {today.data.sessions.length === 0 && (
        <Text c="dimmed" data-testid="today-empty">
          {t('participants.today.empty')}
        </Text>
      )}
      {today.data.sessions.map((session) => (
        <Card key={session.id} withBorder radius="md" padding="md" data-testid="today-session">
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text fw={700} size="lg">
                  {session.activityTitle}
                </Text>
                <Text size="sm" c="dimmed">
                  {[format.time(session.startTime), session.module, session.city, duration(session.minutes)]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </div>
              {session.held ? (
                <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
                  {t('participants.today.held')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
                  {t('participants.today.notHeld')}
                </Badge>
              )}
            </Group>
            {session.attendanceMode === 'register' ? (
              <Button
                renderRoot={(props) => (
                  <Link {...props} to="/sessions/$sessionId/register" params={{ sessionId: session.id }} />
                )}
                size="lg"
                fullWidth
                data-testid="take-attendance"
              >
                {t(session.held ? 'participants.today.reviewAttendance' : 'participants.today.takeAttendance')}
              </Button>
            ) : (
              // Head counts are recorded on the activity's sessions.
              <Button
                renderRoot={(props) => (
                  <Link
                    {...props}
                    to="/activities/$activityId"
                    params={{ activityId: session.activityId }}
                    search={{ tab: 'sessions' }}
                  />
                )}
                size="lg"
                fullWidth
                variant="light"
                data-testid="record-head-count"
              >
                {t('participants.today.recordHeadCount')}
              </Button>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

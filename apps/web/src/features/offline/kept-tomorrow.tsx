import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { addDays } from '@tessera/domain';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';
import { useDuration } from '../participants/duration';
import { localDate } from './answers';
import { useSnapshot } from './use-offline';

/** Tomorrow's registers kept on the phone, under today's: ready for a venue without signal. */
export function KeptTomorrow() {
  const intl = useIntl();
  const format = useFormat();
  const duration = useDuration();
  const snapshot = useSnapshot();
  const tomorrow = addDays(localDate(), 1);
  const sessions = (snapshot?.sessions ?? []).filter((session) => session.date === tomorrow);
  if (sessions.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="kept-tomorrow">
      <div>
        <Title order={3} size="h4">
          {intl.formatMessage({ id: 'offline.tomorrow.title' })}
        </Title>
        <Text size="sm" c="dimmed">
          {format.day(tomorrow)} · {intl.formatMessage({ id: 'offline.tomorrow.hint' })}
        </Text>
      </div>
      {sessions.map((session) => (
        <Card key={session.id} withBorder radius="md" padding="md" data-testid="kept-session">
          <Stack gap="xs">
            <div>
              <Text fw={700}>{session.activityTitle}</Text>
              <Text size="sm" c="dimmed">
                {[session.module, session.city, duration(session.minutes)].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Button
              renderRoot={(props) => (
                <Link {...props} to="/sessions/$sessionId/register" params={{ sessionId: session.id }} />
              )}
              variant="light"
              fullWidth
              data-testid="take-attendance-tomorrow"
            >
              {intl.formatMessage({ id: 'participants.today.takeAttendance' })}
            </Button>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

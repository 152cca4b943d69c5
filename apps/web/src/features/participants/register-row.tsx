import { Badge, Box, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type AttendanceStatus, messageKey, minutesFromArrival, type RegisterEntry } from '@tessera/domain';
import { memo, useState } from 'react';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';
import { addMinutesToClock } from '../../lib/format';
import { useFormat } from '../../lib/use-format';
import type { RegisterChange, RegisterMark } from './register-changes';

const statusColors: Record<AttendanceStatus, string> = { present: 'green', late: 'yellow', absent: 'red' };

/**
 * One person on the register: Present, Late or Absent. Late never stands for the whole session
 * (issue 15 item 4): it asks for the minutes attended, or for the arrival time when the session
 * has a start time, and works the minutes out from it.
 */
export const RegisterRow = memo(function RegisterRow({
  entry,
  change,
  error,
  sessionMinutes,
  startTime,
  markRestPending,
  onMark,
}: {
  entry: RegisterEntry;
  change: RegisterChange | undefined;
  error: string | undefined;
  sessionMinutes: number;
  startTime: string | null;
  markRestPending: boolean;
  onMark: (entry: RegisterEntry, mark: RegisterMark) => void;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const format = useFormat();
  const [adjusting, setAdjusting] = useState(false);
  const [arrival, setArrival] = useState('');
  const [arrivalError, setArrivalError] = useState<string | undefined>(undefined);
  const mark: RegisterMark | null = change ?? (entry.status ? { status: entry.status, minutes: entry.minutes } : null);
  const willBePresent = mark === null && markRestPending;
  const showMinutes =
    mark !== null &&
    (mark.status === 'late' ||
      (mark.status === 'present' && (adjusting || (mark.minutes !== null && mark.minutes !== sessionMinutes))));
  const minutesError = translateMessageKey(intl, error);
  const choose = (status: AttendanceStatus) => {
    if (status === 'absent') return onMark(entry, { status, minutes: null });
    if (status === 'late') {
      // Never the whole session: empty until the minutes or the arrival time are given.
      const kept = mark?.status === 'late' ? mark.minutes : null;
      return onMark(entry, { status, minutes: kept });
    }
    setAdjusting(false);
    return onMark(entry, { status, minutes: null });
  };

  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      data-testid={`register-row-${entry.code}`}
      style={change ? { borderColor: 'var(--mantine-color-blue-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={700} ff="monospace" size="lg">
              {entry.code}
            </Text>
            {entry.enrollmentStatus === 'dropped' && (
              <Badge color="gray" variant="light" size="sm">
                {t('participants.enrollmentStatus.dropped')}
              </Badge>
            )}
            {change && (
              <Badge color="blue" variant="light" size="sm">
                {t('participants.register.unsaved')}
              </Badge>
            )}
            {willBePresent && (
              <Badge color="green" variant="outline" size="sm">
                {t('participants.register.willBePresent')}
              </Badge>
            )}
          </Group>
          {mark?.status === 'present' && !showMinutes && (
            <Button variant="subtle" size="compact-sm" onClick={() => setAdjusting(true)}>
              {t('participants.register.adjust')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={3} spacing={6}>
          {(['present', 'late', 'absent'] as const).map((status) => {
            const selected = mark?.status === status;
            return (
              <Button
                key={status}
                h={48}
                px={4}
                color={statusColors[status]}
                variant={selected ? 'filled' : willBePresent && status === 'present' ? 'light' : 'default'}
                aria-pressed={selected}
                // Selected is shown by more than its colour: a check mark (and aria-pressed).
                leftSection={selected ? <span aria-hidden="true">✓</span> : undefined}
                fw={selected ? 700 : undefined}
                onClick={() => choose(status)}
              >
                {t(`participants.attendanceStatus.${status}`)}
              </Button>
            );
          })}
        </SimpleGrid>
        {showMinutes && mark ? (
          <SimpleGrid cols={{ base: 1, xs: mark.status === 'late' && startTime ? 2 : 1 }} spacing={6}>
            <NumberInput
              label={intl.formatMessage(
                { id: mark.status === 'late' ? 'participants.register.lateMinutes' : 'participants.register.minutes' },
                { minutes: sessionMinutes },
              )}
              description={t(
                mark.status === 'late' ? 'participants.register.lateHint' : 'participants.register.minutesHint',
              )}
              value={mark.minutes ?? ''}
              min={0}
              max={sessionMinutes}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              inputMode="numeric"
              size="md"
              error={minutesError}
              onChange={(value) => {
                setArrival('');
                setArrivalError(undefined);
                onMark(entry, { status: mark.status, minutes: typeof value === 'number' ? value : null });
              }}
              data-testid="register-minutes"
            />
            {mark.status === 'late' && startTime && (
              <TextInput
                type="time"
                size="md"
                label={t('participants.register.arrival')}
                description={intl.formatMessage(
                  { id: 'participants.register.arrivalHint' },
                  {
                    start: format.time(startTime),
                    end: format.time(addMinutesToClock(startTime, sessionMinutes)),
                  },
                )}
                value={arrival}
                error={arrivalError}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setArrival(value);
                  if (!value) return setArrivalError(undefined);
                  const result = minutesFromArrival(startTime, sessionMinutes, value);
                  if ('minutes' in result) {
                    setArrivalError(undefined);
                    return onMark(entry, { status: 'late', minutes: result.minutes });
                  }
                  setArrivalError(
                    translateMessageKey(
                      intl,
                      result.problem === 'beforeStart'
                        ? messageKey('validation.arrivalBeforeStart', { time: format.time(startTime) })
                        : result.problem === 'afterEnd'
                          ? messageKey('validation.arrivalAfterEnd', {
                              time: format.time(addMinutesToClock(startTime, sessionMinutes)),
                            })
                          : messageKey('validation.invalidTime'),
                    ),
                  );
                }}
                data-testid="register-arrival"
              />
            )}
          </SimpleGrid>
        ) : (
          minutesError && (
            <Box>
              <Text size="sm" c="red" role="alert">
                {minutesError}
              </Text>
            </Box>
          )
        )}
      </Stack>
    </Paper>
  );
});

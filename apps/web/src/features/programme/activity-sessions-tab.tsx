import { Alert, Anchor, Badge, Button, CloseButton, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ShownActivitySession } from '@tessera/domain';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { SuppressedFootnote } from '../../components/suppressed';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import type { ActivityDetail } from './activity-overview-tab';
import { HeadCountModal } from './head-count-modal';
import { ButtonLink } from './links';
import { ProgrammeErrorAlert } from './programme-error-alert';
import { sessionsPageSize } from './programme-search';
import { countsSomeone, firstSuppressed } from './shown';
import { GenerateSessionsModal, SessionModal } from './session-modals';
import { useIsPhone, useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';

/**
 * The activity's sessions a page at a time: add one, generate a weekly schedule, and per session
 * the way to its register (people who may take attendance) or its head count.
 */
export function ActivitySessionsTab({
  activity,
  page,
  onPageChange,
}: {
  activity: ActivityDetail;
  page: number;
  onPageChange: (page: number) => void;
}) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const isPhone = useIsPhone();
  const invalidate = useProgrammeInvalidation();
  const canWrite = useCan('delivery.write');
  const canTakeAttendance = useCan('participant.write');
  const t = (id: string) => intl.formatMessage({ id });
  const isHeadcount = activity.attendanceMode === 'headcount';

  const sessions = useQuery({
    ...trpc.sessions.list.queryOptions({
      activityId: activity.id,
      limit: sessionsPageSize,
      offset: (page - 1) * sessionsPageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<ShownActivitySession | 'new' | null>(null);
  const [counting, setCounting] = useState<ShownActivitySession | null>(null);
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<{ created: number; minutes: number } | null>(null);
  const remove = useMutation(
    trpc.sessions.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate.sessions();
        notifications.show({ color: 'green', message: t('programme.sessions.removed') });
      },
    }),
  );

  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <ErrorAlert error={sessions.error} onReload={() => void sessions.refetch()} />;
  const { items, total } = sessions.data;
  const pages = Math.max(1, Math.ceil(total / sessionsPageSize));
  const generatedText = (result: { created: number; minutes: number }) =>
    intl.formatMessage(
      { id: 'programme.sessions.generated' },
      { count: result.created, hours: pf.hours(result.minutes) },
    );

  // Counts of people may read as the mark "x" for roles that may not read the register.
  const anyHidden = items.some(
    (session) => firstSuppressed([session.headCount, session.attended, session.registered]) !== null,
  );
  const attendance = (session: ShownActivitySession) =>
    isHeadcount
      ? session.headCount === null
        ? t('common.none')
        : session.headCount.suppressed
          ? intl.formatMessage({ id: 'programme.sessions.headCountSuppressed' }, { count: pf.count(session.headCount) })
          : intl.formatMessage({ id: 'programme.sessions.headCountValue' }, { count: session.headCount.value })
      : !countsSomeone(session.registered)
        ? t('common.none')
        : intl.formatMessage(
            { id: 'programme.sessions.attendedOfRegistered' },
            { attended: pf.count(session.attended), registered: pf.count(session.registered) },
          );

  // Attendance or a head count makes a session part of the record: it can be edited, not removed.
  const hasRecords = (session: ShownActivitySession) => countsSomeone(session.registered) || session.headCount !== null;

  const heldBadge = (session: ShownActivitySession) =>
    session.held ? (
      <Badge color="green" variant="light" size="sm">
        {t('programme.sessions.held')}
      </Badge>
    ) : (
      <Badge color="gray" variant="light" size="sm">
        {t('programme.sessions.planned')}
      </Badge>
    );

  /** The one action a session needs at the venue: its register, or its head count. */
  const primaryAction = (session: ShownActivitySession, size: 'xs' | 'sm') => {
    if (isHeadcount) {
      return canWrite ? (
        <Button size={size} variant="light" onClick={() => setCounting(session)} data-testid="record-head-count">
          {t('programme.sessions.recordHeadCount')}
        </Button>
      ) : null;
    }
    // The register page belongs to the participants feature (routes/participants.tsx).
    return canTakeAttendance ? (
      <ButtonLink
        size={size}
        variant="light"
        to="/sessions/$sessionId/register"
        params={{ sessionId: session.id }}
        data-testid="take-attendance"
      >
        {t('programme.sessions.takeAttendance')}
      </ButtonLink>
    ) : null;
  };

  return (
    <Stack>
      <TabHeader
        title={intl.formatMessage(
          { id: 'programme.sessions.title' },
          { count: total, hours: pf.hours(activity.totals.minutesHeld) },
        )}
      >
        {canWrite && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setGenerating(true)} data-testid="sessions-generate">
              {t('programme.sessions.generate')}
            </Button>
            <Button size="xs" onClick={() => setEditing('new')} data-testid="session-add">
              {t('programme.sessions.add')}
            </Button>
          </Group>
        )}
      </TabHeader>
      <Text size="sm" c="dimmed">
        {t(isHeadcount ? 'programme.attendanceMode.headcount.hint' : 'programme.attendanceMode.register.hint')}
      </Text>
      {generated && (
        <Alert color="green" data-testid="generate-result">
          <Group justify="space-between" wrap="nowrap">
            <span>{generatedText(generated)}</span>
            <CloseButton aria-label={t('common.close')} onClick={() => setGenerated(null)} />
          </Group>
        </Alert>
      )}
      {remove.error && (
        <ProgrammeErrorAlert
          error={remove.error}
          conflictMessage={t('programme.sessions.hasAttendance')}
          onReload={() => {
            remove.reset();
            void invalidate.sessions();
          }}
        />
      )}

      {isPhone ? (
        <Stack gap="sm" data-testid="sessions-list">
          {items.length === 0 && <Text c="dimmed">{t('programme.sessions.empty')}</Text>}
          {items.map((session) => (
            <Paper key={session.id} withBorder p="sm" radius="md" data-testid="session-row">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} data-testid="session-when">
                    {pf.sessionStart(session.date, session.startTime)}
                  </Text>
                  {heldBadge(session)}
                </Group>
                <Text size="sm" c="dimmed">
                  {[pf.duration(session.minutes), session.module].filter(Boolean).join(' · ')}
                </Text>
                <Text size="sm">
                  {t(isHeadcount ? 'programme.sessions.column.headCount' : 'programme.sessions.column.attended')}:{' '}
                  {attendance(session)}
                </Text>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  {primaryAction(session, 'sm')}
                  {canWrite && (
                    <Group gap={4}>
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(session)}>
                        {t('common.edit')}
                      </Button>
                      {!hasRecords(session) && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          loading={remove.isPending && remove.variables?.id === session.id}
                          onClick={() => {
                            if (window.confirm(t('programme.sessions.removeConfirm')))
                              remove.mutate({ id: session.id, version: session.version });
                          }}
                        >
                          {t('common.remove')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Group>
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programme.sessions.field.date')}</Table.Th>
                <Table.Th>{t('programme.sessions.field.length')}</Table.Th>
                <Table.Th>{t('programme.sessions.field.module')}</Table.Th>
                <Table.Th>{t('programme.sessions.column.status')}</Table.Th>
                <Table.Th ta="right">
                  {t(isHeadcount ? 'programme.sessions.column.headCount' : 'programme.sessions.column.attended')}
                </Table.Th>
                <Table.Th />
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((session) => (
                <Table.Tr key={session.id} data-testid="session-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="session-when">
                    {pf.sessionStart(session.date, session.startTime)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="session-length">
                    {pf.duration(session.minutes)}
                  </Table.Td>
                  <Table.Td>{session.module ?? ''}</Table.Td>
                  <Table.Td>{heldBadge(session)}</Table.Td>
                  <Table.Td ta="right">{attendance(session)}</Table.Td>
                  <Table.Td>{primaryAction(session, 'xs')}</Table.Td>
                  {canWrite &&
                    (hasRecords(session) ? (
                      <Table.Td>
                        <Group justify="flex-end">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(session)}>
                            {t('common.edit')}
                          </Button>
                        </Group>
                      </Table.Td>
                    ) : (
                      <RowActions
                        onEdit={() => setEditing(session)}
                        onRemove={() => remove.mutate({ id: session.id, version: session.version })}
                        removing={remove.isPending && remove.variables?.id === session.id}
                        confirmMessage={t('programme.sessions.removeConfirm')}
                      />
                    ))}
                </Table.Tr>
              ))}
              {items.length === 0 && (
                <TableEmptyRow colSpan={canWrite ? 7 : 6}>{t('programme.sessions.empty')}</TableEmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {anyHidden && <SuppressedFootnote />}
      <TablePagination page={page} pages={pages} onChange={onPageChange} />
      {page > pages && total > 0 && (
        <Anchor component="button" type="button" size="sm" onClick={() => onPageChange(1)}>
          {t('programme.sessions.firstPage')}
        </Anchor>
      )}

      {editing && (
        <SessionModal
          activity={activity}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {generating && (
        <GenerateSessionsModal
          activity={activity}
          onClose={() => setGenerating(false)}
          onGenerated={(result) => {
            setGenerated(result);
            notifications.show({ color: 'green', message: generatedText(result) });
          }}
        />
      )}
      {counting && <HeadCountModal session={counting} onClose={() => setCounting(null)} />}
    </Stack>
  );
}

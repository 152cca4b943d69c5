import {
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type CompletionOverride, type Enrollment, updateEnrollmentInput } from '@tessera/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { readAppError } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { useDuration } from './duration';

export const enrolmentsPageSize = 50;

/** Refreshes what an enrolment change moves: the list, the activity's counts, people's records. */
function useEnrolmentInvalidation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.enrollments.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.participants.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.register.get.pathKey() }),
    ]);
}

/**
 * The activity's Participants tab: who is enrolled, their hours against the plan and whether they
 * completed; enrol, drop, override completion, remove. Only for roles that may see participants.
 */
export function ActivityEnrolments({ activityId }: { activityId: string }) {
  const canRead = useCan('participant.read');
  const intl = useIntl();
  if (!canRead) {
    return (
      <Text c="dimmed" data-testid="not-for-role">
        {intl.formatMessage({ id: 'participants.notForRole' })}
      </Text>
    );
  }
  return <EnrolmentList activityId={activityId} />;
}

function EnrolmentList({ activityId }: { activityId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const duration = useDuration();
  const canWrite = useCan('participant.write');
  const invalidate = useEnrolmentInvalidation();
  const t = (id: string) => intl.formatMessage({ id });

  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on its first page
  useEffect(() => setPage(1), [search]);
  const activity = useQuery(trpc.activities.get.queryOptions({ id: activityId }));
  const list = useQuery({
    ...trpc.enrollments.list.queryOptions({
      activityId,
      search,
      limit: enrolmentsPageSize,
      offset: (page - 1) * enrolmentsPageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const [enrolling, setEnrolling] = useState(false);
  const [overriding, setOverriding] = useState<Enrollment | null>(null);

  const update = useMutation(
    trpc.enrollments.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        notifications.show({ color: 'green', message: t('participants.enrolments.updated') });
      },
    }),
  );
  const remove = useMutation(
    trpc.enrollments.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        notifications.show({ color: 'green', message: t('participants.enrolments.removed') });
      },
    }),
  );
  const setStatus = (e: Enrollment, status: Enrollment['status']) =>
    update.mutate({
      id: e.id,
      version: e.version,
      status,
      droppedOn: null,
      completionOverride: e.completionOverride,
      overrideReason: e.overrideReason,
    });

  const headCountOnly = activity.data?.attendanceMode === 'headcount';
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / enrolmentsPageSize));
  const failure = update.error ?? remove.error;
  const removeRefused = readAppError(remove.error)?.appCode === 'CONFLICT';

  return (
    <Stack data-testid="activity-enrolments">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {t('participants.enrolments.title')}
        </Title>
        {canWrite && !headCountOnly && (
          <Button size="xs" onClick={() => setEnrolling(true)} data-testid="enrol-open">
            {t('participants.enrolments.enrol')}
          </Button>
        )}
      </Group>
      {headCountOnly && <Text c="dimmed">{t('participants.enrolments.headCountOnly')}</Text>}
      {activity.data && (
        <Text size="sm" c="dimmed">
          {intl.formatMessage(
            { id: 'participants.enrolments.rule' },
            { threshold: activity.data.completionThreshold, planned: duration(activity.data.plannedMinutes) },
          )}
        </Text>
      )}
      <TextInput
        type="search"
        label={t('participants.search')}
        placeholder={t('participants.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autoCapitalize="characters"
        autoComplete="off"
        maw={320}
        data-testid="enrolment-search"
      />
      {removeRefused ? (
        <ErrorAlert error={{ data: { appCode: 'CONFLICT' } }} />
      ) : (
        failure && <ErrorAlert error={failure} onReload={() => void list.refetch()} />
      )}
      {removeRefused && <Text size="sm">{t('participants.enrolments.removeRefused')}</Text>}
      {list.error && <ErrorAlert error={list.error} onReload={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="enrolment-total">
            {intl.formatMessage({ id: 'participants.enrolments.total' }, { count: total })}
          </Text>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs" data-testid="enrolments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participants.column.code')}</Table.Th>
                  <Table.Th>{t('participants.column.status')}</Table.Th>
                  <Table.Th ta="right">{t('participants.column.sessions')}</Table.Th>
                  <Table.Th ta="right">{t('participants.column.hours')}</Table.Th>
                  <Table.Th ta="right">{t('participants.column.rate')}</Table.Th>
                  <Table.Th>{t('participants.column.completed')}</Table.Th>
                  {canWrite && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data?.items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`enrolment-row-${e.code}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Link to="/participants/$participantId" params={{ participantId: e.participantId }}>
                        <Text ff="monospace" fw={600} span>
                          {e.code}
                        </Text>
                      </Link>
                    </Table.Td>
                    <Table.Td data-testid="enrolment-status" style={{ whiteSpace: 'nowrap' }}>
                      {e.status === 'dropped' ? (
                        <>
                          <Badge
                            color="gray"
                            variant="light"
                            styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
                          >
                            {t('participants.enrollmentStatus.dropped')}
                          </Badge>
                          {e.droppedOn && (
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                              {format.day(e.droppedOn)}
                            </Text>
                          )}
                        </>
                      ) : (
                        <Badge
                          color="blue"
                          variant="light"
                          styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
                        >
                          {t('participants.enrollmentStatus.enrolled')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{intl.formatNumber(e.sessionsAttended)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="hours-attended">
                      {intl.formatMessage(
                        { id: 'participants.hoursOf' },
                        { attended: duration(e.attendedMinutes), planned: duration(e.plannedMinutes) },
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{format.percent(e.attendanceRate)}</Table.Td>
                    <Table.Td data-testid="enrolment-completed">
                      {e.completed ? (
                        <Text c="green" fw={700} span>
                          ✓{' '}
                          <Text span size="sm" fw={400} c="dimmed">
                            {t('participants.completed.yes')}
                          </Text>
                        </Text>
                      ) : (
                        <Text c="dimmed" size="sm" span>
                          {t('participants.completed.no')}
                        </Text>
                      )}
                      {e.completionOverride && (
                        <Text size="xs" c="dimmed" maw={260} lineClamp={3} data-testid="enrolment-override">
                          {intl.formatMessage(
                            { id: 'participants.completed.byOverride' },
                            { reason: e.overrideReason ?? '' },
                          )}
                        </Text>
                      )}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              loading={
                                (update.isPending && update.variables?.id === e.id) ||
                                (remove.isPending && remove.variables?.id === e.id)
                              }
                              data-testid="enrolment-actions"
                            >
                              {t('participants.enrolments.actions')}
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {e.status === 'enrolled' ? (
                              <Menu.Item onClick={() => setStatus(e, 'dropped')} data-testid="enrolment-drop">
                                {t('participants.enrolments.drop')}
                              </Menu.Item>
                            ) : (
                              <Menu.Item onClick={() => setStatus(e, 'enrolled')} data-testid="enrolment-reenrol">
                                {t('participants.enrolments.reenrol')}
                              </Menu.Item>
                            )}
                            <Menu.Item onClick={() => setOverriding(e)} data-testid="enrolment-override-open">
                              {t('participants.enrolments.override')}
                            </Menu.Item>
                            {e.sessionsAttended === 0 && (
                              <Menu.Item
                                color="red"
                                onClick={() => {
                                  if (window.confirm(t('participants.enrolments.removeConfirm'))) {
                                    remove.mutate({ id: e.id, version: e.version });
                                  }
                                }}
                                data-testid="enrolment-remove"
                              >
                                {t('common.remove')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
                {list.data?.items.length === 0 && (
                  <TableEmptyRow colSpan={canWrite ? 7 : 6}>
                    {t(search ? 'participants.noMatch' : 'participants.enrolments.empty')}
                  </TableEmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination page={page} pages={pages} onChange={setPage} />
        </>
      )}
      {enrolling && <EnrolModal activityId={activityId} onClose={() => setEnrolling(false)} />}
      {overriding && <OverrideModal enrollment={overriding} onClose={() => setOverriding(null)} />}
    </Stack>
  );
}

type OverrideChoice = 'threshold' | CompletionOverride;
interface OverrideFormState {
  choice: OverrideChoice;
  reason: string;
}

function OverrideModal({ enrollment, onClose }: { enrollment: Enrollment; onClose: () => void }) {
  const intl = useIntl();
  const invalidate = useEnrolmentInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<OverrideFormState>({
    defaultValues: {
      choice: enrollment.completionOverride ?? 'threshold',
      reason: enrollment.overrideReason ?? '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const choice = form.watch('choice');
  const update = useMutation(
    trpc.enrollments.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        notifications.show({ color: 'green', message: t('participants.enrolments.updated') });
        onClose();
      },
    }),
  );
  const fieldFor = (path: string): FieldPath<OverrideFormState> | undefined =>
    path === 'overrideReason' ? 'reason' : path === 'completionOverride' ? 'choice' : undefined;

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<OverrideFormState>();
    const input = problems.check(
      updateEnrollmentInput,
      {
        id: enrollment.id,
        version: enrollment.version,
        status: enrollment.status,
        droppedOn: enrollment.droppedOn,
        completionOverride: values.choice === 'threshold' ? null : values.choice,
        overrideReason: values.choice === 'threshold' ? null : values.reason,
      },
      fieldFor,
    );
    if (problems.apply(form.setError) || !input) return;
    try {
      await update.mutateAsync(input);
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldFor);
    }
  });

  return (
    <FormModal
      title={intl.formatMessage({ id: 'participants.override.title' }, { code: enrollment.code })}
      onClose={onClose}
      onSubmit={(event) => {
        // An error put on a list (not on one input) would otherwise block every later submit.
        form.clearErrors();
        void submit(event);
      }}
      testId="override-form"
      submitting={update.isPending}
      submitTestId="override-save"
    >
      {update.error && <ErrorAlert error={update.error} />}
      <Text size="sm" c="dimmed">
        {t('participants.override.hint')}
      </Text>
      <SegmentedControl
        fullWidth
        orientation="vertical"
        value={choice}
        onChange={(value) => form.setValue('choice', value as OverrideChoice)}
        data={[
          { value: 'threshold', label: t('participants.override.threshold') },
          { value: 'completed', label: t('participants.override.completed') },
          { value: 'not-completed', label: t('participants.override.notCompleted') },
        ]}
        data-testid="override-choice"
      />
      {choice !== 'threshold' && (
        <Textarea
          label={t('participants.override.reason')}
          required
          autosize
          minRows={2}
          data-testid="override-reason"
          {...inputProps('reason')}
        />
      )}
    </FormModal>
  );
}

function EnrolModal({ activityId, onClose }: { activityId: string; onClose: () => void }) {
  const intl = useIntl();
  const invalidate = useEnrolmentInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  // Picked people stay picked across searches.
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const candidates = useQuery({
    ...trpc.participants.list.queryOptions({ search, notInActivityId: activityId, limit: 25, offset: 0 }),
    placeholderData: keepPreviousData,
  });
  const enrol = useMutation(
    trpc.enrollments.enrol.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        notifications.show({
          color: 'green',
          message: intl.formatMessage({ id: 'participants.enrol.done' }, { count: result.added }),
        });
        onClose();
      },
    }),
  );
  const toggle = (id: string, code: string) =>
    setPicked((previous) => {
      const next = new Map(previous);
      if (next.has(id)) next.delete(id);
      else next.set(id, code);
      return next;
    });

  return (
    <FormModal
      title={t('participants.enrol.title')}
      size="lg"
      onClose={onClose}
      onSubmit={(event) => {
        event.preventDefault();
        if (picked.size > 0) enrol.mutate({ activityId, participantIds: [...picked.keys()] });
      }}
      testId="enrol-form"
      submitting={enrol.isPending}
      submitDisabled={picked.size === 0}
      submitLabel={intl.formatMessage({ id: 'participants.enrol.submit' }, { count: picked.size })}
      submitTestId="enrol-submit"
    >
      {enrol.error && <ErrorAlert error={enrol.error} />}
      <TextInput
        type="search"
        label={t('participants.search')}
        placeholder={t('participants.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autoCapitalize="characters"
        autoComplete="off"
        data-autofocus
        data-testid="enrol-search"
      />
      {picked.size > 0 && (
        <Group gap={4} data-testid="enrol-picked">
          {[...picked].map(([id, code]) => (
            <Badge key={id} variant="light" ff="monospace">
              {code}
            </Badge>
          ))}
        </Group>
      )}
      {candidates.error && <ErrorAlert error={candidates.error} onReload={() => void candidates.refetch()} />}
      {candidates.isPending ? (
        <Loading />
      ) : (
        <Stack gap={4} mah={320} style={{ overflowY: 'auto' }} data-testid="enrol-candidates">
          {candidates.data?.items.map((p) => (
            <Checkbox
              key={p.id}
              label={p.code}
              checked={picked.has(p.id)}
              onChange={() => toggle(p.id, p.code)}
              data-testid={`enrol-candidate-${p.code}`}
            />
          ))}
          {candidates.data?.items.length === 0 && <Text c="dimmed">{t('participants.enrol.none')}</Text>}
          {(candidates.data?.total ?? 0) > (candidates.data?.items.length ?? 0) && (
            <Text size="xs" c="dimmed">
              {intl.formatMessage(
                { id: 'participants.enrol.more' },
                { shown: candidates.data?.items.length ?? 0, total: candidates.data?.total ?? 0 },
              )}
            </Text>
          )}
        </Stack>
      )}
    </FormModal>
  );
}

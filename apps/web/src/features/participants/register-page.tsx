import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type AttendanceStatus, attendanceMinutesProblem, messageKey, type RegisterEntry } from '@tessera/domain';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useBlocker } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useDuration } from './duration';
import {
  type RegisterChange,
  type RegisterMark,
  registerCounts,
  registerEntries,
  rowErrors,
  withMark,
} from './register-changes';
import { RegisterRow } from './register-row';
import { RequirePermission } from './require-permission';

/** One page of the register; a 200-person event loads in two. */
export const registerPageSize = 100;

/** Taking attendance at the venue, one-handed on a phone: mark rows, then save once. */
export function RegisterPage({ sessionId }: { sessionId: string }) {
  return (
    <RequirePermission permission="participant.write">
      <RegisterScreen sessionId={sessionId} />
    </RequirePermission>
  );
}

function RegisterScreen({ sessionId }: { sessionId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const duration = useDuration();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });

  // The whole register's first page: the header, the counts and the version come from it.
  const head = useQuery(trpc.register.get.queryOptions({ sessionId, search: '', limit: registerPageSize, offset: 0 }));

  // Search text stays in this component (never in the URL).
  const [searchText, setSearchText] = useState('');
  const [search] = useDebouncedValue(searchText.trim(), 250);
  const [pageCount, setPageCount] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts from its first page
  useEffect(() => setPageCount(1), [search]);
  const pages = useQueries({
    queries: Array.from({ length: pageCount }, (_, page) => ({
      ...trpc.register.get.queryOptions({
        sessionId,
        search,
        limit: registerPageSize,
        offset: page * registerPageSize,
      }),
      placeholderData: page === 0 ? keepPreviousData : undefined,
    })),
  });

  const [changes, setChanges] = useState<ReadonlyMap<string, RegisterChange>>(new Map());
  const [markRest, setMarkRest] = useState(false);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [savedVersion, setSavedVersion] = useState(0);

  const entries = useMemo(() => {
    const seen = new Set<string>();
    const list: RegisterEntry[] = [];
    for (const page of pages) {
      for (const entry of page.data?.entries ?? []) {
        if (!seen.has(entry.participantId)) list.push(entry);
        seen.add(entry.participantId);
      }
    }
    return list;
  }, [pages]);
  const savedStatus = useMemo(() => {
    const map = new Map<string, AttendanceStatus | null>();
    for (const entry of head.data?.entries ?? []) map.set(entry.participantId, entry.status);
    for (const entry of entries) map.set(entry.participantId, entry.status);
    return map;
  }, [head.data, entries]);

  const sessionMinutes = head.data?.minutes ?? 0;
  const version = Math.max(head.data?.version ?? 0, savedVersion);
  const counts = head.data ? registerCounts(head.data, changes, false, (id) => savedStatus.get(id)) : null;
  const shownCounts = head.data ? registerCounts(head.data, changes, markRest, (id) => savedStatus.get(id)) : null;
  const pending = changes.size + (markRest ? (counts?.unmarked ?? 0) : 0);

  useBlocker({
    shouldBlockFn: () => pending > 0 && !window.confirm(t('participants.register.leaveConfirm')),
    enableBeforeUnload: () => pending > 0,
  });

  const save = useMutation(trpc.register.save.mutationOptions());
  // Which participant each entry of the last save stood for, to read its field errors.
  const [sentOrder, setSentOrder] = useState<readonly string[]>([]);
  const onMark = useCallback(
    (entry: RegisterEntry, mark: RegisterMark) => {
      setChanges((previous) => withMark(previous, entry, mark, sessionMinutes));
      setErrors((previous) => {
        if (!previous.has(entry.participantId)) return previous;
        const next = new Map(previous);
        next.delete(entry.participantId);
        return next;
      });
    },
    [sessionMinutes],
  );

  const submit = async () => {
    if (!head.data) return;
    // The same rule the server applies, so a mistyped row is pointed at before anything is sent.
    const local = new Map<string, string>();
    for (const [participantId, change] of changes) {
      const problem = attendanceMinutesProblem(change.status, sessionMinutes, change.minutes);
      if (problem) local.set(participantId, messageKey(problem.key, { minutes: problem.minutes }));
    }
    setErrors(local);
    if (local.size > 0) return;
    const { entries: input, order } = registerEntries(changes);
    setSentOrder(order);
    try {
      const result = await save.mutateAsync({
        sessionId,
        version,
        entries: input,
        markRest: markRest ? 'present' : null,
      });
      setSavedVersion(result.version);
      setChanges(new Map());
      setMarkRest(false);
      notifications.show({
        color: 'green',
        message: intl.formatMessage({ id: 'participants.register.saved' }, { count: pending }),
      });
      await Promise.all([
        queryClient.invalidateQueries(trpc.register.get.queryFilter({ sessionId })),
        queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.enrollments.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() }),
      ]);
    } catch (error) {
      setErrors(rowErrors(error, order));
    }
  };

  const reload = async () => {
    save.reset();
    setSavedVersion(0);
    await queryClient.invalidateQueries(trpc.register.get.queryFilter({ sessionId }));
  };

  if (head.isPending) return <Loading />;
  if (head.isError) return <ErrorAlert error={head.error} onReload={() => void head.refetch()} />;
  const register = head.data;
  const first = pages[0];
  const filteredTotal = first?.data?.total ?? 0;
  const loadingMore = pages.some((p) => p.isFetching);
  const stale = readAppError(save.error)?.appCode === 'STALE_VERSION';
  const errorCodes = [...errors.keys()].map((id) => changes.get(id)?.code ?? '').filter(Boolean);
  const validation = readAppError(save.error)?.appCode === 'VALIDATION';
  // A refusal of the whole register (say, an activity that keeps head counts) rather than of a row.
  const registerError = validation
    ? firstFieldErrors(readAppError(save.error)).find(([path]) => path === 'entries')?.[1]
    : undefined;

  return (
    <Stack maw={640} gap="sm">
      <Anchor component={Link} to="/today" size="sm">
        ← {t('participants.register.backToToday')}
      </Anchor>
      <div>
        <Title order={2} size="h3" data-testid="register-title">
          {register.activityTitle}
        </Title>
        <Text size="sm" c="dimmed" data-testid="register-session">
          {[format.sessionStart(register.date, register.startTime), register.module, duration(register.minutes)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link
              {...props}
              to="/activities/$activityId"
              params={{ activityId: register.activityId }}
              search={{ tab: 'sessions' }}
            />
          )}
        >
          {t('participants.register.openActivity')}
        </Anchor>
      </div>

      {shownCounts && (
        <SimpleGrid cols={4} spacing={6} aria-live="polite" data-testid="register-counts">
          {(['present', 'late', 'absent', 'unmarked'] as const).map((key) => (
            <Paper key={key} withBorder p={6} radius="sm" ta="center">
              <Text fw={700} size="lg" data-testid={`count-${key}`}>
                {intl.formatNumber(shownCounts[key])}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {t(`participants.register.count.${key}`)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}

      <TextInput
        type="search"
        label={t('participants.register.search')}
        placeholder={t('participants.register.searchPlaceholder')}
        value={searchText}
        onChange={(event) => setSearchText(event.currentTarget.value)}
        autoCapitalize="characters"
        autoComplete="off"
        size="md"
        data-testid="register-search"
      />

      {first?.error && <ErrorAlert error={first.error} onReload={() => void first.refetch()} />}

      {first?.isPending ? (
        <Loading />
      ) : (
        <Stack gap="xs" data-testid="register-list">
          {register.total === 0 && (
            <Text c="dimmed" data-testid="register-empty">
              {t('participants.register.empty')}
            </Text>
          )}
          {register.total > 0 && entries.length === 0 && <Text c="dimmed">{t('participants.register.noMatch')}</Text>}
          {entries.map((entry) => (
            <RegisterRow
              key={entry.participantId}
              entry={entry}
              change={changes.get(entry.participantId)}
              error={errors.get(entry.participantId)}
              sessionMinutes={sessionMinutes}
              startTime={register.startTime}
              markRestPending={markRest}
              onMark={onMark}
            />
          ))}
          {entries.length < filteredTotal && (
            <Button
              variant="default"
              size="md"
              loading={loadingMore}
              onClick={() => setPageCount((n) => n + 1)}
              data-testid="register-load-more"
            >
              {intl.formatMessage(
                { id: 'participants.register.loadMore' },
                { shown: entries.length, total: filteredTotal },
              )}
            </Button>
          )}
        </Stack>
      )}

      <Paper
        withBorder
        shadow="md"
        p="sm"
        radius={0}
        style={{ position: 'sticky', bottom: 0, zIndex: 10 }}
        data-testid="register-savebar"
      >
        <Stack gap={6}>
          {save.error && !(validation && rowErrors(save.error, sentOrder).size > 0) && (
            <ErrorAlert error={save.error} onReload={stale ? () => void reload() : undefined} />
          )}
          {registerError && (
            <Text size="sm" c="red" role="alert">
              {translateMessageKey(intl, registerError)}
            </Text>
          )}
          {stale && (
            <Text size="sm" data-testid="register-stale-hint">
              {t('participants.register.staleHint')}
            </Text>
          )}
          {errors.size > 0 && (
            <Text size="sm" c="red" role="alert" data-testid="register-row-errors">
              {intl.formatMessage({ id: 'participants.register.rowErrors' }, { codes: errorCodes.join(', ') })}
            </Text>
          )}
          <Button
            size="lg"
            fullWidth
            onClick={() => void submit()}
            loading={save.isPending}
            disabled={pending === 0}
            data-testid="register-save"
          >
            {intl.formatMessage({ id: 'participants.register.save' }, { count: pending })}
          </Button>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Button
              variant={markRest ? 'filled' : 'light'}
              color="green"
              size="sm"
              aria-pressed={markRest}
              disabled={!markRest && (counts?.unmarked ?? 0) === 0}
              onClick={() => setMarkRest((on) => !on)}
              data-testid="register-mark-rest"
              styles={{ root: { height: 'auto', minHeight: 36 }, label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
            >
              {t(markRest ? 'participants.register.markRestOn' : 'participants.register.markRest')}
            </Button>
            {pending > 0 && (
              <Button
                variant="subtle"
                size="sm"
                color="gray"
                onClick={() => {
                  setChanges(new Map());
                  setMarkRest(false);
                  setErrors(new Map());
                }}
                data-testid="register-discard"
                styles={{ root: { height: 'auto', minHeight: 36 }, label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
              >
                {t('participants.register.discard')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

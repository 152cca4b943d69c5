import { Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { activityKinds } from '@tessera/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TablePagination } from '../../components/table-pagination';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { EmptyState } from '../../components/empty-state';
import { ActivityList } from './activity-list';
import { type ActivitiesSearch, activitiesPageSize } from './programme-search';
import { ButtonLink } from './links';

/** Every activity with its counts, searchable and filtered by kind and project, a page at a time. */
export function ActivitiesPage({
  search,
  onSearchChange,
}: {
  search: ActivitiesSearch;
  onSearchChange: (changes: Partial<ActivitiesSearch>) => void;
}) {
  const intl = useIntl();
  const canWrite = useCan('delivery.write');
  const t = (id: string) => intl.formatMessage({ id });
  const page = search.page ?? 1;

  // The box updates at once; the URL (and so the server query) follows once typing pauses.
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    if (debounced !== (search.q ?? '')) onSearchChange({ q: debounced || undefined, page: undefined });
  }, [debounced, search.q, onSearchChange]);

  const projects = useQuery(trpc.projects.list.queryOptions());
  const list = useQuery({
    ...trpc.activities.list.queryOptions({
      search: search.q ?? '',
      kind: search.kind,
      projectId: search.project,
      limit: activitiesPageSize,
      offset: (page - 1) * activitiesPageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / activitiesPageSize));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('programme.activities.title')}</Title>
        {canWrite && (
          <ButtonLink to="/activities/new" data-testid="new-activity">
            {t('programme.activities.new')}
          </ButtonLink>
        )}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          type="search"
          label={t('programme.activities.search')}
          placeholder={t('programme.activities.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="activity-search"
        />
        <Select
          label={t('programme.activities.field.kind')}
          placeholder={t('programme.filter.all')}
          clearable
          data={activityKinds.map((kind) => ({ value: kind, label: t(`programme.activityKind.${kind}`) }))}
          value={search.kind ?? null}
          onChange={(value) =>
            onSearchChange({ kind: (value as ActivitiesSearch['kind']) ?? undefined, page: undefined })
          }
          style={{ flex: '1 1 180px' }}
          comboboxProps={{ withinPortal: true }}
          data-testid="activity-kind-filter"
        />
        <Select
          label={t('programme.activities.field.project')}
          placeholder={t('programme.filter.all')}
          clearable
          searchable
          data={(projects.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
          value={search.project ?? null}
          onChange={(value) => onSearchChange({ project: value ?? undefined, page: undefined })}
          style={{ flex: '1 1 220px' }}
          comboboxProps={{ withinPortal: true }}
          data-testid="activity-project-filter"
        />
      </Group>

      {list.error && <ErrorAlert error={list.error} onReload={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="activity-total">
            {intl.formatMessage({ id: 'programme.activities.total' }, { count: total })}
          </Text>
          <ActivityList
            items={list.data?.items ?? []}
            emptyText={
              <EmptyState
                filtered={Boolean(search.q || search.kind || search.project)}
                purpose={t('programme.activities.firstStep')}
                onClearFilters={() => {
                  setText('');
                  onSearchChange({ q: undefined, kind: undefined, project: undefined, page: undefined });
                }}
                action={
                  canWrite && (
                    <ButtonLink to="/activities/new" data-testid="first-activity">
                      {t('programme.activities.firstStepAction')}
                    </ButtonLink>
                  )
                }
              />
            }
          />
          <TablePagination
            page={page}
            pages={pages}
            onChange={(next) => onSearchChange({ page: next === 1 ? undefined : next })}
          />
        </>
      )}
    </Stack>
  );
}

import { Alert, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { ConfirmRemoveButton } from '../../components/confirm-remove-button';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import { ResultsTab } from '../results/results-tab';
import { ActivityList } from './activity-list';
import { ProgrammeErrorAlert } from './programme-error-alert';
import type { ProjectTab } from './programme-search';
import { ProjectForm, projectToFormValues } from './project-form';
import { useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';
import { AnchorLink, ButtonLink } from './links';

/** One project: its fields, partners and funding grants, the activities it runs, and its results. */
export function ProjectPage({
  projectId,
  tab,
  onTabChange,
}: {
  projectId: string;
  tab: ProjectTab;
  onTabChange: (tab: ProjectTab) => void;
}) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useProgrammeInvalidation();
  const canWrite = useCan('delivery.write');
  const t = (id: string) => intl.formatMessage({ id });

  const projectQuery = trpc.projects.get.queryOptions({ id: projectId });
  const project = useQuery(projectQuery);
  const activities = useQuery({
    ...trpc.activities.list.queryOptions({ projectId, limit: 500 }),
    placeholderData: keepPreviousData,
  });
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(projectQuery.queryKey, updated);
        await invalidate.projects();
        notifications.show({ color: 'green', message: t('programme.projects.saved') });
      },
    }),
  );
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate.projects();
        notifications.show({ color: 'green', message: t('programme.projects.removed') });
        await navigate({ to: '/projects' });
      },
    }),
  );

  if (project.isPending) return <Loading />;
  if (project.isError) return <ErrorAlert error={project.error} onReload={() => void project.refetch()} />;
  const data = project.data;
  const reload = () => {
    update.reset();
    remove.reset();
    void project.refetch();
  };

  return (
    <Stack maw={1100}>
      <AnchorLink to="/projects" size="sm">
        ← {t('programme.projects.backToList')}
      </AnchorLink>
      <div>
        <Title order={2} data-testid="project-title">
          {data.title}
        </Title>
        <Text size="sm" c="dimmed">
          {pf.period(data.startDate, data.endDate)}
        </Text>
      </div>
      <Tabs value={tab} onChange={(value) => value && onTabChange(value as ProjectTab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('results.projectOverviewTab')}</Tabs.Tab>
          <Tabs.Tab value="results">{t('results.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack>
            {!canWrite && <Alert color="blue">{t('programme.readOnly')}</Alert>}
            {update.error && <ErrorAlert error={update.error} onReload={reload} />}
            {remove.error && (
              <ProgrammeErrorAlert
                error={remove.error}
                conflictMessage={t('programme.projects.hasActivities')}
                onReload={reload}
              />
            )}
            <Paper withBorder p="md" radius="md">
              <ProjectForm
                key={data.version}
                defaultValues={projectToFormValues(data)}
                readOnly={!canWrite}
                submitting={update.isPending}
                submitLabel={t('common.save')}
                onSubmit={(values) =>
                  update.mutateAsync({ ...values, id: data.id, version: data.version }).then(
                    () => null,
                    (error: unknown) => error,
                  )
                }
                actions={
                  canWrite && (
                    <ConfirmRemoveButton
                      label={t('programme.projects.remove')}
                      confirm={t('programme.projects.removeConfirm')}
                      loading={remove.isPending}
                      onConfirm={() => remove.mutate({ id: data.id, version: data.version })}
                      testId="project-delete"
                    />
                  )
                }
              />
            </Paper>
            <TabHeader title={t('programme.projects.activities')}>
              {canWrite && (
                <ButtonLink
                  size="xs"
                  to="/activities/new"
                  search={{ project: data.id }}
                  data-testid="project-new-activity"
                >
                  {t('programme.activities.new')}
                </ButtonLink>
              )}
            </TabHeader>
            {activities.isPending ? (
              <Loading />
            ) : activities.isError ? (
              <ErrorAlert error={activities.error} onReload={() => void activities.refetch()} />
            ) : (
              <ActivityList
                items={activities.data.items}
                emptyText={t('programme.projects.noActivities')}
                showProject={false}
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsTab owner={{ kind: 'project', id: data.id, startDate: data.startDate, endDate: data.endDate }} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

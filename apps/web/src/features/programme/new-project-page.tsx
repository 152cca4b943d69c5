import { Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { emptyProject, ProjectForm } from './project-form';
import { useProgrammeInvalidation } from './use-programme-invalidation';
import { AnchorLink } from './links';

export function NewProjectPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useProgrammeInvalidation();
  const canWrite = useCan('delivery.write');
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async (project) => {
        await invalidate.projects();
        queryClient.setQueryData(trpc.projects.get.queryKey({ id: project.id }), project);
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'programme.projects.created' }) });
        await navigate({ to: '/projects/$projectId', params: { projectId: project.id } });
      },
    }),
  );
  return (
    <Stack maw={860}>
      <AnchorLink to="/projects" size="sm">
        ← {intl.formatMessage({ id: 'programme.projects.backToList' })}
      </AnchorLink>
      <Title order={2}>{intl.formatMessage({ id: 'programme.projects.createTitle' })}</Title>
      {!canWrite && <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />}
      {create.error && <ErrorAlert error={create.error} />}
      <Paper withBorder p="md" radius="md">
        <ProjectForm
          defaultValues={emptyProject}
          readOnly={!canWrite}
          submitting={create.isPending}
          submitLabel={intl.formatMessage({ id: 'programme.projects.create' })}
          onSubmit={(values) =>
            create.mutateAsync(values).then(
              () => null,
              (error: unknown) => error,
            )
          }
        />
      </Paper>
    </Stack>
  );
}

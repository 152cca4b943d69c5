import { Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { ActivityForm, emptyActivity } from './activity-form';
import { useProgrammeInvalidation } from './use-programme-invalidation';
import { AnchorLink } from './links';

/** A new activity, optionally in the project it was started from. */
export function NewActivityPage({ projectId }: { projectId?: string }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const invalidate = useProgrammeInvalidation();
  const canWrite = useCan('delivery.write');
  const create = useMutation(
    trpc.activities.create.mutationOptions({
      onSuccess: async (activity) => {
        await invalidate.activities();
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'programme.activities.created' }) });
        await navigate({ to: '/activities/$activityId', params: { activityId: activity.id } });
      },
    }),
  );
  return (
    <Stack maw={860}>
      {projectId ? (
        <AnchorLink to="/projects/$projectId" params={{ projectId }} size="sm">
          ← {intl.formatMessage({ id: 'programme.activities.backToProject' })}
        </AnchorLink>
      ) : (
        <AnchorLink to="/activities" size="sm">
          ← {intl.formatMessage({ id: 'programme.activities.backToList' })}
        </AnchorLink>
      )}
      <Title order={2}>{intl.formatMessage({ id: 'programme.activities.createTitle' })}</Title>
      {!canWrite && <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />}
      {create.error && <ErrorAlert error={create.error} />}
      <Paper withBorder p="md" radius="md">
        <ActivityForm
          defaultValues={emptyActivity(projectId)}
          readOnly={!canWrite}
          submitting={create.isPending}
          submitLabel={intl.formatMessage({ id: 'programme.activities.create' })}
          onSubmit={(input) =>
            create.mutateAsync(input).then(
              () => null,
              (error: unknown) => error,
            )
          }
        />
      </Paper>
    </Stack>
  );
}

import { Anchor, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { emptyGrant, GrantForm } from './grant-form';

export function NewGrantPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('grant.write');
  const create = useMutation(
    trpc.grants.create.mutationOptions({
      onSuccess: async (grant) => {
        await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'grants.create.done' }) });
        await navigate({ to: '/grants/$grantId', params: { grantId: grant.id } });
      },
    }),
  );
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/grants" size="sm">
        ← {intl.formatMessage({ id: 'grants.backToList' })}
      </Anchor>
      <Title order={2}>{intl.formatMessage({ id: 'grants.create.title' })}</Title>
      {!canWrite && <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />}
      {create.error && <ErrorAlert error={create.error} />}
      <Paper withBorder p="md" radius="md">
        <GrantForm
          mode="create"
          defaultValues={emptyGrant}
          readOnly={!canWrite}
          submitting={create.isPending}
          submitLabel={intl.formatMessage({ id: 'grants.create.submit' })}
          onSubmit={(submitted) =>
            submitted.mode === 'create'
              ? create.mutateAsync(submitted.input).then(
                  () => null,
                  (error: unknown) => error,
                )
              : Promise.resolve(null)
          }
        />
      </Paper>
    </Stack>
  );
}

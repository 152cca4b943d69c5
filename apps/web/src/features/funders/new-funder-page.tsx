import { Anchor, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { emptyFunder, FunderForm } from './funder-form';

export function NewFunderPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('funder.write');
  const create = useMutation(
    trpc.funders.create.mutationOptions({
      onSuccess: async (funder) => {
        await queryClient.invalidateQueries({ queryKey: trpc.funders.list.pathKey() });
        queryClient.setQueryData(trpc.funders.get.queryKey({ id: funder.id }), funder);
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'funders.create.done' }) });
        await navigate({ to: '/funders/$funderId', params: { funderId: funder.id } });
      },
    }),
  );
  return (
    <Stack maw={820}>
      <Anchor component={Link} to="/funders" size="sm">
        ← {intl.formatMessage({ id: 'funders.backToList' })}
      </Anchor>
      <Title order={2}>{intl.formatMessage({ id: 'funders.create.title' })}</Title>
      {!canWrite && <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />}
      {create.error && <ErrorAlert error={create.error} />}
      <Paper withBorder p="md" radius="md">
        <FunderForm
          defaultValues={emptyFunder}
          readOnly={!canWrite}
          submitting={create.isPending}
          submitLabel={intl.formatMessage({ id: 'funders.create.submit' })}
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

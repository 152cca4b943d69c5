import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { FunderForm, funderToFormValues } from './funder-form';

export function FunderPage({ funderId }: { funderId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canWrite = useCan('funder.write');
  const t = (id: string) => intl.formatMessage({ id });

  const funderQuery = trpc.funders.get.queryOptions({ id: funderId });
  const funder = useQuery(funderQuery);

  const afterChange = async (message: string, updated: NonNullable<typeof funder.data>) => {
    queryClient.setQueryData(funderQuery.queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: trpc.funders.list.pathKey() });
    notifications.show({ color: 'green', message: t(message) });
  };
  const update = useMutation(
    trpc.funders.update.mutationOptions({ onSuccess: (updated) => afterChange('funders.edit.saved', updated) }),
  );
  const archive = useMutation(
    trpc.funders.archive.mutationOptions({ onSuccess: (updated) => afterChange('funders.archived', updated) }),
  );
  const restore = useMutation(
    trpc.funders.restore.mutationOptions({ onSuccess: (updated) => afterChange('funders.restored', updated) }),
  );

  const reload = async () => {
    update.reset();
    archive.reset();
    restore.reset();
    await funder.refetch();
  };

  if (funder.isPending) return <Loading />;
  if (funder.isError) return <ErrorAlert error={funder.error} onReload={() => void funder.refetch()} />;

  const data = funder.data;
  const failure = update.error ?? archive.error ?? restore.error;
  const busy = update.isPending || archive.isPending || restore.isPending;

  return (
    <Stack maw={820}>
      <Anchor component={Link} to="/funders" size="sm">
        ← {t('funders.backToList')}
      </Anchor>
      <div>
        <Title order={2} data-testid="funder-title">
          {data.name}
        </Title>
        <Text size="sm" c="dimmed" data-testid="funder-last-updated">
          {intl.formatMessage({ id: 'funders.edit.lastUpdated' }, { date: format.dateTime(data.updatedAt) })}
        </Text>
      </div>
      {!canWrite && <Alert color="blue">{t('funders.edit.readOnly')}</Alert>}
      {data.archivedAt && (
        <Alert color="gray" data-testid="funder-archived-notice">
          {intl.formatMessage({ id: 'funders.archivedNotice' }, { date: format.date(data.archivedAt) })}
        </Alert>
      )}
      {failure && <ErrorAlert error={failure} onReload={() => void reload()} />}
      <Paper withBorder p="md" radius="md">
        <FunderForm
          // A new version (after a save or a reload) starts the form afresh from the server's copy.
          key={data.version}
          defaultValues={funderToFormValues(data)}
          readOnly={!canWrite || data.archivedAt !== null}
          submitting={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(values) =>
            update.mutateAsync({ ...values, id: data.id, version: data.version }).then(
              () => null,
              (error: unknown) => error,
            )
          }
          actions={
            canWrite &&
            (data.archivedAt ? (
              <Button
                variant="light"
                loading={restore.isPending}
                disabled={busy}
                onClick={() => restore.mutate({ id: data.id, version: data.version })}
                data-testid="funder-restore"
              >
                {t('funders.restore')}
              </Button>
            ) : (
              <Button
                variant="default"
                loading={archive.isPending}
                disabled={busy}
                onClick={() => archive.mutate({ id: data.id, version: data.version })}
                data-testid="funder-archive"
              >
                {t('funders.archive')}
              </Button>
            ))
          }
        />
      </Paper>
    </Stack>
  );
}

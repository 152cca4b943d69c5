import { Anchor, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { emptyParticipant, ParticipantForm } from './participant-form';
import { RequirePermission } from './require-permission';

export function NewParticipantPage() {
  return (
    <RequirePermission permission="participant.write">
      <NewParticipant />
    </RequirePermission>
  );
}

function NewParticipant() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const settings = useQuery(trpc.participants.settings.queryOptions());
  const create = useMutation(
    trpc.participants.create.mutationOptions({
      onSuccess: async (participant) => {
        await queryClient.invalidateQueries({ queryKey: trpc.participants.list.pathKey() });
        notifications.show({
          color: 'green',
          message: intl.formatMessage({ id: 'participants.create.done' }, { code: participant.code }),
        });
        await navigate({ to: '/participants/$participantId', params: { participantId: participant.id } });
      },
    }),
  );

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} onReload={() => void settings.refetch()} />;

  return (
    <Stack maw={820}>
      <Anchor component={Link} to="/participants" size="sm">
        ← {t('participants.backToList')}
      </Anchor>
      <Title order={2}>{t('participants.create.title')}</Title>
      {create.error && <ErrorAlert error={create.error} />}
      <Paper withBorder p="md" radius="md">
        <ParticipantForm
          settings={settings.data}
          defaultValues={emptyParticipant(settings.data)}
          identity
          readOnly={false}
          submitting={create.isPending}
          submitLabel={t('participants.create.submit')}
          onSubmit={(fields, who) =>
            create.mutateAsync({ ...fields, code: who.code, uicAnswers: who.uicAnswers }).then(
              () => null,
              (error: unknown) => error,
            )
          }
        />
      </Paper>
    </Stack>
  );
}

import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Participant } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { OutcomeRecords } from '../results/outcome-records';
import { useDuration } from './duration';
import { ParticipantForm, participantToFormState } from './participant-form';
import { RequirePermission } from './require-permission';

export function ParticipantPage({ participantId }: { participantId: string }) {
  return (
    <RequirePermission permission="participant.read">
      <ParticipantRecord participantId={participantId} />
    </RequirePermission>
  );
}

function ParticipantRecord({ participantId }: { participantId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const canWrite = useCan('participant.write');
  const canErase = useCan('participant.erase');
  const t = (id: string) => intl.formatMessage({ id });

  const settings = useQuery(trpc.participants.settings.queryOptions());
  // Every read of the record is audited on the server, and it holds decrypted contact and notes:
  // read it once per visit, never in the background, and drop it from memory on leaving.
  const participant = useQuery({
    ...trpc.participants.get.queryOptions({ id: participantId }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const update = useMutation(
    trpc.participants.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.participants.list.pathKey() });
        await participant.refetch();
        notifications.show({ color: 'green', message: t('participants.edit.saved') });
      },
    }),
  );
  const [erasing, setErasing] = useState(false);

  if (participant.isPending || settings.isPending) return <Loading />;
  if (participant.isError) {
    return <ErrorAlert error={participant.error} onReload={() => void participant.refetch()} />;
  }
  if (settings.isError) return <ErrorAlert error={settings.error} onReload={() => void settings.refetch()} />;
  const data = participant.data;

  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/participants" size="sm">
        ← {t('participants.backToList')}
      </Anchor>
      <div>
        <Group gap="sm">
          <Title order={2} ff="monospace" data-testid="participant-code">
            {data.code}
          </Title>
          {data.erased && (
            <Badge color="gray" variant="light">
              {t('participants.erased')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="participant-read-logged">
          {t('participants.record.logged')}
        </Text>
      </div>
      {data.erased && <Alert color="gray">{t('participants.record.erasedNotice')}</Alert>}
      {update.error && (
        <ErrorAlert
          error={update.error}
          onReload={() => {
            update.reset();
            void participant.refetch();
          }}
        />
      )}
      {!data.erased && (
        <Paper withBorder p="md" radius="md">
          <ParticipantForm
            key={data.version}
            settings={settings.data}
            defaultValues={participantToFormState(data, settings.data)}
            identity={false}
            readOnly={!canWrite}
            submitting={update.isPending}
            submitLabel={t('common.save')}
            onSubmit={(fields) =>
              update.mutateAsync({ ...fields, id: data.id, version: data.version }).then(
                () => null,
                (error: unknown) => error,
              )
            }
            actions={
              canErase && (
                <Button color="red" variant="light" onClick={() => setErasing(true)} data-testid="participant-erase">
                  {t('participants.erase.button')}
                </Button>
              )
            }
          />
        </Paper>
      )}
      <ParticipantActivities participant={data} />
      <OutcomeRecords participantId={data.id} erased={data.erased} />
      {erasing && <EraseModal participant={data} onClose={() => setErasing(false)} />}
    </Stack>
  );
}

function ParticipantActivities({ participant }: { participant: Participant }) {
  const intl = useIntl();
  const duration = useDuration();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('participants.record.activities')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" data-testid="participant-activities">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('participants.column.activity')}</Table.Th>
              <Table.Th>{t('participants.column.status')}</Table.Th>
              <Table.Th ta="right">{t('participants.column.hours')}</Table.Th>
              <Table.Th>{t('participants.column.completed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {participant.enrollments.map((e) => (
              <Table.Tr key={e.enrollmentId} data-testid="participant-activity">
                <Table.Td>
                  <Anchor
                    renderRoot={(props) => (
                      <Link
                        {...props}
                        to="/activities/$activityId"
                        params={{ activityId: e.activityId }}
                        search={{ tab: 'participants' }}
                      />
                    )}
                  >
                    {e.activityTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`participants.enrollmentStatus.${e.status}`)}</Table.Td>
                <Table.Td ta="right">
                  {intl.formatMessage(
                    { id: 'participants.hoursOf' },
                    { attended: duration(e.attendedMinutes), planned: duration(e.plannedMinutes) },
                  )}
                </Table.Td>
                <Table.Td>
                  {e.completed ? (
                    <Text c="green" fw={700} span aria-label={t('participants.completed.yes')}>
                      ✓
                    </Text>
                  ) : (
                    <Text c="dimmed" span>
                      {t('participants.completed.no')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {participant.enrollments.length === 0 && (
              <TableEmptyRow colSpan={4}>{t('participants.record.noActivities')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function EraseModal({ participant, onClose }: { participant: Participant; onClose: () => void }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const erase = useMutation(
    trpc.participants.erase.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.participants.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.enrollments.list.pathKey() });
        notifications.show({ color: 'green', message: t('participants.erase.done') });
        onClose();
        await navigate({ to: '/participants' });
      },
    }),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('participants.erase.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text>{intl.formatMessage({ id: 'participants.erase.explain' }, { code: participant.code })}</Text>
        <Text size="sm" c="dimmed">
          {t('participants.erase.numbersStay')}
        </Text>
        {erase.error && <ErrorAlert error={erase.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={erase.isPending}
            onClick={() => erase.mutate({ id: participant.id, version: participant.version })}
            data-testid="participant-erase-confirm"
          >
            {t('participants.erase.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type GrantStatus, todayIn } from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { GrantForm, useGrantToFormValues } from './grant-form';
import { GrantStatusBadge } from './status-badge';
import { useGrantInvalidation } from './use-grant-invalidation';

type GrantDetail = RouterOutputs['grants']['get'];

export function OverviewTab({ detail }: { detail: GrantDetail }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('grant.write');
  const invalidate = useGrantInvalidation();
  const toFormValues = useGrantToFormValues();
  const t = (id: string) => intl.formatMessage({ id });
  const { grant } = detail;
  const [moveTo, setMoveTo] = useState<GrantStatus | null>(null);

  const update = useMutation(
    trpc.grants.update.mutationOptions({
      onSuccess: async () => {
        await invalidate.grant();
        notifications.show({ color: 'green', message: t('grants.edit.saved') });
      },
    }),
  );

  return (
    <Stack>
      {!canWrite && <Alert color="blue">{t('grants.edit.readOnly')}</Alert>}
      {update.error && (
        <ErrorAlert
          error={update.error}
          onReload={() => {
            update.reset();
            void invalidate.grant();
          }}
        />
      )}
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('grants.status.title')}
          </Title>
          <Group gap="sm" wrap="wrap">
            <GrantStatusBadge status={grant.status} />
            {canWrite &&
              detail.nextStatuses.map((status) => (
                <Button
                  key={status}
                  size="xs"
                  variant="light"
                  onClick={() => setMoveTo(status)}
                  data-testid={`grant-move-${status}`}
                >
                  {intl.formatMessage({ id: 'grants.status.moveTo' }, { status: t(`grantStatus.${status}`) })}
                </Button>
              ))}
          </Group>
          {detail.history.length > 0 && (
            <Timeline bulletSize={14} lineWidth={2} mt="sm" data-testid="grant-history">
              {detail.history.map((change) => (
                <Timeline.Item key={`${change.status}-${change.at}`} title={t(`grantStatus.${change.status}`)}>
                  <Text size="sm" c="dimmed">
                    {format.day(change.date)}
                  </Text>
                  {change.note && <Text size="sm">{change.note}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <GrantForm
          key={grant.version}
          mode="edit"
          defaultValues={toFormValues(grant)}
          readOnly={!canWrite}
          submitting={update.isPending}
          submitLabel={t('common.save')}
          onSubmit={(submitted) =>
            submitted.mode === 'edit'
              ? update.mutateAsync({ ...submitted.input, id: grant.id, version: grant.version }).then(
                  () => null,
                  (error: unknown) => error,
                )
              : Promise.resolve(null)
          }
        />
      </Paper>
      {moveTo && <StatusModal detail={detail} status={moveTo} onClose={() => setMoveTo(null)} />}
    </Stack>
  );
}

function StatusModal({ detail, status, onClose }: { detail: GrantDetail; status: GrantStatus; onClose: () => void }) {
  const intl = useIntl();
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const [date, setDate] = useState(() => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [note, setNote] = useState('');
  const change = useMutation(
    trpc.grants.changeStatus.mutationOptions({
      onSuccess: async () => {
        await invalidate.grant();
        notifications.show({ color: 'green', message: t('grants.status.changed') });
        onClose();
      },
    }),
  );
  const fieldErrors = Object.fromEntries(firstFieldErrors(readAppError(change.error)));
  const statusLabel = t(`grantStatus.${status}`);
  return (
    <FormModal
      title={intl.formatMessage({ id: 'grants.status.moveTo' }, { status: statusLabel })}
      onClose={onClose}
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate({ id: detail.grant.id, version: detail.grant.version, status, date, note });
      }}
      submitting={change.isPending}
      submitLabel={t('common.confirm')}
      submitTestId="grant-status-confirm"
    >
      {change.error && !fieldErrors.date && <ErrorAlert error={change.error} />}
      <TextInput
        type="date"
        label={t('grants.status.date')}
        required
        value={date}
        onChange={(event) => setDate(event.currentTarget.value)}
        error={translateMessageKey(intl, fieldErrors.date)}
      />
      <Textarea
        label={t('grants.status.note')}
        autosize
        minRows={2}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={translateMessageKey(intl, fieldErrors.note)}
      />
    </FormModal>
  );
}

import { Button, Group, Modal, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Member } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';

/** The organisation's rule: admins and finance must use two-step sign-in (admin only). */
export function SecondFactorSetting() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const org = useQuery(trpc.organization.current.queryOptions());
  const save = useMutation(
    trpc.organization.setSecondFactorRequired.mutationOptions({
      onSuccess: () =>
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'security.setting.saved' }) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() }),
    }),
  );
  if (!org.data) return null;
  return (
    <Stack gap="xs">
      {save.error && <ErrorAlert error={save.error} />}
      <Switch
        label={intl.formatMessage({ id: 'security.setting.label' })}
        description={intl.formatMessage({ id: 'security.setting.description' })}
        checked={org.data.requireSecondFactor}
        disabled={save.isPending}
        onChange={(event) => save.mutate({ required: event.currentTarget.checked })}
      />
    </Stack>
  );
}

/** A member's two-step sign-in, and the admin's reset for a lost phone (audited). */
export function SecondFactorCell({ member, onReset }: { member: Member; onReset: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation(
    trpc.members.resetSecondFactor.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'green', message: t('security.members.resetDone') });
        onReset();
      },
    }),
  );
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm">{t(member.hasSecondFactor ? 'security.members.on' : 'security.members.off')}</Text>
      {member.hasSecondFactor && (
        <Button
          variant="subtle"
          size="compact-xs"
          aria-label={intl.formatMessage({ id: 'security.members.resetFor' }, { name: member.displayName })}
          onClick={() => {
            reset.reset();
            setConfirming(true);
          }}
        >
          {t('security.members.reset')}
        </Button>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('security.members.resetTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{intl.formatMessage({ id: 'security.members.resetBody' }, { name: member.displayName })}</Text>
          {reset.error && <ErrorAlert error={reset.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={reset.isPending} onClick={() => reset.mutate({ userId: member.userId })}>
              {t('security.members.reset')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

import { Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { EnrolmentPanel } from './enrolment-panel';

/** From the user menu: whether two-step sign-in is on, and setting it up (again, on a new phone). */
export function SecondFactorModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.auth.secondFactorStatus.queryOptions(), enabled: opened });
  const [enrolling, setEnrolling] = useState(false);
  const close = () => {
    setEnrolling(false);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(enrolling ? 'security.enrol.title' : 'security.menu')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {enrolling ? (
        <EnrolmentPanel
          onDone={() => {
            notifications.show({ color: 'green', message: t('security.status.done') });
            void queryClient.invalidateQueries({ queryKey: trpc.auth.secondFactorStatus.queryKey() });
            close();
          }}
        />
      ) : status.isPending ? (
        <Loading />
      ) : status.error ? (
        <ErrorAlert error={status.error} />
      ) : (
        <Stack>
          <Text data-testid="second-factor-status">
            {status.data.enrolled
              ? intl.formatMessage({ id: 'security.status.on' }, { count: status.data.recoveryCodesLeft })
              : t('security.status.off')}
          </Text>
          <Button onClick={() => setEnrolling(true)}>
            {t(status.data.enrolled ? 'security.status.reenrol' : 'security.status.enrol')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}

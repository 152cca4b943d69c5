import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ChangePasswordInput, changePasswordInput, passwordMinLength } from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { translateMessageKey } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { PasswordStrengthMeter } from './password-strength-meter';
import { useSession } from './use-session';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const intl = useIntl();
  const { session } = useSession();
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordInput),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        notifications.show({ color: 'green', message: intl.formatMessage({ id: 'auth.changePassword.done' }) });
        close();
      },
      onError: (error) => applyServerFieldErrors(form.setError, error, ['currentPassword', 'newPassword']),
    }),
  );
  const close = () => {
    form.reset();
    change.reset();
    onClose();
  };
  const { errors } = form.formState;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={intl.formatMessage({ id: 'auth.changePassword.title' })}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
    >
      <form noValidate onSubmit={form.handleSubmit((values) => change.mutate(values))}>
        <Stack>
          {change.error && !errors.currentPassword && !errors.newPassword && <ErrorAlert error={change.error} />}
          <PasswordInput
            label={intl.formatMessage({ id: 'auth.changePassword.current' })}
            autoComplete="current-password"
            error={translateMessageKey(intl, errors.currentPassword?.message)}
            {...form.register('currentPassword')}
          />
          <PasswordInput
            label={intl.formatMessage({ id: 'auth.changePassword.new' })}
            description={intl.formatMessage({ id: 'auth.changePassword.hint' }, { min: passwordMinLength })}
            autoComplete="new-password"
            error={translateMessageKey(intl, errors.newPassword?.message)}
            {...form.register('newPassword')}
          />
          <PasswordStrengthMeter
            password={form.watch('newPassword')}
            person={{ email: session?.user.email, displayName: session?.user.displayName }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {intl.formatMessage({ id: 'common.cancel' })}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {intl.formatMessage({ id: 'auth.changePassword.submit' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

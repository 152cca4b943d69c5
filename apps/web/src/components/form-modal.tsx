import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * A dialog around one form, with Cancel and the submit button at its foot, so every edit dialog
 * lays out and closes the same way. The form's own fields (and its error alert) are the children.
 */
export function FormModal({
  title,
  size,
  onClose,
  onSubmit,
  testId,
  submitting,
  submitLabel,
  submitDisabled,
  submitTestId,
  children,
}: {
  title: string;
  size?: ModalProps['size'];
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  testId?: string;
  submitting: boolean;
  /** Defaults to "Save". */
  submitLabel?: string;
  submitDisabled?: boolean;
  submitTestId?: string;
  children: ReactNode;
}) {
  const intl = useIntl();
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form noValidate onSubmit={onSubmit} data-testid={testId}>
        <Stack>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {intl.formatMessage({ id: 'common.cancel' })}
            </Button>
            <Button type="submit" loading={submitting} disabled={submitDisabled} data-testid={submitTestId}>
              {submitLabel ?? intl.formatMessage({ id: 'common.save' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

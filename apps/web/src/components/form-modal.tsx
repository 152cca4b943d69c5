import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type FormEventHandler, type ReactNode, useEffect, useState } from 'react';
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
  // Mantine gives focus back when `opened` turns false; these dialogs are unmounted instead, so
  // the button that opened one gets focus back here (WCAG 2.4.3). Read before any effect runs.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    [opener],
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
    >
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

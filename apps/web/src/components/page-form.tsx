import { Button, Fieldset, Group, Stack } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';

/**
 * A record's form on its own page (new or edit): the fields lock while `readOnly` (people who may
 * only look), further `actions` sit on the left and the submit button on the right.
 */
export function PageForm({
  onSubmit,
  testId,
  readOnly,
  submitting,
  submitLabel,
  submitTestId,
  actions,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  testId: string;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  submitTestId: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={onSubmit} data-testid={testId}>
      <Fieldset disabled={readOnly} variant="unstyled">
        <Stack>{children}</Stack>
      </Fieldset>
      <Group justify="space-between" mt="lg" wrap="wrap">
        <Group>{actions}</Group>
        {!readOnly && (
          <Button type="submit" loading={submitting} data-testid={submitTestId}>
            {submitLabel}
          </Button>
        )}
      </Group>
    </form>
  );
}

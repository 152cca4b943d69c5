import { Alert } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { readAppError } from '../../lib/errors';

/**
 * A failed call, with a sentence of our own for the one conflict this screen knows (a partner
 * still on a project, a project with activities, a session with attendance): the generic
 * "clashes with an existing record" would not tell anyone what to do.
 */
export function ProgrammeErrorAlert({
  error,
  conflictMessage,
  onReload,
}: {
  error: unknown;
  conflictMessage?: string;
  onReload?: () => void;
}) {
  if (conflictMessage && readAppError(error)?.appCode === 'CONFLICT') {
    return (
      <Alert color="red" role="alert" data-testid="error-CONFLICT">
        {conflictMessage}
      </Alert>
    );
  }
  return <ErrorAlert error={error} onReload={onReload} />;
}

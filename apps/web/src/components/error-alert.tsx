import { Alert, Button, Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { type AppErrorInfo, readAppError, translateAppError } from '../lib/errors';

/** The translated sentence for a failed call, with an optional action (e.g. Reload). */
export function ErrorAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const intl = useIntl();
  const info: AppErrorInfo | null = readAppError(error);
  if (!info) return null;
  const showReload =
    onReload && (info.appCode === 'STALE_VERSION' || info.appCode === 'NETWORK' || info.appCode === 'INTERNAL');
  return (
    <Alert color={info.appCode === 'VALIDATION' ? 'orange' : 'red'} role="alert" data-testid={`error-${info.appCode}`}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <span>{translateAppError(intl, info)}</span>
        {showReload && (
          <Button size="xs" variant="white" color="red" onClick={onReload}>
            {intl.formatMessage({ id: info.appCode === 'STALE_VERSION' ? 'common.reload' : 'common.retry' })}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

import { Badge, Group } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { useIntl } from 'react-intl';
import { useOutbox } from './use-offline';

/** The shell's small signal: offline, registers waiting to send, registers needing a choice. */
export function OfflineIndicator() {
  const intl = useIntl();
  const { online } = useNetwork();
  const items = useOutbox() ?? [];
  const waiting = items.filter((item) => item.state === 'waiting').length;
  const conflicts = items.length - waiting;
  if (online && items.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {!online && (
        <Badge color="gray" variant="filled" data-testid="offline-indicator">
          {intl.formatMessage({ id: 'offline.status.offline' })}
        </Badge>
      )}
      {waiting > 0 && (
        <Badge color="yellow.9" variant="light" data-testid="outbox-indicator" style={{ textTransform: 'none' }}>
          {intl.formatMessage({ id: 'offline.status.waiting' }, { count: waiting })}
        </Badge>
      )}
      {conflicts > 0 && (
        <Badge color="red" variant="filled" data-testid="outbox-conflict-indicator" style={{ textTransform: 'none' }}>
          {intl.formatMessage({ id: 'offline.status.conflict' }, { count: conflicts })}
        </Badge>
      )}
    </Group>
  );
}

import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { AttendanceStatus } from '@tessera/domain';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { translateAppError } from '../../lib/errors';
import { discard, flush, sendMineAnyway } from './sender';
import type { OutboxItem } from './store';
import { useOutbox } from './use-offline';

/**
 * On the register: its marks saved on the phone and waiting to send, or, when someone changed the
 * register meanwhile, both versions side by side and the coordinator's choice.
 */
export function OutboxPanel({ sessionId }: { sessionId: string }) {
  const item = useOutbox()?.find((i) => i.sessionId === sessionId);
  if (!item) return null;
  if (item.state === 'waiting') return <Waiting item={item} />;
  return <Conflict item={item} />;
}

function useMark() {
  const intl = useIntl();
  return (status: AttendanceStatus | null, minutes: number | null) => {
    if (status === null) return intl.formatMessage({ id: 'offline.panel.unmarked' });
    const label = intl.formatMessage({ id: `participants.attendanceStatus.${status}` });
    return status !== 'absent' && minutes !== null
      ? intl.formatMessage({ id: 'offline.panel.minutes' }, { status: label, minutes })
      : label;
  };
}

function Waiting({ item }: { item: OutboxItem }) {
  const intl = useIntl();
  const [sending, setSending] = useState(false);
  return (
    <Alert color="yellow" title={intl.formatMessage({ id: 'offline.panel.waitingTitle' })} data-testid="outbox-waiting">
      <Stack gap="xs">
        <Text size="sm">{intl.formatMessage({ id: 'offline.panel.waiting' }, { count: item.entries.length })}</Text>
        {item.markRest && (
          <Text size="sm">
            {intl.formatMessage(
              { id: 'offline.panel.restWaiting' },
              { status: intl.formatMessage({ id: `participants.attendanceStatus.${item.markRest}` }) },
            )}
          </Text>
        )}
        <Group>
          <Button
            size="sm"
            variant="default"
            loading={sending}
            onClick={() => {
              setSending(true);
              void flush().finally(() => setSending(false));
            }}
            data-testid="outbox-send-now"
          >
            {intl.formatMessage({ id: 'offline.panel.sendNow' })}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Conflict({ item }: { item: OutboxItem }) {
  const intl = useIntl();
  const mark = useMark();
  const [busy, setBusy] = useState(false);
  const server = new Map((item.server?.entries ?? []).map((entry) => [entry.participantId, entry]));
  const refused = item.state === 'refused';
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <Alert
      color="red"
      title={intl.formatMessage({ id: refused ? 'offline.panel.refusedTitle' : 'offline.panel.conflictTitle' })}
      data-testid={refused ? 'outbox-refused' : 'outbox-conflict'}
    >
      <Stack gap="xs">
        <Text size="sm">
          {refused
            ? translateAppError(intl, { appCode: item.refusal as never, fieldErrors: null, retryAfterSeconds: null })
            : intl.formatMessage({ id: 'offline.panel.conflictText' })}
        </Text>
        <Table withTableBorder fz="sm" data-testid="outbox-conflict-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{intl.formatMessage({ id: 'offline.panel.code' })}</Table.Th>
              <Table.Th>{intl.formatMessage({ id: 'offline.panel.yours' })}</Table.Th>
              {!refused && <Table.Th>{intl.formatMessage({ id: 'offline.panel.server' })}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.entries.map((entry) => {
              const theirs = server.get(entry.participantId);
              return (
                <Table.Tr key={entry.participantId} data-testid={`outbox-row-${entry.code}`}>
                  <Table.Td ff="monospace">{entry.code}</Table.Td>
                  <Table.Td data-testid="outbox-mine">{mark(entry.status, entry.minutes)}</Table.Td>
                  {!refused && (
                    <Table.Td data-testid="outbox-theirs">
                      {mark(theirs?.status ?? null, theirs?.minutes ?? null)}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          {!refused && (
            <Button
              size="sm"
              color="red"
              loading={busy}
              onClick={() => run(() => sendMineAnyway(item))}
              data-testid="outbox-send-mine"
            >
              {intl.formatMessage({ id: 'offline.panel.sendMine' })}
            </Button>
          )}
          <Button
            size="sm"
            variant="default"
            loading={busy}
            onClick={() => run(() => discard(item))}
            data-testid="outbox-keep-server"
          >
            {intl.formatMessage({ id: refused ? 'offline.panel.discard' : 'offline.panel.keepServer' })}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

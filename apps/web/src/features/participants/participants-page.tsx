import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { EmptyState } from '../../components/empty-state';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { RequirePermission } from './require-permission';

export const participantsPageSize = 50;

export function ParticipantsPage() {
  return (
    <RequirePermission permission="participant.read">
      <ParticipantsList />
    </RequirePermission>
  );
}

function ParticipantsList() {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('participant.write');
  const canSettings = useCan('settings.write');
  const t = (id: string) => intl.formatMessage({ id });

  // Search and page live in this component, never in the URL: a code is still participant data.
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on its first page
  useEffect(() => setPage(1), [search]);

  const list = useQuery({
    ...trpc.participants.list.queryOptions({
      search,
      limit: participantsPageSize,
      offset: (page - 1) * participantsPageSize,
    }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / participantsPageSize));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('participants.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('participants.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          {canSettings && (
            <Button component={Link} to="/settings/participants" variant="default">
              {t('participants.settings.link')}
            </Button>
          )}
          {canWrite && (
            <Button component={Link} to="/participants/import" variant="default" data-testid="participants-import">
              {t('participants.import.link')}
            </Button>
          )}
          {canWrite && (
            <Button component={Link} to="/participants/new" data-testid="new-participant">
              {t('participants.new')}
            </Button>
          )}
        </Group>
      </Group>

      <TextInput
        type="search"
        label={t('participants.search')}
        placeholder={t('participants.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autoCapitalize="characters"
        autoComplete="off"
        maw={360}
        data-testid="participant-search"
      />

      {list.error && <ErrorAlert error={list.error} onReload={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="participant-total">
            {intl.formatMessage({ id: 'participants.total' }, { count: total })}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="participants-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participants.column.code')}</Table.Th>
                  <Table.Th>{t('participants.field.gender')}</Table.Th>
                  <Table.Th>{t('participants.field.ageBand')}</Table.Th>
                  <Table.Th>{t('participants.field.city')}</Table.Th>
                  <Table.Th>{t('participants.field.consentDate')}</Table.Th>
                  <Table.Th ta="right">{t('participants.column.activities')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data?.items.map((p) => (
                  <Table.Tr key={p.id} data-testid={`participant-row-${p.code}`}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Link to="/participants/$participantId" params={{ participantId: p.id }}>
                          <Text ff="monospace" fw={600} span>
                            {p.code}
                          </Text>
                        </Link>
                        {p.erased && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('participants.erased')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`participants.gender.${p.gender}`)}</Table.Td>
                    <Table.Td>{t(`participants.ageBand.${p.ageBand}`)}</Table.Td>
                    <Table.Td>{p.city ?? t('participants.undisclosed')}</Table.Td>
                    <Table.Td>{p.consentDate ? format.day(p.consentDate) : t('common.none')}</Table.Td>
                    <Table.Td ta="right">{intl.formatNumber(p.activities)}</Table.Td>
                  </Table.Tr>
                ))}
                {list.data?.items.length === 0 && (
                  <TableEmptyRow colSpan={6}>
                    {search ? (
                      t('participants.noMatch')
                    ) : (
                      <EmptyState
                        filtered={false}
                        purpose={t('participants.firstStep')}
                        action={
                          <Group gap="xs">
                            <Button component={Link} to="/participants/new" data-testid="first-participant">
                              {t('participants.firstStepAction')}
                            </Button>
                            <Button component={Link} to="/participants/import" variant="default">
                              {t('participants.firstStepImport')}
                            </Button>
                          </Group>
                        }
                      />
                    )}
                  </TableEmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination page={page} pages={pages} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

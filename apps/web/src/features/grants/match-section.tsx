import { Anchor, Badge, Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Grant, MatchContribution } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { matchEvidenceUrl } from '../../lib/receipts';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { Figure } from './budget-vs-actual-tab';
import { ContributionModal, kindLabel } from './match-contribution-modal';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';

/**
 * Cost share and match beside budget vs actual: what the grant requires, what was contributed in
 * cash and in kind, what is still to be provided and the share met (every role); the
 * contributions themselves, with their sources and evidence, for finance and admins only.
 */
export function MatchSection({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canRead = useCan('ledger.read');
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const summary = useQuery(trpc.match.summary.queryOptions({ grantId: grant.id }));

  if (summary.isPending) return <Loading />;
  if (summary.isError) return <ErrorAlert error={summary.error} onReload={() => void summary.refetch()} />;
  const s = summary.data;
  const money = (minor: number) => format.money(minor, grant.currency);

  return (
    <Stack data-testid="match-section">
      <TabHeader title={t('match.title')} />
      {s.requiredMinor === 0 && (
        <Text size="sm" c="dimmed">
          {t('match.noneRequired')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('match.required')} value={money(s.requiredMinor)} testId="match-required" />
        <Figure
          label={t('match.contributed')}
          value={money(s.contributedMinor)}
          hint={t('match.split', { cash: money(s.cashMinor), inKind: money(s.inKindMinor) })}
          hintColor="dimmed"
          testId="match-contributed"
        />
        <Figure label={t('match.remaining')} value={money(s.remainingMinor)} testId="match-remaining" />
        <Figure
          label={t('match.met')}
          value={s.metShare === null ? t('common.none') : format.percent(s.metShare)}
          testId="match-met"
        />
      </SimpleGrid>
      {canRead && <Contributions grant={grant} />}
    </Stack>
  );
}

function Contributions({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('ledger.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const list = useQuery(trpc.match.list.queryOptions({ grantId: grant.id }));
  const [editing, setEditing] = useState<MatchContribution | 'new' | null>(null);
  const remove = useMutation(
    trpc.match.remove.mutationOptions({
      onSuccess: async () => {
        await invalidate.match();
        notifications.show({ color: 'green', message: t('match.removed') });
      },
    }),
  );

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} onReload={() => void list.refetch()} />;

  return (
    <Stack gap="xs">
      <TabHeader title={t('match.contributions')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="match-add">
            {t('match.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} />}
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="match-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('match.date')}</Table.Th>
              <Table.Th>{t('match.kind')}</Table.Th>
              <Table.Th>{t('match.source')}</Table.Th>
              <Table.Th>{t('match.description')}</Table.Th>
              <Table.Th>{t('match.evidence')}</Table.Th>
              <Table.Th ta="right">{t('match.amount')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((c) => (
              <Table.Tr key={c.id} data-testid="match-row">
                <Table.Td>{format.day(c.date)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={c.kind === 'cash' ? 'teal' : 'grape'}>
                    {t(kindLabel[c.kind])}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.source}</Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td>
                  {c.evidenceReference}
                  {c.evidenceFile && (
                    <Anchor
                      href={matchEvidenceUrl(c.id)}
                      target="_blank"
                      rel="noopener"
                      size="sm"
                      display="block"
                      data-testid="match-evidence-link"
                    >
                      {c.evidenceFile.fileName}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td ta="right">{format.money(c.amountMinor, grant.currency)}</Table.Td>
                {canWrite && (
                  <RowActions
                    onEdit={() => setEditing(c)}
                    onRemove={() => remove.mutate({ id: c.id, version: c.version })}
                    removing={remove.isPending && remove.variables?.id === c.id}
                    confirmMessage={t('match.removeConfirm')}
                  />
                )}
              </Table.Tr>
            ))}
            {list.data.length === 0 && <TableEmptyRow colSpan={7}>{t('match.empty')}</TableEmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <ContributionModal
          grant={grant}
          contribution={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

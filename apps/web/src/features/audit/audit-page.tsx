import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { isMessageId } from '../../i18n/catalogs';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { CodeFindingsPanel } from './code-findings-panel';

export function AuditPage() {
  const intl = useIntl();
  const format = useFormat();
  const canRead = useCan('audit.read');
  const audit = useQuery({ ...trpc.organization.audit.queryOptions({ limit: 200 }), enabled: canRead });
  const t = (id: string) => intl.formatMessage({ id });
  /** A known id through the catalog, anything else (a new entity or field) as it came. */
  const label = (id: string, fallback: string) => (isMessageId(id) ? t(id) : fallback);

  if (!canRead) return <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />;
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <CodeFindingsPanel />
      {audit.error && <ErrorAlert error={audit.error} onReload={() => void audit.refetch()} />}
      {audit.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.column.at')}</Table.Th>
                <Table.Th>{t('audit.column.who')}</Table.Th>
                <Table.Th>{t('audit.column.action')}</Table.Th>
                <Table.Th>{t('audit.column.entity')}</Table.Th>
                <Table.Th>{t('audit.column.fields')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data?.map((event) => (
                <Table.Tr key={event.id} data-testid="audit-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.at)}</Table.Td>
                  <Table.Td>{event.userName ?? t('audit.system')}</Table.Td>
                  <Table.Td>{label(`audit.action.${event.action}`, event.action)}</Table.Td>
                  <Table.Td>
                    {label(`audit.entity.${event.entity}`, event.entity)}{' '}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {event.entityId.slice(-8)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{event.fields.map((field) => label(`funders.field.${field}`, field)).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
              {audit.data?.length === 0 && <TableEmptyRow colSpan={5}>{t('audit.empty')}</TableEmptyRow>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

import { Badge, Button, CloseButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type AuditEntry, listAuditInput } from '@tessera/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { TablePagination } from '../../components/table-pagination';
import { isMessageId } from '../../i18n/catalogs';
import { readAppError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { AuditFilters, type AuditFilterValues } from './audit-filters';
import { auditFieldMessage, formatLabel } from './audit-labels';
import { AuditRecordLink } from './audit-record-link';
import { CodeFindingsPanel } from './code-findings-panel';

const pageSize = 50;
/** Kinds of record the log never names (anything about a participant): shown with a neutral label. */
const participantLevel = new Set(['participant', 'enrollment', 'outcome_record']);

interface RecordFilter {
  entity: string;
  entityId: string;
  name: string;
}

export function AuditPage() {
  const intl = useIntl();
  const format = useFormat();
  const canRead = useCan('audit.read');
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [record, setRecord] = useState<RecordFilter | null>(null);
  const [page, setPage] = useState(1);
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  /** A known id through the catalog, anything else (a new entity or field) as it came. */
  const label = (id: string, fallback: string) => (isMessageId(id) ? t(id) : fallback);

  // The API's own schema checks the filters first, so a bad date range is a field error at once.
  const parsed = listAuditInput.safeParse({
    ...filters,
    entity: record?.entity ?? filters.entity,
    entityId: record?.entityId,
    page,
    pageSize,
  });
  const audit = useQuery({
    ...trpc.organization.audit.queryOptions(parsed.success ? parsed.data : { pageSize }),
    enabled: canRead && parsed.success,
    placeholderData: keepPreviousData,
  });
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  for (const [field, keys] of Object.entries(readAppError(audit.error)?.fieldErrors ?? {}))
    errors[field] ??= keys[0] ?? '';

  const changeFilters = (next: AuditFilterValues) => {
    if (record && next.entity !== record.entity) setRecord(null);
    setFilters(next);
    setPage(1);
  };
  const showRecord = (entry: AuditEntry, name: string) => {
    setRecord({ entity: entry.entity, entityId: entry.entityId, name });
    setFilters({ ...filters, entity: entry.entity });
    setPage(1);
  };
  const fieldLabel = (entity: string, field: string) => {
    const message = auditFieldMessage(entity, field);
    return message ? formatLabel(t, message) : field;
  };
  const recordName = (entry: AuditEntry) => {
    if (participantLevel.has(entry.entity)) return t('audit.participantRecord');
    return entry.label ?? (entry.link ? '' : t('audit.gone'));
  };

  if (!canRead) return <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />;
  const data = audit.data;
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <CodeFindingsPanel />
      <AuditFilters value={filters} onChange={changeFilters} errors={errors} />
      {record && (
        <Group gap="xs">
          <Badge variant="light" size="lg" tt="none" data-testid="audit-record-filter">
            {t('audit.filter.record', { record: record.name || label(`audit.entity.${record.entity}`, record.entity) })}
          </Badge>
          <CloseButton
            aria-label={t('audit.filter.recordClear')}
            onClick={() => {
              setRecord(null);
              setPage(1);
            }}
          />
        </Group>
      )}
      {audit.error && Object.keys(errors).length === 0 && (
        <ErrorAlert error={audit.error} onReload={() => void audit.refetch()} />
      )}
      {audit.isPending && parsed.success ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-total">
            {t('audit.total', { count: data?.total ?? 0 })}
          </Text>
          <Table.ScrollContainer minWidth={720}>
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
                {data?.entries.map((entry) => {
                  const name = recordName(entry);
                  return (
                    <Table.Tr key={entry.id} data-testid="audit-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.at)}</Table.Td>
                      <Table.Td>{entry.userName ?? t('audit.system')}</Table.Td>
                      <Table.Td>{label(`audit.action.${entry.action}`, entry.action)}</Table.Td>
                      <Table.Td>
                        <Text span size="sm" c="dimmed">
                          {label(`audit.entity.${entry.entity}`, entry.entity)}
                        </Text>{' '}
                        {entry.link ? (
                          <AuditRecordLink link={entry.link}>{name || t('audit.showRecord')}</AuditRecordLink>
                        ) : (
                          <Text span size="sm" fs={entry.label ? undefined : 'italic'}>
                            {name}
                          </Text>
                        )}{' '}
                        {!(record && record.entityId === entry.entityId) && (
                          <Button
                            variant="subtle"
                            size="compact-xs"
                            onClick={() => showRecord(entry, name)}
                            data-testid="audit-show-record"
                          >
                            {t('audit.showRecord')}
                          </Button>
                        )}
                      </Table.Td>
                      <Table.Td data-testid="audit-fields">
                        {entry.fields.map((field) => fieldLabel(entry.entity, field)).join(', ')}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
                {data?.entries.length === 0 && (
                  <TableEmptyRow colSpan={5}>
                    {Object.values(filters).some(Boolean) || record ? t('audit.noMatch') : t('audit.empty')}
                  </TableEmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination page={page} pages={Math.ceil((data?.total ?? 0) / pageSize)} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

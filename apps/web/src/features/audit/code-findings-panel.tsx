import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { isMessageId } from '../../i18n/catalogs';
import { trpc } from '../../lib/trpc';

/**
 * Admin only (on the audit page): records whose text that leaves the coordinators' circle names
 * a participant code, saved before the rule or written straight into the database. Shows the
 * record's kind, title and field, never the text; the admin opens the record to rewrite it.
 */
export function CodeFindingsPanel() {
  const intl = useIntl();
  const findings = useQuery(trpc.organization.codeFindings.queryOptions());
  const t = (id: string) => intl.formatMessage({ id });
  const kind = (k: string) => (isMessageId(`audit.codes.kind.${k}`) ? t(`audit.codes.kind.${k}`) : k);

  if (findings.error) return <ErrorAlert error={findings.error} onReload={() => void findings.refetch()} />;
  if (findings.isPending) return <Loading />;
  if (findings.data.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="code-findings-none">
        {t('audit.codes.none')}
      </Text>
    );
  }
  return (
    <Alert color="red" variant="light" data-testid="code-findings">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('audit.codes.title')}
        </Title>
        <Text size="sm">{t('audit.codes.intro')}</Text>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.codes.column.record')}</Table.Th>
                <Table.Th>{t('audit.codes.column.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {findings.data.map((f) => (
                <Table.Tr key={`${f.kind}:${f.id}:${f.field}`} data-testid="code-finding">
                  <Table.Td>
                    {kind(f.kind)}: {f.title}
                  </Table.Td>
                  <Table.Td>
                    <Text span size="sm" ff="monospace">
                      {f.field}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  );
}

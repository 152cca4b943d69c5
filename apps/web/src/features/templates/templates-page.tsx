import { Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type Locale, locales, type TemplateKind, templateTags } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { TemplateUpload } from './template-upload';

/** Saves base64 as a file in the browser (the starter templates). */
function saveBase64(fileName: string, base64: string, kind: TemplateKind) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const type =
    kind === 'docx'
      ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Funder templates (issue 18, ADR 0027): the templates kept, a form to attach one, and the tag
 * catalogue with its meanings in the reader's language and the two starter files.
 */
export function TemplatesPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const locale: Locale = (locales as readonly string[]).includes(intl.locale) ? (intl.locale as Locale) : 'en';
  const canWrite = useCan('report.write');
  const queryClient = useQueryClient();
  const kept = useQuery(trpc.templates.list.queryOptions({}));
  const remove = useMutation(
    trpc.templates.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.templates.list.pathKey() }),
    }),
  );
  const starter = useMutation({
    mutationFn: (kind: TemplateKind) => queryClient.fetchQuery(trpc.templates.starter.queryOptions({ kind, locale })),
    onSuccess: (file, kind) => saveBase64(file.fileName, file.contentBase64, kind),
  });

  return (
    <Stack>
      <Title order={2}>{t('templates.title')}</Title>
      <Text size="sm">{t('templates.intro')}</Text>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3}>{t('templates.kept.title')}</Title>
          {kept.isError && <ErrorAlert error={kept.error} />}
          <Table data-testid="templates-kept">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('templates.field.name')}</Table.Th>
                <Table.Th>{t('templates.field.language')}</Table.Th>
                <Table.Th>{t('templates.kept.tags')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(kept.data ?? []).map((tpl) => (
                <Table.Tr key={tpl.id}>
                  <Table.Td>
                    {tpl.name} ({tpl.kind.toUpperCase()})
                  </Table.Td>
                  <Table.Td>{tpl.language}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{tpl.tags.map((tag) => `{${tag}}`).join(' ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate({ id: tpl.id })}>
                        {t('templates.kept.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {kept.data?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>{t('templates.kept.none')}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {remove.isError && <ErrorAlert error={remove.error} />}
        </Stack>
      </Paper>
      {canWrite && <TemplateUpload />}
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3}>{t('templates.catalogue.title')}</Title>
          <Text size="sm">{t('templates.catalogue.intro')}</Text>
          <Group>
            <Button variant="light" onClick={() => starter.mutate('docx')} data-testid="starter-docx">
              {t('templates.catalogue.starterDocx')}
            </Button>
            <Button variant="light" onClick={() => starter.mutate('xlsx')} data-testid="starter-xlsx">
              {t('templates.catalogue.starterXlsx')}
            </Button>
          </Group>
          {starter.isError && <ErrorAlert error={starter.error} />}
          <Table data-testid="template-catalogue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('templates.catalogue.tag')}</Table.Th>
                <Table.Th>{t('templates.catalogue.meaning')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templateTags.map((tag) => {
                const [loop, field] = tag.tag.includes('.')
                  ? [tag.tag.split('.')[0], tag.tag.slice(tag.tag.indexOf('.') + 1)]
                  : [];
                const inLoop = loop && templateTags.some((x) => x.tag === loop && x.kind === 'loop');
                const written =
                  tag.kind === 'loop' ? `{#${tag.tag}} … {/${tag.tag}}` : inLoop ? `{${field}}` : `{${tag.tag}}`;
                return (
                  <Table.Tr key={tag.tag}>
                    <Table.Td>
                      <Code>{written}</Code>
                      {inLoop && (
                        <Text size="xs" c="dimmed">
                          {`{#${loop}}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{tag.meaning[locale]}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      </Paper>
    </Stack>
  );
}

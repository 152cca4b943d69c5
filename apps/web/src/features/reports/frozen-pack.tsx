import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core';
import type { ReportPack } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';

/** Where a file kept at submission is downloaded, byte for byte as it was sent (apps/server reports.ts). */
export function submittedFileUrl(packId: string, fileId: string): string {
  return `/files/reports/${encodeURIComponent(packId)}/files/${encodeURIComponent(fileId)}`;
}

/**
 * A submitted pack is frozen (ADR 0011, "Frozen packs"): it says so, with the day it was
 * submitted, and offers the files the funder received to download again.
 */
export function FrozenPackNote({ pack }: { pack: ReportPack }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const files = useQuery({ ...trpc.reports.files.queryOptions({ id: pack.id }), enabled: pack.frozenAt !== null });
  if (pack.frozenAt === null) {
    // Submitted before packs were frozen: nothing was kept.
    return (
      <Alert color="green" data-testid="pack-submitted-note">
        {t('reports.submitted.note')}
      </Alert>
    );
  }
  return (
    <Alert color="green" data-testid="pack-frozen-note">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {intl.formatMessage({ id: 'reports.frozen.note' }, { date: format.day(pack.submittedDate) })}
        </Text>
        {files.isError && <ErrorAlert error={files.error} onReload={() => void files.refetch()} />}
        {files.data && files.data.length === 0 && <Text size="sm">{t('reports.frozen.noFiles')}</Text>}
        {files.data && files.data.length > 0 && (
          <div>
            <Text size="sm">{t('reports.frozen.files')}</Text>
            <List size="sm" data-testid="pack-frozen-files">
              {files.data.map((file) => (
                <List.Item key={file.id}>
                  <Group gap="xs" wrap="wrap">
                    <Anchor href={submittedFileUrl(pack.id, file.id)} download={file.fileName}>
                      {intl.formatMessage({ id: 'reports.export.downloadFile' }, { file: file.fileName })}
                    </Anchor>
                    <Text size="xs" c="dimmed" title={file.sha256}>
                      {intl.formatMessage({ id: 'reports.frozen.sha' }, { sha: file.sha256.slice(0, 12) })}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

/** A new version of a submitted period: which pack it replaces, and why some figures are hidden. */
export function NewVersionNote({ pack, threshold }: { pack: ReportPack; threshold: number | null }) {
  const intl = useIntl();
  const format = useFormat();
  if (!pack.replaces) return null;
  const replaced = pack.replaces;
  return (
    <Alert color="blue" data-testid="pack-new-version">
      <Stack gap={4}>
        <Text size="sm">
          {intl.formatMessage(
            { id: 'reports.version.replaces' },
            { edition: pack.edition, date: format.day(replaced.submittedDate), k: threshold ?? 5 },
          )}
        </Text>
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link
              {...props}
              to="/grants/$grantId/reports/$packId"
              params={{ grantId: pack.grantId, packId: replaced.id }}
            />
          )}
        >
          {intl.formatMessage({ id: 'reports.version.openReplaced' })}
        </Anchor>
      </Stack>
    </Alert>
  );
}

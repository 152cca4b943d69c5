import { Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { trpc } from '../../lib/trpc';
import { downloadUrl, exportFailure, fetchJobStatus, pollDelay, startTemplateExport } from '../reports/export-job';

type Job =
  | { phase: 'idle' }
  | { phase: 'running'; jobId: string | null; polls: number }
  | { phase: 'done'; jobId: string; fileName: string | null }
  | { phase: 'failed'; error: unknown };

/**
 * "Export in the funder's template" on a report pack (issue 18): the grant's and its funder's
 * templates, one chosen when there are several, filled by an export job like the other formats.
 */
export function TemplateExport({ packId, grantId }: { packId: string; grantId: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const templates = useQuery(trpc.templates.list.queryOptions({ grantId }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [job, setJob] = useState<Job>({ phase: 'idle' });
  const list = templates.data ?? [];
  const templateId = chosen ?? list[0]?.id ?? null;

  useEffect(() => {
    if (job.phase !== 'running' || job.jobId === null) return;
    const controller = new AbortController();
    const { jobId, polls } = job;
    const timer = setTimeout(() => {
      fetchJobStatus(jobId, { signal: controller.signal }).then(
        (status) => {
          if (status.state === 'done') setJob({ phase: 'done', jobId, fileName: status.fileName });
          else if (status.state === 'failed')
            setJob({ phase: 'failed', error: exportFailure('INTERNAL', status.error ?? 'The export failed.') });
          else setJob({ phase: 'running', jobId, polls: polls + 1 });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setJob({ phase: 'failed', error });
        },
      );
    }, pollDelay(polls));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job]);

  const start = () => {
    if (!templateId || job.phase === 'running') return;
    setJob({ phase: 'running', jobId: null, polls: 0 });
    startTemplateExport(packId, templateId).then(
      (jobId) => setJob({ phase: 'running', jobId, polls: 0 }),
      (error: unknown) => setJob({ phase: 'failed', error }),
    );
  };

  if (templates.isPending) return null;
  return (
    <Stack gap="xs" data-testid="template-export">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {list.length > 1 && (
          <Select
            label={t('templates.export.choose')}
            size="xs"
            w={240}
            allowDeselect={false}
            data={list.map((tpl) => ({ value: tpl.id, label: `${tpl.name} (${tpl.kind.toUpperCase()})` }))}
            value={templateId}
            onChange={setChosen}
            comboboxProps={{ withinPortal: true }}
            data-testid="template-export-choice"
          />
        )}
        <Button
          variant="light"
          disabled={!templateId}
          loading={job.phase === 'running'}
          onClick={start}
          data-testid="template-export-button"
        >
          {t('templates.export.button')}
        </Button>
        <Anchor component={Link} to="/templates" size="sm">
          {t('templates.export.manage')}
        </Anchor>
      </Group>
      {list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('templates.export.none')}
        </Text>
      )}
      {job.phase === 'done' && (
        <Alert color="green" data-testid="template-export-done">
          <Button component="a" href={downloadUrl(job.jobId)} download={job.fileName ?? ''} size="xs">
            {t('templates.export.download', { file: job.fileName ?? '' })}
          </Button>
        </Alert>
      )}
      {job.phase === 'failed' && <ErrorAlert error={job.error} />}
    </Stack>
  );
}

import { Alert, Button, Group, Menu, Paper, Progress, Select, Stack, Text } from '@mantine/core';
import { type Locale, localeNames, locales, type ReportFormat } from '@tessera/domain';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useLocale } from '../../app/locale';
import { ErrorAlert } from '../../components/error-alert';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import {
  downloadUrl,
  exportReducer,
  fetchJobStatus,
  idleExport,
  isBusy,
  pollDelay,
  progressPercent,
  startExport,
} from './export-job';

/**
 * Starts one export job at a time and follows it: POST, then poll until done, then the download
 * link. Leaving the page stops the polling (the job itself finishes on the server regardless).
 */
function useExportJob(packId: string) {
  const [state, dispatch] = useReducer(exportReducer, idleExport);
  const starting = useRef<AbortController | null>(null);
  useEffect(() => () => starting.current?.abort(), []);

  useEffect(() => {
    if (state.phase !== 'running') return;
    const controller = new AbortController();
    const { jobId } = state;
    const timer = setTimeout(() => {
      fetchJobStatus(jobId, { signal: controller.signal }).then(
        (status) => dispatch({ type: 'status', jobId, status }),
        (error: unknown) => {
          if (!controller.signal.aborted) dispatch({ type: 'error', error });
        },
      );
    }, pollDelay(state.polls));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [state]);

  const start = (format: ReportFormat, locale: Locale) => {
    if (isBusy(state)) return;
    dispatch({ type: 'start', format });
    starting.current = new AbortController();
    startExport(packId, format, locale, { signal: starting.current.signal }).then(
      (jobId) => dispatch({ type: 'accepted', jobId }),
      (error: unknown) => {
        if (!starting.current?.signal.aborted) dispatch({ type: 'error', error });
      },
    );
  };
  return { state, start, reset: () => dispatch({ type: 'reset' }) };
}

/** The export menu of a pack: the formats, the language of the file, progress and download. */
export function ExportPanel({
  packId,
  hasSf425,
  unsavedNarrative = false,
  onSaveNarrative,
}: {
  packId: string;
  hasSf425: boolean;
  /** The narrative has changes not saved: an export would leave them out, so it asks first. */
  unsavedNarrative?: boolean;
  /** Saves the narrative; resolves whether it was saved. */
  onSaveNarrative?: () => Promise<boolean>;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  // The UI language, not the formatting locale (en-GB or en-US for English).
  const { locale: uiLocale } = useLocale();
  const [language, setLanguage] = useState<Locale>(uiLocale);
  const { state, start, reset } = useExportJob(packId);
  // The format asked for while the narrative had unsaved changes: the question is shown first.
  const [asking, setAsking] = useState<ReportFormat | null>(null);
  const [savingFirst, setSavingFirst] = useState(false);
  const choose = (format: ReportFormat) => {
    if (unsavedNarrative && onSaveNarrative) setAsking(format);
    else start(format, language);
  };
  const saveAndExport = async (format: ReportFormat) => {
    setSavingFirst(true);
    try {
      const saved = await onSaveNarrative?.();
      setAsking(null);
      if (saved) start(format, language);
    } finally {
      setSavingFirst(false);
    }
  };
  const formats: ReportFormat[] = hasSf425 ? ['pdf', 'xlsx', 'csv', 'sf425', 'eu'] : ['pdf', 'xlsx', 'csv', 'eu'];
  const busy = isBusy(state);
  const percent = progressPercent(state);
  const formatName = (format: ReportFormat) => t(`reports.export.format.${format}`);
  const refusal =
    state.phase === 'failed'
      ? translateMessageKey(intl, firstFieldErrors(readAppError(state.error))[0]?.[1])
      : undefined;

  return (
    <Stack gap="xs" data-testid="export-panel">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button loading={busy} data-testid="export-menu">
              {t('reports.export.button')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {formats.map((format) => (
              <Menu.Item key={format} onClick={() => choose(format)} data-testid={`export-${format}`}>
                {formatName(format)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Select
          label={t('reports.export.language')}
          size="xs"
          w={160}
          allowDeselect={false}
          data={locales.map((locale) => ({ value: locale, label: localeNames[locale] }))}
          value={language}
          onChange={(value) => value && setLanguage(value as Locale)}
          comboboxProps={{ withinPortal: true }}
          data-testid="export-language"
        />
      </Group>
      {asking && (
        <Alert color="orange" role="alertdialog" aria-live="polite" data-testid="export-unsaved" maw={520}>
          <Stack gap="xs">
            <Text size="sm">
              {intl.formatMessage({ id: 'reports.export.unsaved' }, { format: formatName(asking) })}
            </Text>
            <Group gap="xs" wrap="wrap">
              <Button
                size="xs"
                loading={savingFirst}
                onClick={() => void saveAndExport(asking)}
                data-testid="export-save-first"
              >
                {t('reports.export.saveAndExport')}
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={savingFirst}
                onClick={() => {
                  setAsking(null);
                  start(asking, language);
                }}
                data-testid="export-without-unsaved"
              >
                {t('reports.export.exportWithout')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                disabled={savingFirst}
                onClick={() => setAsking(null)}
                data-testid="export-cancel"
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {state.phase !== 'idle' && (
        <Paper withBorder p="sm" radius="md" data-testid="export-status" data-phase={state.phase}>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {intl.formatMessage(
                { id: state.phase === 'done' ? 'reports.export.ready' : 'reports.export.preparing' },
                { format: formatName(state.format) },
              )}
            </Text>
            {(state.phase === 'starting' || state.phase === 'running' || state.phase === 'done') && (
              <Progress
                value={percent ?? 100}
                animated={percent === null}
                striped={percent === null}
                aria-label={t('reports.export.progress')}
                data-testid="export-progress"
              />
            )}
            {state.phase === 'running' && state.total > 0 && (
              <Text size="xs" c="dimmed">
                {intl.formatMessage({ id: 'reports.export.steps' }, { done: state.done, total: state.total })}
              </Text>
            )}
            {state.phase === 'done' && (
              <Group gap="sm">
                <Button
                  component="a"
                  href={downloadUrl(state.jobId)}
                  download={state.fileName ?? ''}
                  data-testid="export-download"
                >
                  {state.fileName
                    ? intl.formatMessage({ id: 'reports.export.downloadFile' }, { file: state.fileName })
                    : t('reports.export.download')}
                </Button>
                <Button variant="subtle" onClick={reset}>
                  {t('common.close')}
                </Button>
              </Group>
            )}
            {state.phase === 'failed' && (
              <>
                <Text size="sm">{t('reports.export.failed')}</Text>
                {/* A refusal about the request itself (SF-425 for a grant that is not a U.S. federal
                    award) says which; anything else gets the error code's sentence. */}
                {refusal ? (
                  <Alert color="orange" role="alert" data-testid="export-refused">
                    {refusal}
                  </Alert>
                ) : (
                  <ErrorAlert error={state.error} />
                )}
                <Group>
                  <Button size="xs" variant="default" onClick={reset}>
                    {t('common.close')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

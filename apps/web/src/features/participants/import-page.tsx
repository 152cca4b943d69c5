import {
  Alert,
  Anchor,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  type ImportKind,
  type ImportProgress,
  type ImportSummary,
  importChoices,
  importColumns,
  importKinds,
  importLimits,
  requiredImportColumns,
} from '@tessera/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { readAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { type ImportResult, importFailure, readImportStream } from './import-stream';
import { RequirePermission } from './require-permission';

/** The plain-HTTP import endpoints of apps/server (see the contract in apps/server/src/imports.ts). */
export function importUrl(kind: ImportKind, mode: 'preview' | 'commit'): string {
  return `/files/imports/${kind}?mode=${mode}`;
}

export function importTemplateUrl(kind: ImportKind): string {
  return `/files/imports/${kind}/template.csv`;
}

/**
 * Sends the file and follows the streamed answer. Refusals before the stream starts (role, type,
 * size, empty file) are thrown like a tRPC error, as `uploadReceipt` does, so `ErrorAlert` and
 * `fieldErrors.file` translate them.
 */
async function postImport(
  kind: ImportKind,
  mode: 'preview' | 'commit',
  file: File,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
): Promise<ImportResult> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(importUrl(kind, mode), {
      method: 'POST',
      body,
      headers: { 'x-tessera-request': '1' },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw importFailure('NETWORK', 'Failed to fetch');
  }
  if (response.ok && response.body && response.headers.get('content-type')?.startsWith('application/x-ndjson')) {
    return readImportStream(response.body, onProgress);
  }
  const json = (await response.json().catch(() => null)) as {
    error?: { message?: string; data?: { appCode?: string; fieldErrors?: Record<string, string[]> | null } };
  } | null;
  const data = json?.error?.data;
  if (data?.appCode) throw importFailure(data.appCode, json?.error?.message ?? '', data.fieldErrors ?? null);
  if (response.status === 413) {
    throw importFailure('VALIDATION', 'Too large', { file: [`validation.fileTooLarge?max=${maxMegabytes}`] });
  }
  const byStatus: Record<number, string> = {
    400: 'VALIDATION',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
  };
  throw importFailure(byStatus[response.status] ?? 'INTERNAL', `Import failed (${response.status})`);
}

const maxMegabytes = importLimits.maxBytes / 1024 / 1024;
const accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Hints for columns whose answers are not obvious; choice columns list their answers instead. */
const columnHints: Record<string, string> = {
  consent_date: 'participants.import.hint.date',
  date: 'participants.import.hint.date',
  consent_scope: 'participants.import.hint.scope',
  contact: 'participants.import.hint.sealed',
  notes: 'participants.import.hint.sealed',
  activity: 'participants.import.hint.activity',
  minutes: 'participants.import.hint.minutes',
};

type Progressing = ImportProgress | { phase: 'sending' };

export function ImportPage() {
  return (
    <RequirePermission permission="participant.write">
      <ImportParticipants />
    </RequirePermission>
  );
}

function ImportParticipants() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [kind, setKind] = useState<ImportKind>('participants');
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [progress, setProgress] = useState<Progressing | null>(null);

  // Leaving the page stops reading the answer (a commit already sent still lands whole).
  const aborter = useRef<AbortController | null>(null);
  useEffect(() => () => aborter.current?.abort(), []);
  const send = async (mode: 'preview' | 'commit', chosen: File) => {
    aborter.current = new AbortController();
    setProgress({ phase: 'sending' });
    try {
      return await postImport(kind, mode, chosen, setProgress, aborter.current.signal);
    } finally {
      setProgress(null);
    }
  };

  const check = useMutation({ mutationFn: (chosen: File) => send('preview', chosen) });
  const commit = useMutation({
    mutationFn: (chosen: File) => send('commit', chosen),
    onSuccess: async (result) => {
      if (!result.ok) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.participants.pathKey() }),
        ...(kind === 'attendance'
          ? [
              queryClient.invalidateQueries({ queryKey: trpc.enrollments.pathKey() }),
              queryClient.invalidateQueries({ queryKey: trpc.register.pathKey() }),
              queryClient.invalidateQueries({ queryKey: trpc.sessions.pathKey() }),
              queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() }),
            ]
          : []),
      ]);
    },
  });
  const running = check.isPending || commit.isPending;
  const failure = commit.error ?? check.error;
  const fileError = readAppError(failure)?.fieldErrors?.file?.[0];
  const preview = check.data;
  const committed = commit.data;
  const shown = committed ?? preview;

  const startOver = () => {
    check.reset();
    commit.reset();
    setTooLarge(false);
  };
  const runCheck = () => {
    startOver();
    if (!file) return;
    if (file.size > importLimits.maxBytes) {
      setTooLarge(true);
      return;
    }
    check.mutate(file);
  };

  return (
    <Stack>
      <div>
        <Title order={2}>{t('participants.import.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('participants.import.intro')}
        </Text>
      </div>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="import-kind-label">
              {t('participants.import.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind-label"
              value={kind}
              onChange={(value) => {
                setKind(value as ImportKind);
                startOver();
              }}
              disabled={running || committed?.ok}
              data={importKinds.map((k) => ({ value: k, label: t(`participants.import.kind.${k}`) }))}
              data-testid="import-kind"
              maw={420}
            />
          </Stack>
          <ColumnsHelp kind={kind} />
          <FileInput
            label={t('participants.import.file')}
            description={t('participants.import.fileHint', { mb: maxMegabytes, rows: importLimits.maxRows })}
            accept={accept}
            clearable
            value={file}
            onChange={(value) => {
              setFile(value);
              startOver();
            }}
            disabled={running || committed?.ok}
            error={
              tooLarge
                ? translateMessageKey(intl, `validation.fileTooLarge?max=${maxMegabytes}`)
                : translateMessageKey(intl, fileError)
            }
            // The test id sits on the real <input type="file">, where a browser test sets files.
            fileInputProps={{ 'data-testid': 'import-file' } as ComponentPropsWithoutRef<'input'>}
            maw={520}
          />
          <Group>
            <Button
              onClick={runCheck}
              disabled={!file || running || committed?.ok}
              loading={check.isPending}
              data-testid="import-check"
            >
              {t('participants.import.check')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {progress && <ImportProgressBar progress={progress} />}
      {failure && !fileError && <ErrorAlert error={failure} />}

      {shown && !running && (
        <Paper withBorder p="md" radius="md">
          {shown.ok ? (
            <Stack gap="sm">
              <Alert color="green" data-testid={committed ? 'import-done' : 'import-ready'}>
                {t(committed ? 'participants.import.done' : 'participants.import.ready')}
              </Alert>
              <Summary
                summary={shown.summary}
                kind={kind}
                title={t(committed ? 'participants.import.summary.commit' : 'participants.import.summary.preview')}
              />
              <Group>
                {committed ? (
                  <>
                    <Button component={Link} to="/participants" data-testid="import-back">
                      {t('participants.import.back')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => {
                        setFile(null);
                        startOver();
                      }}
                    >
                      {t('participants.import.another')}
                    </Button>
                  </>
                ) : (
                  file && (
                    <Button onClick={() => commit.mutate(file)} data-testid="import-commit">
                      {t('participants.import.commit', { count: shown.summary.rows })}
                    </Button>
                  )
                )}
              </Group>
            </Stack>
          ) : (
            <Problems result={shown} />
          )}
        </Paper>
      )}
    </Stack>
  );
}

/** The columns of a kind, the required ones marked, with the accepted answers of choice columns. */
function ColumnsHelp({ kind }: { kind: ImportKind }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const required = new Set(requiredImportColumns[kind]);
  const choices = importChoices as Record<string, readonly string[]>;
  return (
    <Stack gap={4} data-testid="import-columns">
      <Text size="sm">{t(`participants.import.describe.${kind}`)}</Text>
      <List size="sm" spacing={2}>
        {importColumns(kind).map((column) => {
          const answers = choices[column];
          const hint = columnHints[column];
          return (
            <List.Item key={column}>
              <Code>{column}</Code>
              {required.has(column) && <Text span size="sm" fw={600}>{` ${t('participants.import.required')}`}</Text>}
              {answers && (
                <Text span size="sm" c="dimmed">
                  {` — ${t('participants.import.hint.choices', { values: answers.join(', ') })}`}
                </Text>
              )}
              {hint && (
                <Text span size="sm" c="dimmed">
                  {` — ${t(hint)}`}
                </Text>
              )}
            </List.Item>
          );
        })}
        {kind === 'participants' && (
          <List.Item>
            <Code>attr:…</Code>
            <Text span size="sm" c="dimmed">
              {` — ${t('participants.import.hint.attributes')}`}
            </Text>
          </List.Item>
        )}
      </List>
      <Anchor href={importTemplateUrl(kind)} download={`${kind}-template.csv`} size="sm" data-testid="import-template">
        {t('participants.import.template')}
      </Anchor>
    </Stack>
  );
}

function ImportProgressBar({ progress }: { progress: Progressing }) {
  const intl = useIntl();
  const counted = progress.phase === 'checking' || progress.phase === 'writing';
  const value = counted && progress.total > 0 ? (100 * progress.done) / progress.total : 100;
  const label = intl.formatMessage(
    { id: `participants.import.phase.${progress.phase}` },
    counted ? { done: progress.done, total: progress.total } : undefined,
  );
  return (
    <Stack gap={4} data-testid="import-progress" aria-live="polite">
      <Text size="sm">{label}</Text>
      <Progress
        value={value}
        striped={!counted}
        animated={!counted}
        aria-label={intl.formatMessage({ id: 'participants.import.progress' })}
        transitionDuration={150}
      />
    </Stack>
  );
}

function Summary({ summary, kind, title }: { summary: ImportSummary; kind: ImportKind; title: string }) {
  const intl = useIntl();
  // Enrolments only come from attendance; for participants the count is always zero.
  const counts = (['rows', 'created', 'updated', 'unchanged', 'enrolled'] as const).filter(
    (key) => key !== 'enrolled' || kind === 'attendance',
  );
  return (
    <Stack gap={4} data-testid="import-summary">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Group gap="xl">
        {counts.map((key) => (
          <div key={key}>
            <Text size="xs" c="dimmed">
              {intl.formatMessage({ id: `participants.import.summary.${key}` })}
            </Text>
            <Text fw={600} size="lg" data-testid={`import-summary-${key}`}>
              {intl.formatNumber(summary[key])}
            </Text>
          </div>
        ))}
      </Group>
    </Stack>
  );
}

/** Row, column and the translated message: a problem never carries a cell's value. */
function Problems({ result }: { result: ImportResult }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, number>) => intl.formatMessage({ id }, values);
  const more = result.problemCount - result.problems.length;
  return (
    <Stack gap="sm">
      <Alert color="orange" data-testid="import-failed">
        {t(result.mode === 'commit' ? 'participants.import.problems.commit' : 'participants.import.problems.title', {
          count: result.problemCount,
        })}
      </Alert>
      <Text size="xs" c="dimmed">
        {t('participants.import.problems.hint')}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing="xs" data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('participants.import.problems.row')}</Table.Th>
              <Table.Th>{t('participants.import.problems.column')}</Table.Th>
              <Table.Th>{t('participants.import.problems.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.problems.map((problem, index) => (
              // Two problems can share a row and column (a row-wide one, a file one): index keeps keys apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered
              <Table.Tr key={index} data-testid="import-problem">
                <Table.Td ta="right">{intl.formatNumber(problem.row)}</Table.Td>
                <Table.Td>{problem.column === null ? t('common.none') : <Code>{problem.column}</Code>}</Table.Td>
                <Table.Td>{translateMessageKey(intl, problem.message)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="sm" c="dimmed" data-testid="import-problems-more">
          {t('participants.import.problems.more', { count: more })}
        </Text>
      )}
    </Stack>
  );
}

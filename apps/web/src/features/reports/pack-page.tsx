import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReportPack, type ReportPackContent, submitPackInput } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCallback, useRef, useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { useLocale } from '../../app/locale';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TemplateExport } from '../templates/template-export';
import { ExportPanel } from './export-panel';
import { FrozenPackNote, NewVersionNote } from './frozen-pack';
import { NarrativeForm } from './narrative-form';
import { PackFigures } from './pack-figures';
import { PackStatusBadge } from './reports-tab';
import { isoToday } from './today';
import { VarianceExplanationsForm } from './variance-explanations-form';

/**
 * One report pack: its cover, the narrative (a draft until it is marked submitted), the exports,
 * and the figures every export draws, already suppressed for whoever is looking. A submitted pack
 * is shown as sent, with the files kept at submission; a new version says which pack it replaces.
 */
export function PackPage({ grantId, packId }: { grantId: string; packId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const canWrite = useCan('report.write');
  const t = (id: string) => intl.formatMessage({ id });
  const packQuery = trpc.reports.get.queryOptions({ id: packId });
  const pack = useQuery(packQuery);
  const { locale } = useLocale();
  const content = useQuery(trpc.reports.content.queryOptions({ id: packId, locale }));
  const [narrativeDirty, setNarrativeDirty] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const refreshAfterChange = async (updated: ReportPack) => {
    queryClient.setQueryData(packQuery.queryKey, updated);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reports.content.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reports.files.pathKey() }),
    ]);
  };
  const save = useMutation(
    trpc.reports.saveNarrative.mutationOptions({
      onSuccess: async (updated) => {
        await refreshAfterChange(updated);
        notifications.show({ color: 'green', message: t('reports.narrative.saved') });
      },
    }),
  );
  const onDirtyChange = useCallback((dirty: boolean) => setNarrativeDirty(dirty), []);
  const saveNarrativeRef = useRef<(() => Promise<boolean>) | null>(null);
  const [explanationsDirty, setExplanationsDirty] = useState(false);
  const onExplanationsDirtyChange = useCallback((dirty: boolean) => setExplanationsDirty(dirty), []);
  const saveExplanations = useMutation(
    trpc.reports.saveExplanations.mutationOptions({
      onSuccess: async (updated) => {
        await refreshAfterChange(updated);
        notifications.show({ color: 'green', message: t('reports.explanations.saved') });
      },
    }),
  );

  if (pack.isPending) return <Loading />;
  if (pack.isError) return <ErrorAlert error={pack.error} onReload={() => void pack.refetch()} />;
  const data = pack.data;
  const submitted = data.status === 'submitted';
  const reload = () => {
    save.reset();
    saveExplanations.reset();
    void pack.refetch();
    void content.refetch();
  };

  return (
    <Stack maw={1200}>
      <Anchor
        size="sm"
        renderRoot={(props) => (
          <Link
            {...props}
            to="/grants/$grantId"
            params={{ grantId: data.grantId || grantId }}
            search={{ tab: 'reports' }}
          />
        )}
      >
        ← {t('reports.backToGrant')}
      </Anchor>
      <Group gap="sm" wrap="wrap">
        <Title order={2} data-testid="pack-title">
          {content.data
            ? intl.formatMessage({ id: 'reports.pack.title' }, { grant: content.data.grant.title })
            : t('reports.title')}
        </Title>
        <PackStatusBadge pack={data} />
      </Group>
      {content.isPending ? (
        <Loading />
      ) : content.isError ? (
        <ErrorAlert error={content.error} onReload={() => void content.refetch()} />
      ) : (
        <Cover content={content.data} pack={data} />
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        {content.data ? (
          <ExportPanel
            packId={data.id}
            hasSf425={content.data.sf425 !== null}
            unsavedNarrative={narrativeDirty && canWrite && !submitted}
            onSaveNarrative={async () => (await saveNarrativeRef.current?.()) ?? false}
          />
        ) : (
          <div />
        )}
        {canWrite && !submitted && (
          <Button variant="light" color="green" onClick={() => setSubmitting(true)} data-testid="pack-submit">
            {t('reports.submit.button')}
          </Button>
        )}
      </Group>
      {content.data && <TemplateExport packId={data.id} grantId={data.grantId} />}
      {submitted && <FrozenPackNote pack={data} />}
      <NewVersionNote pack={data} threshold={content.data?.organization.suppressionThreshold ?? null} />
      <Paper withBorder p="md" radius="md">
        <Stack>
          <Title order={3} size="h4">
            {t('reports.narrative.title')}
          </Title>
          {save.error && <ErrorAlert error={save.error} onReload={reload} />}
          <NarrativeForm
            // Saving the explanations moves the pack's version too: the narrative being written
            // starts again only when the narrative itself changed (saved here, or by someone else).
            key={`${data.status}:${JSON.stringify(data.narrative)}`}
            pack={data}
            readOnly={!canWrite || submitted}
            saving={save.isPending}
            onDirtyChange={onDirtyChange}
            saveRef={saveNarrativeRef}
            onSave={(sections) =>
              save.mutateAsync({ id: data.id, version: data.version, sections }).then(
                () => null,
                (error: unknown) => error,
              )
            }
          />
        </Stack>
      </Paper>
      {content.data && (
        <Paper withBorder p="md" radius="md" data-testid="pack-explanations">
          <Stack>
            <Title order={3} size="h4">
              {t('reports.explanations.title')}
            </Title>
            {saveExplanations.error && <ErrorAlert error={saveExplanations.error} onReload={reload} />}
            <VarianceExplanationsForm
              key={`${data.status}:${JSON.stringify(data.varianceExplanations ?? [])}:${content.data.finance.lines.length}`}
              pack={data}
              content={content.data}
              readOnly={!canWrite || submitted}
              saving={saveExplanations.isPending}
              onDirtyChange={onExplanationsDirtyChange}
              onSave={(explanations) =>
                saveExplanations.mutateAsync({ id: data.id, version: data.version, explanations }).then(
                  () => null,
                  (error: unknown) => error,
                )
              }
            />
          </Stack>
        </Paper>
      )}
      {content.data && <PackFigures content={content.data} />}
      {submitting && (
        <SubmitModal
          pack={data}
          narrativeDirty={narrativeDirty || explanationsDirty}
          onDone={refreshAfterChange}
          onClose={() => setSubmitting(false)}
        />
      )}
    </Stack>
  );
}

function Cover({ content, pack }: { content: ReportPackContent; pack: ReportPack }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const deadline = content.deadline;
  const items: [string, string, string][] = [
    ['organisation', t('reports.cover.organisation'), content.organization.name],
    ['funder', t('reports.cover.funder'), content.grant.funder.name],
    ['grant', t('reports.cover.grant'), content.grant.title],
    ['reference', t('reports.cover.reference'), content.grant.reference ?? t('common.none')],
    ['period', t('reports.cover.period'), `${format.day(content.period.from)} – ${format.day(content.period.to)}`],
    [
      'deadline',
      t('reports.cover.deadline'),
      deadline
        ? intl.formatMessage(
            { id: deadline.submittedDate ? 'reports.cover.deadlineSubmitted' : 'reports.deadlineDue' },
            {
              kind: t(`deadlineKind.${deadline.kind}`),
              date: format.day(deadline.dueDate),
              submitted: format.day(deadline.submittedDate),
            },
          )
        : t('reports.noDeadline'),
    ],
    [
      'status',
      t('reports.cover.status'),
      pack.status === 'submitted' && pack.submittedDate
        ? intl.formatMessage({ id: 'reports.status.submittedOn' }, { date: format.day(pack.submittedDate) })
        : t(`reports.status.${pack.status}`),
    ],
    ['amount', t('reports.cover.amount'), format.money(content.grant.amountMinor, content.grant.currency)],
  ];
  return (
    <Paper withBorder p="md" radius="md" data-testid="pack-cover">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {items.map(([key, label, value]) => (
          <div key={key} data-testid={`cover-${key}`}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={500}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

interface SubmitDraft {
  submittedDate: string;
}

const submitFields = (path: string) => (path === 'submittedDate' ? (path as FieldPath<SubmitDraft>) : undefined);

/** Marking the pack as submitted to the funder, on a date (today by default). */
function SubmitModal({
  pack,
  narrativeDirty,
  onDone,
  onClose,
}: {
  pack: ReportPack;
  narrativeDirty: boolean;
  onDone: (updated: ReportPack) => Promise<void>;
  onClose: () => void;
}) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const organization = useQuery(trpc.organization.current.queryOptions());
  const today = isoToday(organization.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const form = useForm<SubmitDraft>({ defaultValues: { submittedDate: today } });
  const { inputProps } = useFieldProps(form);
  const submit = useMutation(
    trpc.reports.submit.mutationOptions({
      onSuccess: async (updated) => {
        await onDone(updated);
        // The linked deadline is now submitted: the grant's deadlines and the dashboard move.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.deadlines.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() }),
        ]);
        notifications.show({ color: 'green', message: t('reports.submit.done') });
        onClose();
      },
    }),
  );

  const onSubmit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<SubmitDraft>();
    const input = problems.check(
      submitPackInput,
      { id: pack.id, version: pack.version, submittedDate: values.submittedDate },
      submitFields,
    );
    if (problems.apply(form.setError) || !input) return;
    try {
      await submit.mutateAsync(input);
    } catch (error) {
      applyServerFieldErrors(form.setError, error, submitFields);
    }
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('reports.submit.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit} data-testid="pack-submit-form">
        <Stack>
          <Text size="sm">{t('reports.submit.explain')}</Text>
          {narrativeDirty && (
            <Alert color="orange" data-testid="pack-submit-unsaved">
              {t('reports.submit.unsaved')}
            </Alert>
          )}
          {submit.error && <ErrorAlert error={submit.error} />}
          <TextInput type="date" label={t('reports.submit.date')} required {...inputProps('submittedDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="green" loading={submit.isPending} data-testid="pack-submit-confirm">
              {t('reports.submit.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

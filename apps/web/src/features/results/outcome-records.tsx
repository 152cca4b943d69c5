import { Button, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createOutcomeInput,
  type OutcomeKind,
  type OutcomeRecord,
  outcomeKinds,
  updateOutcomeInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import { decimalForInput, parseDecimal } from './decimal';
import { useResultsInvalidation } from './use-results-invalidation';

interface OutcomeDraft {
  kind: OutcomeKind | '';
  date: string;
  activityId: string;
  scoreBefore: string;
  scoreAfter: string;
  description: string;
}

const outcomeFields: readonly string[] = ['kind', 'date', 'activityId', 'scoreBefore', 'scoreAfter', 'description'];
const fieldFor = (path: string) => (outcomeFields.includes(path) ? (path as FieldPath<OutcomeDraft>) : undefined);

/**
 * A participant's outcome records (work found, a certificate, a pre/post score…), on their record
 * page. Only admins and coordinators reach this page; the records feed the outcome indicators.
 */
export function OutcomeRecords({ participantId, erased }: { participantId: string; erased: boolean }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('participant.write') && !erased;
  const invalidate = useResultsInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const outcomes = useQuery(trpc.outcomes.list.queryOptions({ participantId }));
  const [editing, setEditing] = useState<OutcomeRecord | 'new' | null>(null);
  const remove = useMutation(
    trpc.outcomes.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate.outcomes();
        notifications.show({ color: 'green', message: t('results.outcome.removed') });
      },
    }),
  );

  return (
    <Stack gap="xs" data-testid="outcome-records">
      <TabHeader title={t('results.outcome.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="outcome-add">
            {t('results.outcome.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} onReload={() => void outcomes.refetch()} />}
      {outcomes.isPending ? (
        <Loading />
      ) : outcomes.isError ? (
        <ErrorAlert error={outcomes.error} onReload={() => void outcomes.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('results.outcome.date')}</Table.Th>
                <Table.Th>{t('results.outcome.kind')}</Table.Th>
                <Table.Th>{t('results.outcome.activity')}</Table.Th>
                <Table.Th ta="right">{t('results.outcome.scores')}</Table.Th>
                <Table.Th>{t('results.outcome.description')}</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcomes.data.map((o) => (
                <Table.Tr key={o.id} data-testid="outcome-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.day(o.date)}</Table.Td>
                  <Table.Td>{t(`results.outcomeKind.${o.kind}`)}</Table.Td>
                  <Table.Td>{o.activityTitle ?? ''}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {o.scoreBefore !== null && o.scoreAfter !== null
                      ? `${format.number(o.scoreBefore)} → ${format.number(o.scoreAfter)}`
                      : ''}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {o.description}
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <RowActions
                      onEdit={() => setEditing(o)}
                      onRemove={() => remove.mutate({ id: o.id, version: o.version })}
                      removing={remove.isPending && remove.variables?.id === o.id}
                      confirmMessage={t('results.outcome.removeConfirm')}
                    />
                  )}
                </Table.Tr>
              ))}
              {outcomes.data.length === 0 && (
                <TableEmptyRow colSpan={canWrite ? 6 : 5}>{t('results.outcome.empty')}</TableEmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <OutcomeModal
          participantId={participantId}
          outcome={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function OutcomeModal({
  participantId,
  outcome,
  onClose,
}: {
  participantId: string;
  outcome: OutcomeRecord | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useResultsInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const mark = format.decimalMark;
  const form = useForm<OutcomeDraft>({
    defaultValues: {
      kind: outcome?.kind ?? '',
      date: outcome?.date ?? '',
      activityId: outcome?.activityId ?? '',
      scoreBefore: decimalForInput(outcome?.scoreBefore, mark),
      scoreAfter: decimalForInput(outcome?.scoreAfter, mark),
      description: outcome?.description ?? '',
    },
  });
  const { inputProps, error } = useFieldProps(form);
  const activities = useQuery(trpc.activities.list.queryOptions({ limit: 500 }));
  const done = async () => {
    await invalidate.outcomes();
    notifications.show({ color: 'green', message: t('results.outcome.saved') });
    onClose();
  };
  const create = useMutation(trpc.outcomes.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.outcomes.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const kind = form.watch('kind');

  const submit = form.handleSubmit(async (draft) => {
    const problems = new FormProblems<OutcomeDraft>();
    const isScore = draft.kind === 'score';
    const fields = {
      activityId: draft.activityId || null,
      kind: draft.kind || undefined,
      date: draft.date,
      scoreBefore: isScore ? parseDecimal(draft.scoreBefore, mark) : null,
      scoreAfter: isScore ? parseDecimal(draft.scoreAfter, mark) : null,
      description: draft.description,
    };
    try {
      if (outcome) {
        const input = problems.check(
          updateOutcomeInput,
          { ...fields, id: outcome.id, version: outcome.version },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const input = problems.check(createOutcomeInput, { ...fields, participantId }, fieldFor);
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
    }
  });

  return (
    <FormModal
      title={t(outcome ? 'results.outcome.edit' : 'results.outcome.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="outcome-form"
      submitTestId="outcome-save"
      submitting={create.isPending || update.isPending}
    >
      {failure && (
        <ErrorAlert
          error={failure}
          onReload={() => {
            void invalidate.outcomes();
            onClose();
          }}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('results.outcome.kind')}
              required
              allowDeselect={false}
              data={outcomeKinds.map((k) => ({ value: k, label: t(`results.outcomeKind.${k}`) }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('kind')}
              comboboxProps={{ withinPortal: true }}
              data-testid="outcome-kind"
            />
          )}
        />
        <TextInput type="date" label={t('results.outcome.date')} required {...inputProps('date')} />
      </SimpleGrid>
      <Controller
        control={form.control}
        name="activityId"
        render={({ field }) => (
          <Select
            label={t('results.outcome.activity')}
            description={t('results.outcome.activityHint')}
            clearable
            searchable
            data={(activities.data?.items ?? []).map((a) => ({
              value: a.id,
              label: a.reference ? `${a.title} (${a.reference})` : a.title,
            }))}
            value={field.value || null}
            onChange={(value) => field.onChange(value ?? '')}
            onBlur={field.onBlur}
            ref={field.ref}
            name={field.name}
            error={error('activityId')}
            nothingFoundMessage={t('common.noResults')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      {kind === 'score' && (
        <SimpleGrid cols={2}>
          <TextInput
            label={t('results.outcome.scoreBefore')}
            required
            inputMode="decimal"
            {...inputProps('scoreBefore')}
          />
          <TextInput
            label={t('results.outcome.scoreAfter')}
            required
            inputMode="decimal"
            {...inputProps('scoreAfter')}
          />
        </SimpleGrid>
      )}
      <Textarea
        label={t('results.outcome.description')}
        description={t('results.outcome.descriptionHint')}
        autosize
        minRows={2}
        maxLength={300}
        {...inputProps('description')}
      />
    </FormModal>
  );
}

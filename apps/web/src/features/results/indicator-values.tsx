import { Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Indicator, type IndicatorValue, indicatorValueInput, type ShownIndicatorValue } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { SuppressedFootnote } from '../../components/suppressed';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { exactCount } from '../programme/shown';
import { decimalForInput, parseDecimal } from './decimal';
import { useResultsFormat } from './use-results-format';
import { useResultsInvalidation } from './use-results-invalidation';

interface ValueDraft {
  periodStart: string;
  periodEnd: string;
  value: string;
  numerator: string;
  denominator: string;
  comment: string;
}

const valueFields: readonly string[] = ['periodStart', 'periodEnd', 'value', 'numerator', 'denominator', 'comment'];
const fieldFor = (path: string) => (valueFields.includes(path) ? (path as FieldPath<ValueDraft>) : undefined);

/** A listed value as its edit form takes it: only roles that see values exactly may edit them. */
function editable(v: ShownIndicatorValue, indicator: Indicator): IndicatorValue {
  return {
    ...v,
    value: indicator.type === 'percentage' ? null : exactCount(v.value),
    numerator: exactCount(v.numerator),
    denominator: exactCount(v.denominator),
  };
}

/**
 * The hand-entered values of a manual indicator, one per period: a number, or for a percentage
 * the two counts it is worked out from. Saving a period that has a value replaces it. Finance
 * and viewers get small counts of people hidden behind the mark "x", as in the results view.
 */
export function IndicatorValuesModal({ indicator, onClose }: { indicator: Indicator; onClose: () => void }) {
  const intl = useIntl();
  const rf = useResultsFormat();
  const canWrite = useCan('results.write');
  const invalidate = useResultsInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const values = useQuery(trpc.indicators.values.queryOptions({ indicatorId: indicator.id }));
  const [editing, setEditing] = useState<IndicatorValue | 'new' | null>(null);
  const remove = useMutation(
    trpc.indicators.deleteValue.mutationOptions({
      onSuccess: async () => {
        await invalidate.indicators();
        notifications.show({ color: 'green', message: t('results.values.removed') });
      },
    }),
  );
  const isPercentage = indicator.type === 'percentage';

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
      size="xl"
      title={intl.formatMessage({ id: 'results.values.title' }, { code: indicator.code, name: indicator.name })}
    >
      <Stack data-testid="indicator-values">
        {remove.error && <ErrorAlert error={remove.error} onReload={() => void values.refetch()} />}
        {values.isPending ? (
          <Loading />
        ) : values.isError ? (
          <ErrorAlert error={values.error} onReload={() => void values.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('results.column.period')}</Table.Th>
                  <Table.Th ta="right">{t('results.column.value')}</Table.Th>
                  {isPercentage && <Table.Th ta="right">{t('results.values.counts')}</Table.Th>}
                  <Table.Th>{t('results.field.comment')}</Table.Th>
                  {canWrite && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.data.map((v) => {
                  return (
                    <Table.Tr key={v.id} data-testid="indicator-value-row">
                      <Table.Td>{rf.period(v.periodStart, v.periodEnd)}</Table.Td>
                      <Table.Td ta="right">{rf.shown(v.value, indicator.type)}</Table.Td>
                      {isPercentage && (
                        <Table.Td ta="right">
                          {v.numerator !== null && v.denominator !== null ? (
                            <>
                              {rf.shown(v.numerator, 'number')} / {rf.shown(v.denominator, 'number')}
                            </>
                          ) : (
                            rf.dash
                          )}
                        </Table.Td>
                      )}
                      <Table.Td>{v.comment}</Table.Td>
                      {canWrite && (
                        <RowActions
                          onEdit={() => setEditing(editable(v, indicator))}
                          onRemove={() => remove.mutate({ id: v.id, version: v.version })}
                          removing={remove.isPending && remove.variables?.id === v.id}
                          confirmMessage={t('results.values.removeConfirm')}
                        />
                      )}
                    </Table.Tr>
                  );
                })}
                {values.data.length === 0 && (
                  <TableEmptyRow colSpan={canWrite ? 5 : 4}>{t('results.values.empty')}</TableEmptyRow>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {values.data?.some((v) => v.value?.suppressed) && <SuppressedFootnote />}
        {canWrite && editing === null && (
          <Group>
            <Button size="xs" onClick={() => setEditing('new')} data-testid="indicator-value-add">
              {t('results.values.add')}
            </Button>
          </Group>
        )}
        {canWrite && editing !== null && (
          <ValueForm
            key={editing === 'new' ? 'new' : editing.id}
            indicator={indicator}
            value={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Stack>
    </Modal>
  );
}

function ValueForm({
  indicator,
  value,
  onDone,
}: {
  indicator: Indicator;
  value: IndicatorValue | null;
  onDone: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const rf = useResultsFormat();
  const invalidate = useResultsInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const mark = format.decimalMark;
  const form = useForm<ValueDraft>({
    defaultValues: {
      periodStart: value?.periodStart ?? '',
      periodEnd: value?.periodEnd ?? '',
      value: decimalForInput(value?.value, mark),
      numerator: decimalForInput(value?.numerator, mark),
      denominator: decimalForInput(value?.denominator, mark),
      comment: value?.comment ?? '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const save = useMutation(
    trpc.indicators.setValue.mutationOptions({
      onSuccess: async () => {
        await invalidate.indicators();
        notifications.show({ color: 'green', message: t('common.saved') });
        onDone();
      },
    }),
  );
  const isPercentage = indicator.type === 'percentage';

  const submit = form.handleSubmit(async (draft) => {
    const problems = new FormProblems<ValueDraft>();
    if (isPercentage && draft.numerator.trim() === '' && draft.denominator.trim() === '') {
      problems.problems.push(['numerator', 'validation.required']);
    }
    const input = problems.check(
      indicatorValueInput,
      {
        indicatorId: indicator.id,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        value: isPercentage ? null : parseDecimal(draft.value, mark),
        // A percentage is kept as its two counts, so several periods add up correctly.
        numerator: isPercentage ? parseDecimal(draft.numerator, mark) : null,
        denominator: isPercentage ? parseDecimal(draft.denominator, mark) : null,
        comment: draft.comment,
      },
      fieldFor,
    );
    if (problems.apply(form.setError) || !input) return;
    try {
      await save.mutateAsync(input);
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
    }
  });

  // The indicator's target periods, to fill the dates in one go.
  const periodChoices = indicator.targets.map((target) => ({
    value: `${target.periodStart}/${target.periodEnd}`,
    label: rf.period(target.periodStart, target.periodEnd),
  }));

  return (
    <Paper withBorder p="md" radius="md">
      <form noValidate onSubmit={submit} data-testid="indicator-value-form">
        <Stack gap="sm">
          <Title order={4} size="h5">
            {t(value ? 'results.values.edit' : 'results.values.add')}
          </Title>
          {save.error && <ErrorAlert error={save.error} />}
          {value ? (
            <Text size="sm">{rf.period(value.periodStart, value.periodEnd)}</Text>
          ) : (
            <>
              {periodChoices.length > 0 && (
                <Select
                  label={t('results.values.targetPeriod')}
                  placeholder={t('results.values.targetPeriodHint')}
                  data={periodChoices}
                  clearable
                  onChange={(choice) => {
                    if (!choice) return;
                    const [start = '', end = ''] = choice.split('/');
                    form.setValue('periodStart', start);
                    form.setValue('periodEnd', end);
                  }}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
              <SimpleGrid cols={2}>
                <TextInput type="date" label={t('results.field.periodStart')} required {...inputProps('periodStart')} />
                <TextInput type="date" label={t('results.field.periodEnd')} required {...inputProps('periodEnd')} />
              </SimpleGrid>
            </>
          )}
          {isPercentage ? (
            <SimpleGrid cols={2}>
              <TextInput
                label={t('results.values.numerator')}
                inputMode="decimal"
                required
                {...inputProps('numerator')}
              />
              <TextInput
                label={t('results.values.denominator')}
                inputMode="decimal"
                required
                {...inputProps('denominator')}
              />
            </SimpleGrid>
          ) : (
            <TextInput label={t('results.column.value')} inputMode="decimal" required {...inputProps('value')} />
          )}
          <TextInput label={t('results.field.comment')} {...inputProps('comment')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="indicator-value-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import {
  ActionIcon,
  Alert,
  Button,
  Drawer,
  Fieldset,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  activityKinds,
  createIndicatorInput,
  type Indicator,
  indicatorDirections,
  indicatorLevels,
  indicatorTypes,
  type Measure,
  measures,
  outcomeKinds,
  outputKinds,
  updateIndicatorInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ConfirmRemoveButton } from '../../components/confirm-remove-button';
import { ErrorAlert } from '../../components/error-alert';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import {
  draftFieldFor,
  draftToInput,
  emptyIndicatorDraft,
  type IndicatorDraft,
  indicatorToDraft,
} from './indicator-draft';
import { applicableDisaggregations, applicableFilters, type IndicatorOwner } from './measure-filters';
import type { ResultsOwner } from './results-owner';
import { useResultsInvalidation } from './use-results-invalidation';

const fieldFor = (path: string) => draftFieldFor(path) as FieldPath<IndicatorDraft> | undefined;

/**
 * Creating or editing one indicator of the logframe, in a drawer beside the list: every field of
 * the shared schema, with the measure pickers of a derived indicator showing only the filters
 * their measure honours. Checked with the API's schema first; the server's field errors (such as
 * `numerator.filter.projectId`) land on the same fields.
 */
export function IndicatorDrawer({
  owner,
  indicator,
  onClose,
}: {
  owner: ResultsOwner;
  indicator: Indicator | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={t(indicator ? 'results.indicator.edit' : 'results.indicator.add')}
    >
      <IndicatorForm owner={owner} indicator={indicator} onClose={onClose} />
    </Drawer>
  );
}

function IndicatorForm({
  owner,
  indicator,
  onClose,
}: {
  owner: ResultsOwner;
  indicator: Indicator | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useResultsInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<IndicatorDraft>({
    defaultValues: indicator ? indicatorToDraft(indicator, format.decimalMark) : emptyIndicatorDraft(),
  });
  const { inputProps, error } = useFieldProps(form);
  const targets = useFieldArray({ control: form.control, name: 'targets' });
  const [unplaced, setUnplaced] = useState(false);
  const scope = {
    projectId: owner.kind === 'project' ? owner.id : null,
    grantId: owner.kind === 'grant' ? owner.id : null,
  };
  const done = async (message: string) => {
    await invalidate.indicators();
    notifications.show({ color: 'green', message });
    onClose();
  };
  const create = useMutation(
    trpc.indicators.create.mutationOptions({ onSuccess: () => done(t('results.indicator.saved')) }),
  );
  const update = useMutation(
    trpc.indicators.update.mutationOptions({ onSuccess: () => done(t('results.indicator.saved')) }),
  );
  const remove = useMutation(
    trpc.indicators.delete.mutationOptions({ onSuccess: () => done(t('results.indicator.removed')) }),
  );
  const failure = create.error ?? update.error ?? remove.error;

  const source = form.watch('source');
  const type = form.watch('type');
  const numeratorMeasure = form.watch('numerator.measure');
  const splits = applicableDisaggregations(source, source === 'derived' ? numeratorMeasure : '');

  const submit = form.handleSubmit(async (values) => {
    setUnplaced(false);
    const problems = new FormProblems<IndicatorDraft>();
    const fields = draftToInput(values, scope, format.decimalMark);
    // A problem with no field of its own (the scope, too many rows) still needs saying.
    const refuse = () => {
      if (!problems.apply(form.setError)) setUnplaced(true);
    };
    try {
      if (indicator) {
        const input = problems.check(
          updateIndicatorInput,
          { ...fields, id: indicator.id, version: indicator.version },
          fieldFor,
        );
        if (!input) return refuse();
        await update.mutateAsync(input);
      } else {
        const input = problems.check(createIndicatorInput, fields, fieldFor);
        if (!input) return refuse();
        await create.mutateAsync(input);
      }
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
    }
  });

  const options = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <form noValidate onSubmit={submit} data-testid="indicator-form">
      <Stack>
        {failure && (
          <ErrorAlert
            error={failure}
            onReload={async () => {
              await invalidate.indicators();
              onClose();
            }}
          />
        )}
        {unplaced && (
          <Alert color="orange" role="alert">
            {t('error.VALIDATION')}
          </Alert>
        )}
        <Fieldset legend={t('results.indicator.section.statement')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Controller
                control={form.control}
                name="level"
                render={({ field }) => (
                  <Select
                    label={t('results.field.level')}
                    required
                    allowDeselect={false}
                    data={options(indicatorLevels, 'results.level')}
                    value={field.value || null}
                    onChange={(value) => field.onChange(value ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={error('level')}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="indicator-level"
                  />
                )}
              />
              <TextInput label={t('results.field.code')} required maxLength={20} {...inputProps('code')} />
              <TextInput label={t('results.field.unit')} required maxLength={50} {...inputProps('unit')} />
            </SimpleGrid>
            <TextInput label={t('results.field.name')} required {...inputProps('name')} />
            <Textarea
              label={t('results.field.resultStatement')}
              description={t('results.field.resultStatementHint')}
              autosize
              minRows={2}
              {...inputProps('resultStatement')}
            />
            <Textarea label={t('results.field.definition')} autosize minRows={2} {...inputProps('definition')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Controller
                control={form.control}
                name="type"
                render={({ field }) => (
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {t('results.field.type')}
                    </Text>
                    <SegmentedControl
                      data={options(indicatorTypes, 'results.type')}
                      value={field.value}
                      onChange={(value) => field.onChange(value)}
                      data-testid="indicator-type"
                    />
                  </Stack>
                )}
              />
              <Controller
                control={form.control}
                name="direction"
                render={({ field }) => (
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {t('results.field.direction')}
                    </Text>
                    <SegmentedControl
                      data={options(indicatorDirections, 'results.direction')}
                      value={field.value}
                      onChange={(value) => field.onChange(value)}
                    />
                  </Stack>
                )}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('results.indicator.section.baseline')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('results.field.baselineValue')}
                inputMode="decimal"
                {...inputProps('baselineValue')}
              />
              <TextInput
                label={t('results.field.baselineYear')}
                inputMode="numeric"
                maxLength={4}
                {...inputProps('baselineYear')}
              />
              <TextInput
                label={t('results.field.lifeTarget')}
                inputMode="decimal"
                {...inputProps('lifeTarget')}
                data-testid="indicator-life-target"
              />
            </SimpleGrid>
            <TextInput label={t('results.field.baselineComment')} {...inputProps('baselineComment')} />
            <Text size="sm" fw={500}>
              {t('results.field.targets')}
            </Text>
            {targets.fields.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('results.targets.none')}
              </Text>
            )}
            {targets.fields.map((row, index) => (
              <Group key={row.id} align="flex-start" gap="xs" wrap="nowrap" data-testid="indicator-target-row">
                <TextInput
                  type="date"
                  label={t('results.field.periodStart')}
                  required
                  style={{ flex: 1 }}
                  {...inputProps(`targets.${index}.periodStart`)}
                />
                <TextInput
                  type="date"
                  label={t('results.field.periodEnd')}
                  required
                  style={{ flex: 1 }}
                  {...inputProps(`targets.${index}.periodEnd`)}
                />
                <TextInput
                  label={t('results.field.target')}
                  required
                  inputMode="decimal"
                  style={{ flex: 1 }}
                  {...inputProps(`targets.${index}.target`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  onClick={() => targets.remove(index)}
                  aria-label={t('results.targets.remove')}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() => targets.append({ periodStart: '', periodEnd: '', target: '' })}
                data-testid="indicator-add-target"
              >
                {t('results.targets.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('results.indicator.section.source')}>
          <Stack gap="sm">
            <Controller
              control={form.control}
              name="source"
              render={({ field }) => (
                <SegmentedControl
                  data={options(['derived', 'manual'], 'results.source')}
                  value={field.value}
                  onChange={(value) => field.onChange(value)}
                  data-testid="indicator-source"
                />
              )}
            />
            <Text size="xs" c="dimmed">
              {t(source === 'derived' ? 'results.source.derivedHint' : 'results.source.manualHint')}
            </Text>
            {source === 'derived' && (
              <>
                <MeasurePicker
                  form={form}
                  name="numerator"
                  label={t(type === 'percentage' ? 'results.field.numerator' : 'results.field.measure')}
                  owner={owner}
                />
                {type === 'percentage' && (
                  <MeasurePicker form={form} name="denominator" label={t('results.field.denominator')} owner={owner} />
                )}
              </>
            )}
            <Controller
              control={form.control}
              name="disaggregation"
              render={({ field }) => (
                <MultiSelect
                  label={t('results.field.disaggregation')}
                  description={
                    source === 'derived' && splits.length < 3
                      ? t('results.field.disaggregationActivityHint')
                      : undefined
                  }
                  data={options(splits, 'results.dimension')}
                  value={field.value.filter((d) => splits.includes(d))}
                  onChange={(value) => field.onChange(value)}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  name={field.name}
                  error={error('disaggregation')}
                  comboboxProps={{ withinPortal: true }}
                  clearable
                />
              )}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('results.indicator.section.verification')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('results.field.dataSource')} {...inputProps('dataSource')} />
            <TextInput label={t('results.field.collectionMethod')} {...inputProps('collectionMethod')} />
            <TextInput label={t('results.field.frequency')} {...inputProps('frequency')} />
            <TextInput label={t('results.field.responsible')} {...inputProps('responsible')} />
          </SimpleGrid>
        </Fieldset>

        <Group justify="space-between" wrap="wrap">
          <Group>
            {indicator && (
              <ConfirmRemoveButton
                label={t('results.indicator.remove')}
                confirm={intl.formatMessage({ id: 'results.indicator.removeConfirm' }, { code: indicator.code })}
                loading={remove.isPending}
                onConfirm={() => remove.mutate({ id: indicator.id, version: indicator.version })}
                testId="indicator-delete"
              />
            )}
          </Group>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="indicator-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** A derived measure and the filters that apply to it (see measure-filters.ts). */
function MeasurePicker({
  form,
  name,
  label,
  owner,
}: {
  form: ReturnType<typeof useForm<IndicatorDraft>>;
  name: 'numerator' | 'denominator';
  label: string;
  owner: ResultsOwner;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { inputProps, error } = useFieldProps(form);
  const measure = form.watch(`${name}.measure`);
  const ownerKind: IndicatorOwner = owner.kind;
  const shown = new Set(applicableFilters(measure, ownerKind));
  // A grant's indicator may count one of the projects the grant funds.
  const projects = useQuery({ ...trpc.projects.list.queryOptions(), enabled: shown.has('projectId') });
  const grantProjects = (projects.data ?? []).filter((p) => p.grants.some((g) => g.grantId === owner.id));
  const choice = (
    field: 'activityKind' | 'projectId' | 'outputKind' | 'outcomeKind',
    data: { value: string; label: string }[],
  ) => (
    <Controller
      control={form.control}
      name={`${name}.filter.${field}`}
      render={({ field: f }) => (
        <Select
          label={t(`results.filter.${field}`)}
          placeholder={t('results.filter.any')}
          clearable
          data={data}
          value={f.value || null}
          onChange={(value) => f.onChange(value ?? '')}
          onBlur={f.onBlur}
          ref={f.ref}
          name={f.name}
          error={error(`${name}.filter.${field}`)}
          comboboxProps={{ withinPortal: true }}
          data-testid={`${name}-filter-${field}`}
        />
      )}
    />
  );
  const labelled = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <Stack gap="xs" data-testid={`measure-${name}`}>
      <Controller
        control={form.control}
        name={`${name}.measure`}
        render={({ field }) => (
          <Select
            label={label}
            required
            allowDeselect={false}
            data={labelled(measures, 'results.measure')}
            value={field.value || null}
            onChange={(value) => field.onChange((value ?? '') as Measure | '')}
            onBlur={field.onBlur}
            ref={field.ref}
            name={field.name}
            error={error(`${name}.measure`)}
            description={measure ? t(`results.measureHint.${measure}`) : undefined}
            comboboxProps={{ withinPortal: true }}
            data-testid={`${name}-measure`}
          />
        )}
      />
      {shown.size > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {shown.has('activityKind') && choice('activityKind', labelled(activityKinds, 'programme.activityKind'))}
          {shown.has('projectId') &&
            choice(
              'projectId',
              grantProjects.map((p) => ({ value: p.id, label: p.title })),
            )}
          {shown.has('city') && (
            <TextInput
              label={t('results.filter.city')}
              placeholder={t('results.filter.any')}
              {...inputProps(`${name}.filter.city`)}
            />
          )}
          {shown.has('outputKind') && choice('outputKind', labelled(outputKinds, 'programme.outputKind'))}
          {shown.has('outcomeKind') && choice('outcomeKind', labelled(outcomeKinds, 'results.outcomeKind'))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

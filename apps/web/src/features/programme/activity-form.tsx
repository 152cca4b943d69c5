import { Radio, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import {
  type Activity,
  type ActivityKind,
  type AttendanceMode,
  activityKinds,
  attendanceModes,
  type CreateActivityInput,
  createActivityInput,
} from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { PageForm } from '../../components/page-form';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { minutesForInput, parseHours } from './hours';

export interface ActivityFormValues {
  projectId: string;
  kind: ActivityKind | '';
  title: string;
  reference: string;
  city: string;
  startDate: string;
  endDate: string;
  /** Typed as hours ("80", "2.5", "2:30"); sent as plannedMinutes. */
  plannedHours: string;
  /** Percent, typed as text. */
  completionThreshold: string;
  attendanceMode: AttendanceMode;
  description: string;
}

export function emptyActivity(projectId = ''): ActivityFormValues {
  return {
    projectId,
    kind: '',
    title: '',
    reference: '',
    city: '',
    startDate: '',
    endDate: '',
    plannedHours: '',
    completionThreshold: '80',
    attendanceMode: 'register',
    description: '',
  };
}

export function activityToFormValues(activity: Activity): ActivityFormValues {
  return {
    projectId: activity.projectId,
    kind: activity.kind,
    title: activity.title,
    reference: activity.reference ?? '',
    city: activity.city ?? '',
    startDate: activity.startDate,
    endDate: activity.endDate,
    plannedHours: minutesForInput(activity.plannedMinutes),
    completionThreshold: String(activity.completionThreshold),
    attendanceMode: activity.attendanceMode,
    description: activity.description ?? '',
  };
}

/** API field names → form field names (planned hours are typed as hours, kept as minutes). */
function fieldFor(path: string): FieldPath<ActivityFormValues> | undefined {
  if (path === 'plannedMinutes') return 'plannedHours';
  return path in emptyActivity() ? (path as FieldPath<ActivityFormValues>) : undefined;
}

/** Text typed into a number box: a whole number, or NaN so the schema names the problem. */
function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * An activity's fields. Planned hours are typed as hours and sent as minutes; the result is
 * checked with the API's own schema before it is sent. `onSubmit` resolves to the server's error
 * (or null) so field errors land on the right inputs.
 */
export function ActivityForm({
  defaultValues,
  readOnly,
  submitting,
  submitLabel,
  onSubmit,
  actions,
}: {
  defaultValues: ActivityFormValues;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (input: CreateActivityInput) => Promise<unknown>;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<ActivityFormValues>({ defaultValues });
  const { inputProps, error } = useFieldProps(form);
  const projects = useQuery(trpc.projects.list.queryOptions());

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<ActivityFormValues>();
    const plannedMinutes = parseHours(values.plannedHours);
    if (plannedMinutes === null) {
      problems.problems.push([
        'plannedHours',
        values.plannedHours.trim() ? 'validation.invalidNumber' : 'validation.required',
      ]);
    }
    const input = problems.check(
      createActivityInput,
      {
        projectId: values.projectId,
        kind: values.kind || undefined,
        title: values.title,
        reference: values.reference,
        city: values.city,
        startDate: values.startDate,
        endDate: values.endDate,
        plannedMinutes: plannedMinutes ?? 0,
        completionThreshold: wholeNumber(values.completionThreshold),
        attendanceMode: values.attendanceMode,
        description: values.description,
      },
      fieldFor,
    );
    if (problems.apply(form.setError) || !input) return;
    const failure = await onSubmit(input);
    applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  return (
    <PageForm
      onSubmit={submit}
      testId="activity-form"
      readOnly={readOnly}
      submitting={submitting}
      submitLabel={submitLabel}
      submitTestId="activity-save"
      actions={actions}
    >
      <TextInput label={t('programme.activities.field.title')} required {...inputProps('title')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={form.control}
          name="projectId"
          render={({ field }) => (
            <Select
              label={t('programme.activities.field.project')}
              required
              searchable
              data={(projects.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('projectId')}
              nothingFoundMessage={t('common.noResults')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('programme.activities.field.kind')}
              required
              allowDeselect={false}
              data={activityKinds.map((kind) => ({ value: kind, label: t(`programme.activityKind.${kind}`) }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('kind')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <TextInput
          label={t('programme.activities.field.reference')}
          description={t('programme.activities.field.referenceHint')}
          maxLength={40}
          {...inputProps('reference')}
        />
        <TextInput label={t('programme.activities.field.city')} {...inputProps('city')} />
        <TextInput type="date" label={t('programme.field.startDate')} required {...inputProps('startDate')} />
        <TextInput type="date" label={t('programme.field.endDate')} required {...inputProps('endDate')} />
        <TextInput
          label={t('programme.activities.field.plannedHours')}
          description={t('programme.activities.field.plannedHoursHint')}
          required
          inputMode="decimal"
          {...inputProps('plannedHours')}
        />
        <TextInput
          label={t('programme.activities.field.completionThreshold')}
          description={t('programme.activities.field.completionThresholdHint')}
          required
          inputMode="numeric"
          rightSection="%"
          {...inputProps('completionThreshold')}
        />
      </SimpleGrid>
      <Controller
        control={form.control}
        name="attendanceMode"
        render={({ field }) => (
          <Radio.Group
            label={t('programme.activities.field.attendanceMode')}
            value={field.value}
            onChange={(value) => field.onChange(value as AttendanceMode)}
            name={field.name}
            error={error('attendanceMode')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {attendanceModes.map((mode) => (
                <Radio
                  key={mode}
                  value={mode}
                  label={t(`programme.attendanceMode.${mode}`)}
                  description={t(`programme.attendanceMode.${mode}.hint`)}
                  data-testid={`attendance-mode-${mode}`}
                />
              ))}
            </SimpleGrid>
          </Radio.Group>
        )}
      />
      <Textarea
        label={t('programme.activities.field.description')}
        autosize
        minRows={2}
        maxRows={10}
        {...inputProps('description')}
      />
    </PageForm>
  );
}

import { Alert, Checkbox, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type ShownActivitySession,
  createSessionInput,
  generateSessions,
  generateSessionsInput,
  isoDateSchema,
  updateSessionInput,
  type Weekday,
  weekdays,
} from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { Controller, type FieldPath, type FieldValues, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import type { ActivityDetail } from './activity-overview-tab';
import { minutesForInput, parseHours } from './hours';
import { useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';

interface SessionFormValues {
  date: string;
  /** 'HH:MM' from the time box; empty when not known. */
  startTime: string;
  /** Typed as hours ("2:30", "2.5"); sent as minutes. */
  length: string;
  module: string;
  note: string;
}

const sessionField = (path: string): FieldPath<SessionFormValues> | undefined =>
  path === 'minutes' ? 'length' : ['date', 'startTime', 'module', 'note'].includes(path) ? (path as 'date') : undefined;

/** Hours typed into a box, or a problem noted against that box. */
function readHours<T extends FieldValues>(problems: FormProblems<T>, field: FieldPath<T>, text: string): number {
  const minutes = parseHours(text);
  if (minutes === null)
    problems.problems.push([field, text.trim() ? 'validation.invalidNumber' : 'validation.required']);
  return minutes ?? 0;
}

/** Adds one session, or edits one (date, length, module, note). */
export function SessionModal({
  activity,
  session,
  onClose,
}: {
  activity: ActivityDetail;
  session: ShownActivitySession | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<SessionFormValues>({
    defaultValues: {
      date: session?.date ?? '',
      startTime: session?.startTime ?? '',
      length: session ? minutesForInput(session.minutes) : '',
      module: session?.module ?? '',
      note: session?.note ?? '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const done = async () => {
    await invalidate.sessions();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  const create = useMutation(trpc.sessions.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.sessions.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<SessionFormValues>();
    const minutes = readHours(problems, 'length', values.length);
    const fields = {
      date: values.date,
      startTime: values.startTime,
      minutes,
      module: values.module,
      note: values.note,
    };
    try {
      if (session) {
        const input = problems.check(
          updateSessionInput,
          { ...fields, id: session.id, version: session.version },
          sessionField,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const input = problems.check(createSessionInput, { ...fields, activityId: activity.id }, sessionField);
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (error) {
      applyServerFieldErrors(form.setError, error, sessionField);
    }
  });

  return (
    <FormModal
      title={t(session ? 'programme.sessions.edit' : 'programme.sessions.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="session-form"
      submitTestId="session-save"
      submitting={create.isPending || update.isPending}
    >
      {failure && (
        <ErrorAlert
          error={failure}
          onReload={() => {
            void invalidate.sessions();
            onClose();
          }}
        />
      )}
      <SimpleGrid cols={2}>
        <TextInput
          type="date"
          label={t('programme.sessions.field.date')}
          required
          min={activity.startDate}
          max={activity.endDate}
          {...inputProps('date')}
        />
        <TextInput
          type="time"
          label={t('programme.sessions.field.startTime')}
          {...inputProps('startTime')}
          data-testid="session-start-time"
        />
      </SimpleGrid>
      <TextInput
        label={t('programme.sessions.field.length')}
        description={t('programme.hoursHint')}
        required
        inputMode="decimal"
        {...inputProps('length')}
      />
      <TextInput label={t('programme.sessions.field.module')} {...inputProps('module')} />
      <Textarea label={t('programme.sessions.field.note')} autosize minRows={2} {...inputProps('note')} />
    </FormModal>
  );
}

interface GenerateFormValues {
  startDate: string;
  weeks: string;
  days: Weekday[];
  hours: string;
  startTime: string;
  module: string;
}

const generateField = (path: string): FieldPath<GenerateFormValues> | undefined => {
  if (path === 'minutesPerSession') return 'hours';
  if (path.startsWith('days')) return 'days';
  return ['startDate', 'weeks', 'startTime', 'module'].includes(path) ? (path as 'startDate') : undefined;
};

/**
 * "8 weeks, Mon and Wed, 5 hours": previews how many sessions and hours the schedule gives (with
 * the domain's own generator) and creates them all at once; each stays editable after.
 */
export function GenerateSessionsModal({
  activity,
  onClose,
  onGenerated,
}: {
  activity: ActivityDetail;
  onClose: () => void;
  onGenerated: (result: { created: number; minutes: number }) => void;
}) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<GenerateFormValues>({
    defaultValues: { startDate: activity.startDate, weeks: '', days: [], hours: '', startTime: '', module: '' },
  });
  const { inputProps, error } = useFieldProps(form);
  const generate = useMutation(
    trpc.sessions.generate.mutationOptions({
      onSuccess: async (result) => {
        await invalidate.sessions();
        onGenerated(result);
        onClose();
      },
    }),
  );

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<GenerateFormValues>();
    const minutesPerSession = readHours(problems, 'hours', values.hours);
    const input = problems.check(
      generateSessionsInput,
      {
        activityId: activity.id,
        startDate: values.startDate,
        weeks: /^\s*\d+\s*$/.test(values.weeks) ? Number(values.weeks) : Number.NaN,
        days: values.days,
        minutesPerSession,
        startTime: values.startTime,
        module: values.module,
      },
      generateField,
    );
    if (problems.apply(form.setError) || !input) return;
    try {
      await generate.mutateAsync(input);
    } catch (failure) {
      applyServerFieldErrors(form.setError, failure, generateField);
    }
  });

  const [startDate, weeksText, days, hoursText] = form.watch(['startDate', 'weeks', 'days', 'hours']);
  const preview = (() => {
    const weeks = Number(weeksText);
    const minutesPerSession = parseHours(hoursText ?? '');
    if (!isoDateSchema.safeParse(startDate).success || !Number.isInteger(weeks) || weeks < 1 || weeks > 104)
      return null;
    if (!minutesPerSession || days.length === 0) return null;
    const sessions = generateSessions({ startDate, weeks, days, minutesPerSession });
    return {
      count: sessions.length,
      minutes: sessions.reduce((sum, s) => sum + s.minutes, 0),
      outside: sessions.filter((s) => s.date < activity.startDate || s.date > activity.endDate).length,
    };
  })();

  return (
    <FormModal
      title={t('programme.sessions.generate')}
      onClose={onClose}
      onSubmit={submit}
      testId="generate-form"
      submitTestId="generate-save"
      submitLabel={t('programme.sessions.generateSubmit')}
      submitting={generate.isPending}
    >
      {generate.error && <ErrorAlert error={generate.error} />}
      <Text size="sm" c="dimmed">
        {intl.formatMessage(
          { id: 'programme.sessions.generateHint' },
          { period: pf.period(activity.startDate, activity.endDate) },
        )}
      </Text>
      <SimpleGrid cols={2}>
        <TextInput
          type="date"
          label={t('programme.sessions.field.startDate')}
          required
          min={activity.startDate}
          max={activity.endDate}
          {...inputProps('startDate')}
        />
        <TextInput label={t('programme.sessions.field.weeks')} required inputMode="numeric" {...inputProps('weeks')} />
      </SimpleGrid>
      <Controller
        control={form.control}
        name="days"
        render={({ field }) => (
          <Checkbox.Group
            label={t('programme.sessions.field.days')}
            required
            value={field.value}
            onChange={(value) => field.onChange(weekdays.filter((d) => value.includes(d)))}
            error={error('days')}
          >
            <Group gap="sm" mt="xs">
              {weekdays.map((day) => (
                <Checkbox
                  key={day}
                  value={day}
                  label={t(`programme.weekday.${day}`)}
                  aria-label={t(`programme.weekdayLong.${day}`)}
                  data-testid={`weekday-${day}`}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
      />
      <SimpleGrid cols={2}>
        <TextInput
          label={t('programme.sessions.field.hoursPerSession')}
          description={t('programme.hoursHint')}
          required
          inputMode="decimal"
          {...inputProps('hours')}
        />
        <TextInput type="time" label={t('programme.sessions.field.startTime')} {...inputProps('startTime')} />
      </SimpleGrid>
      <TextInput label={t('programme.sessions.field.module')} {...inputProps('module')} />
      {preview && (
        <Alert color={preview.outside > 0 ? 'orange' : 'blue'} data-testid="generate-preview">
          <Stack gap={2}>
            <span>
              {intl.formatMessage(
                { id: 'programme.sessions.preview' },
                { count: preview.count, hours: pf.hours(preview.minutes) },
              )}
            </span>
            {preview.outside > 0 && (
              <span>{intl.formatMessage({ id: 'programme.sessions.previewOutside' }, { count: preview.outside })}</span>
            )}
          </Stack>
        </Alert>
      )}
    </FormModal>
  );
}

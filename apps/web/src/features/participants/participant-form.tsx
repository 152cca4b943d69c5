import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  type AgeBand,
  ageBands,
  type ConsentScope,
  consentScopes,
  type Gender,
  genders,
  messageKey,
  type ParticipantFields,
  participantCodeField,
  participantFields,
  type ParticipantSettings,
} from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { PageForm } from '../../components/page-form';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';

/** What the inputs hold: text as typed; UIC answers by question position (questions may contain dots). */
export interface ParticipantFormState {
  code: string;
  uicAnswers: string[];
  gender: Gender;
  ageBand: AgeBand;
  city: string;
  attributes: Record<string, string>;
  contact: string;
  notes: string;
  consentDate: string;
  consentScope: ConsentScope[];
}

/** How a new participant gets a code: typed (or the next one), or from the answers at the door. */
export interface ParticipantIdentity {
  code: string | null;
  uicAnswers: Record<string, string> | null;
}

export function emptyParticipant(settings: ParticipantSettings): ParticipantFormState {
  return {
    code: '',
    uicAnswers: settings.uicQuestions.map(() => ''),
    gender: 'undisclosed',
    ageBand: 'undisclosed',
    city: '',
    attributes: Object.fromEntries(settings.attributes.map((a) => [a.key, ''])),
    contact: '',
    notes: '',
    consentDate: '',
    consentScope: [],
  };
}

export function participantToFormState(
  participant: ParticipantFields,
  settings: ParticipantSettings,
): ParticipantFormState {
  return {
    ...emptyParticipant(settings),
    gender: participant.gender,
    ageBand: participant.ageBand,
    city: participant.city ?? '',
    // Only the attributes the organisation still asks: a removed one would be refused on save.
    attributes: Object.fromEntries(settings.attributes.map((a) => [a.key, participant.attributes[a.key] ?? ''])),
    contact: participant.contact ?? '',
    notes: participant.notes ?? '',
    consentDate: participant.consentDate ?? '',
    consentScope: participant.consentScope,
  };
}

/** An API field path ("attributes.hiv_status", "consentScope.0", "uicAnswers") to the input showing it. */
function fieldFor(path: string): FieldPath<ParticipantFormState> | undefined {
  const [head, rest] = [path.split('.')[0], path.split('.').slice(1).join('.')];
  switch (head) {
    case 'attributes':
      return rest ? (`attributes.${rest}` as FieldPath<ParticipantFormState>) : undefined;
    case 'uicAnswers':
      return 'uicAnswers';
    case 'code':
    case 'gender':
    case 'ageBand':
    case 'city':
    case 'contact':
    case 'notes':
    case 'consentDate':
    case 'consentScope':
      return head;
    default:
      return undefined;
  }
}

/**
 * A participant's fields, checked in the browser with the domain schema the API uses. With
 * `identity` the form also asks for the code (sequential scheme) or the unique-identifier
 * answers (UIC scheme), which are turned into the code on the server and never stored.
 */
export function ParticipantForm({
  settings,
  defaultValues,
  identity,
  readOnly,
  submitting,
  submitLabel,
  onSubmit,
  actions,
}: {
  settings: ParticipantSettings;
  defaultValues: ParticipantFormState;
  identity: boolean;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (fields: ParticipantFields, identity: ParticipantIdentity) => Promise<unknown>;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<ParticipantFormState>({ defaultValues });
  const { inputProps, error } = useFieldProps(form);
  const uic = identity && settings.codeScheme === 'uic';

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<ParticipantFormState>();
    const fields = problems.check(
      participantFields,
      {
        gender: values.gender,
        ageBand: values.ageBand,
        city: values.city,
        attributes: values.attributes,
        contact: values.contact,
        notes: values.notes,
        consentDate: values.consentDate,
        consentScope: values.consentScope,
      },
      fieldFor,
    );
    const who: ParticipantIdentity = { code: null, uicAnswers: null };
    if (identity && !uic && values.code.trim()) {
      who.code = problems.check(participantCodeField, values.code, () => 'code') ?? null;
    }
    if (uic) {
      if (values.uicAnswers.some((answer) => answer.trim() === '')) {
        problems.problems.push(['uicAnswers', messageKey('validation.uicAnswers')]);
      }
      who.uicAnswers = Object.fromEntries(settings.uicQuestions.map((q, i) => [q, values.uicAnswers[i] ?? '']));
    }
    if (problems.apply(form.setError) || !fields) return;
    const failure = await onSubmit(fields, who);
    if (failure) applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  return (
    <PageForm
      onSubmit={(event) => {
        // An error put on a list (not on one input) would otherwise block every later submit.
        form.clearErrors();
        void submit(event);
      }}
      testId="participant-form"
      readOnly={readOnly}
      submitting={submitting}
      submitLabel={submitLabel}
      submitTestId="participant-save"
      actions={actions}
    >
      {identity && !uic && (
        <TextInput
          label={t('participants.field.code')}
          description={intl.formatMessage({ id: 'participants.field.codeHint' }, { prefix: settings.codePrefix })}
          autoCapitalize="characters"
          autoComplete="off"
          {...inputProps('code')}
        />
      )}
      {uic && <UicAnswers form={form} questions={settings.uicQuestions} error={error('uicAnswers')} />}

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {(
          [
            ['gender', genders, 'participant-gender'],
            ['ageBand', ageBands, 'participant-age-band'],
          ] as const
        ).map(([name, options, testId]) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field }) => (
              <Select
                label={t(`participants.field.${name}`)}
                data={options.map((o) => ({ value: o, label: t(`participants.${name}.${o}`) }))}
                value={field.value}
                // Always an answer: "undisclosed" rather than nothing.
                onChange={(value) => field.onChange(value ?? 'undisclosed')}
                onBlur={field.onBlur}
                ref={field.ref}
                name={field.name}
                allowDeselect={false}
                error={error(name)}
                comboboxProps={{ withinPortal: true }}
                data-testid={testId}
              />
            )}
          />
        ))}
        <TextInput
          label={t('participants.field.city')}
          description={t('participants.field.optionalHint')}
          {...inputProps('city')}
        />
        {settings.attributes.map((attribute) => (
          <TextInput
            key={attribute.key}
            label={
              <Group gap={6} component="span" wrap="nowrap">
                <span>{attribute.label}</span>
                {attribute.sensitive && (
                  <Badge size="xs" color="grape" variant="light" component="span">
                    {t('participants.encrypted')}
                  </Badge>
                )}
              </Group>
            }
            description={t('participants.field.optionalHint')}
            data-testid={`participant-attribute-${attribute.key}`}
            {...inputProps(`attributes.${attribute.key}`)}
          />
        ))}
      </SimpleGrid>

      <Textarea
        label={
          <Group gap={6} component="span" wrap="nowrap">
            <span>{t('participants.field.contact')}</span>
            <Badge size="xs" color="grape" variant="light" component="span">
              {t('participants.encrypted')}
            </Badge>
          </Group>
        }
        description={t('participants.field.contactHint')}
        autosize
        minRows={1}
        maxRows={4}
        {...inputProps('contact')}
      />
      <Textarea
        label={
          <Group gap={6} component="span" wrap="nowrap">
            <span>{t('participants.field.notes')}</span>
            <Badge size="xs" color="grape" variant="light" component="span">
              {t('participants.encrypted')}
            </Badge>
          </Group>
        }
        description={t('participants.field.notesHint')}
        autosize
        minRows={2}
        maxRows={10}
        {...inputProps('notes')}
      />

      <Fieldset legend={t('participants.field.consent')} variant="filled">
        <Stack gap="sm">
          <TextInput type="date" label={t('participants.field.consentDate')} maw={240} {...inputProps('consentDate')} />
          <Controller
            control={form.control}
            name="consentScope"
            render={({ field }) => (
              <Checkbox.Group
                label={t('participants.field.consentScope')}
                value={field.value}
                onChange={(value) => field.onChange(value as ConsentScope[])}
                error={error('consentScope')}
              >
                <Stack gap={6} mt={6}>
                  {consentScopes.map((scope) => (
                    <Checkbox
                      key={scope}
                      value={scope}
                      label={t(`participants.consentScope.${scope}`)}
                      data-testid={`consent-${scope}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          />
        </Stack>
      </Fieldset>
    </PageForm>
  );
}

/** One input per question, and a Find button: the same answers always find the same person. */
function UicAnswers({
  form,
  questions,
  error,
}: {
  form: ReturnType<typeof useForm<ParticipantFormState>>;
  questions: readonly string[];
  error: string | undefined;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  // A mutation (POST): the answers are as identifying as a name and must never sit in a URL or a cache.
  const findByAnswers = useMutation(trpc.participants.findByAnswers.mutationOptions());
  const [finding, setFinding] = useState(false);
  const [found, setFound] = useState<{ id: string; code: string } | null | undefined>(undefined);
  const [findError, setFindError] = useState<unknown>(null);

  const find = async () => {
    const answers = form.getValues('uicAnswers');
    setFound(undefined);
    setFindError(null);
    if (answers.some((answer) => answer.trim() === '')) {
      form.setError('uicAnswers', { type: 'validate', message: messageKey('validation.uicAnswers') });
      return;
    }
    form.clearErrors('uicAnswers');
    setFinding(true);
    try {
      const result = await findByAnswers.mutateAsync({
        uicAnswers: Object.fromEntries(questions.map((q, i) => [q, answers[i] ?? ''])),
      });
      setFound(result);
    } catch (failure) {
      setFindError(failure);
    } finally {
      setFinding(false);
    }
  };

  return (
    <Fieldset legend={t('participants.uic.legend')} variant="filled" data-testid="uic-answers">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('participants.uic.hint')}
        </Text>
        {questions.map((question, i) => (
          <TextInput
            key={question}
            label={question}
            required
            autoComplete="off"
            data-testid={`uic-answer-${i}`}
            {...form.register(`uicAnswers.${i}`, { onChange: () => setFound(undefined) })}
          />
        ))}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={() => void find()} loading={finding} data-testid="uic-find">
            {t('participants.uic.find')}
          </Button>
        </Group>
        {findError ? <ErrorAlert error={findError} /> : null}
        {found === null && (
          <Alert color="blue" data-testid="uic-not-found">
            {t('participants.uic.notFound')}
          </Alert>
        )}
        {found && (
          <Alert color="yellow" data-testid="uic-found">
            {intl.formatMessage({ id: 'participants.uic.found' }, { code: found.code })}{' '}
            <Anchor
              renderRoot={(props) => (
                <Link {...props} to="/participants/$participantId" params={{ participantId: found.id }} />
              )}
            >
              {t('participants.uic.open')}
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Fieldset>
  );
}

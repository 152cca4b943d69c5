import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type CodeScheme, codeSchemes, type ParticipantSettings, participantSettingsInput } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { PageForm } from '../../components/page-form';
import { Loading } from '../../components/loading';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { RequirePermission } from './require-permission';

/** useFieldArray needs objects: each question is kept as `{ text }`. */
interface SettingsFormState {
  codeScheme: CodeScheme;
  codePrefix: string;
  uicQuestions: { text: string }[];
  attributes: { key: string; label: string; sensitive: boolean }[];
  suppressionThreshold: number | string;
}

function toFormState(settings: ParticipantSettings): SettingsFormState {
  return {
    codeScheme: settings.codeScheme,
    codePrefix: settings.codePrefix,
    uicQuestions: settings.uicQuestions.map((text) => ({ text })),
    attributes: settings.attributes.map((a) => ({ ...a })),
    suppressionThreshold: settings.suppressionThreshold,
  };
}

/** "uicQuestions.2" → the question's input; "attributes.1.key" → that attribute's key input. */
function fieldFor(path: string): FieldPath<SettingsFormState> | undefined {
  const question = /^uicQuestions\.(\d+)$/.exec(path);
  if (question) return `uicQuestions.${Number(question[1])}.text`;
  if (/^attributes\.\d+\.(key|label|sensitive)$/.test(path)) return path as FieldPath<SettingsFormState>;
  if (['codeScheme', 'codePrefix', 'uicQuestions', 'attributes', 'suppressionThreshold'].includes(path)) {
    return path as FieldPath<SettingsFormState>;
  }
  return undefined;
}

export function ParticipantSettingsPage() {
  return (
    <RequirePermission permission="settings.write">
      <SettingsScreen />
    </RequirePermission>
  );
}

function SettingsScreen() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.participants.settings.queryOptions());
  const save = useMutation(
    trpc.participants.saveSettings.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.participants.settings.queryKey(), saved);
        notifications.show({ color: 'green', message: t('participants.settings.saved') });
      },
    }),
  );

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} onReload={() => void settings.refetch()} />;

  return (
    <Stack maw={760}>
      <div>
        <Title order={2}>{t('participants.settings.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('participants.settings.subtitle')}
        </Text>
      </div>
      {save.error && (
        <ErrorAlert
          error={save.error}
          onReload={() => {
            save.reset();
            void settings.refetch();
          }}
        />
      )}
      <Paper withBorder p="md" radius="md">
        <SettingsForm
          // A new version (after a save or a reload) starts the form afresh from the server's copy.
          key={settings.data.version}
          settings={settings.data}
          submitting={save.isPending}
          onSubmit={(input) =>
            save.mutateAsync(input).then(
              () => null,
              (error: unknown) => error,
            )
          }
        />
      </Paper>
    </Stack>
  );
}

function SettingsForm({
  settings,
  submitting,
  onSubmit,
}: {
  settings: ParticipantSettings;
  submitting: boolean;
  onSubmit: (input: ReturnType<typeof participantSettingsInput.parse>) => Promise<unknown>;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<SettingsFormState>({ defaultValues: toFormState(settings) });
  const { inputProps, error } = useFieldProps(form);
  const questions = useFieldArray({ control: form.control, name: 'uicQuestions' });
  const attributes = useFieldArray({ control: form.control, name: 'attributes' });
  const scheme = form.watch('codeScheme');
  const questionsLocked = settings.locked && settings.codeScheme === 'uic';

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<SettingsFormState>();
    const input = problems.check(
      participantSettingsInput,
      {
        codeScheme: values.codeScheme,
        codePrefix: values.codePrefix,
        uicQuestions: values.uicQuestions.map((q) => q.text),
        attributes: values.attributes,
        suppressionThreshold:
          typeof values.suppressionThreshold === 'number' ? values.suppressionThreshold : Number.NaN,
        version: settings.version,
      },
      fieldFor,
    );
    if (problems.apply(form.setError) || !input) return;
    const failure = await onSubmit(input);
    if (failure) applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  return (
    <PageForm
      onSubmit={(event) => {
        // An error put on a list (not on one input) would otherwise block every later submit.
        form.clearErrors();
        void submit(event);
      }}
      testId="participant-settings-form"
      readOnly={false}
      submitting={submitting}
      submitLabel={t('common.save')}
      submitTestId="participant-settings-save"
    >
      <Fieldset legend={t('participants.settings.codes')} variant="filled">
        <Stack gap="sm">
          <Controller
            control={form.control}
            name="codeScheme"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="code-scheme-label">
                  {t('participants.settings.scheme')}
                </Text>
                <SegmentedControl
                  aria-labelledby="code-scheme-label"
                  value={field.value}
                  onChange={(value) => field.onChange(value as CodeScheme)}
                  disabled={settings.locked}
                  data={codeSchemes.map((s) => ({ value: s, label: t(`participants.settings.scheme.${s}`) }))}
                  data-testid="code-scheme"
                />
                <Text size="xs" c="dimmed">
                  {t(`participants.settings.schemeHint.${field.value}`)}
                </Text>
                {error('codeScheme') && (
                  <Text size="sm" c="red">
                    {error('codeScheme')}
                  </Text>
                )}
              </Stack>
            )}
          />
          {settings.locked && (
            <Alert color="gray" data-testid="scheme-locked">
              {t('participants.settings.locked')}
            </Alert>
          )}
          <TextInput
            label={t('participants.settings.prefix')}
            description={t('participants.settings.prefixHint')}
            autoCapitalize="characters"
            maw={240}
            {...inputProps('codePrefix')}
          />
        </Stack>
      </Fieldset>

      {scheme === 'uic' && (
        <Fieldset legend={t('participants.settings.questions')} variant="filled" data-testid="uic-questions">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('participants.settings.questionsHint')}
            </Text>
            {questions.fields.map((field, index) => (
              <Group key={field.id} gap="xs" align="flex-start" wrap="nowrap">
                <Text w={20} pt={8} size="sm" c="dimmed">
                  {index + 1}.
                </Text>
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={intl.formatMessage({ id: 'participants.settings.question' }, { n: index + 1 })}
                  disabled={questionsLocked}
                  {...inputProps(`uicQuestions.${index}.text`)}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  disabled={questionsLocked || index === 0}
                  onClick={() => questions.move(index, index - 1)}
                  aria-label={t('participants.settings.moveUp')}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  disabled={questionsLocked || index === questions.fields.length - 1}
                  onClick={() => questions.move(index, index + 1)}
                  aria-label={t('participants.settings.moveDown')}
                >
                  ↓
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  color="red"
                  size="lg"
                  disabled={questionsLocked}
                  onClick={() => questions.remove(index)}
                  aria-label={t('common.remove')}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {error('uicQuestions') && (
              <Text size="sm" c="red" role="alert">
                {error('uicQuestions')}
              </Text>
            )}
            <Group>
              <Button
                variant="default"
                size="xs"
                disabled={questionsLocked || questions.fields.length >= 6}
                onClick={() => questions.append({ text: '' })}
                data-testid="uic-question-add"
              >
                {t('participants.settings.addQuestion')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      )}

      <Fieldset legend={t('participants.settings.attributes')} variant="filled" data-testid="attribute-editor">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('participants.settings.attributesHint')}
          </Text>
          {attributes.fields.map((field, index) => (
            <Group key={field.id} gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                label={t('participants.settings.attributeKey')}
                style={{ flex: '1 1 140px' }}
                {...inputProps(`attributes.${index}.key`)}
              />
              <TextInput
                label={t('participants.settings.attributeLabel')}
                style={{ flex: '2 1 200px' }}
                {...inputProps(`attributes.${index}.label`)}
              />
              <Controller
                control={form.control}
                name={`attributes.${index}.sensitive`}
                render={({ field: sensitive }) => (
                  <Switch
                    mt={30}
                    label={t('participants.settings.sensitive')}
                    checked={sensitive.value}
                    onChange={(event) => sensitive.onChange(event.currentTarget.checked)}
                  />
                )}
              />
              <Button
                mt={24}
                variant="subtle"
                color="red"
                size="xs"
                onClick={() => attributes.remove(index)}
                data-testid="attribute-remove"
              >
                {t('common.remove')}
              </Button>
            </Group>
          ))}
          {error('attributes') && (
            <Text size="sm" c="red" role="alert">
              {error('attributes')}
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              size="xs"
              disabled={attributes.fields.length >= 10}
              onClick={() => attributes.append({ key: '', label: '', sensitive: false })}
              data-testid="attribute-add"
            >
              {t('participants.settings.addAttribute')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('participants.settings.suppression')} variant="filled">
        <Text size="sm" c="dimmed" mb="xs">
          {t('participants.settings.thresholdHint')}
        </Text>
        <Controller
          control={form.control}
          name="suppressionThreshold"
          render={({ field }) => (
            <NumberInput
              label={t('participants.settings.threshold')}
              min={2}
              max={50}
              allowDecimal={false}
              maw={240}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('suppressionThreshold')}
            />
          )}
        />
      </Fieldset>
    </PageForm>
  );
}

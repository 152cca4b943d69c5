import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { narrativeSectionKeys, type NarrativeSectionKey, type ReportPack } from '@tessera/domain';
import { type RefObject, useEffect } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { useFieldProps } from '../../lib/use-field-props';

type NarrativeDraft = Record<NarrativeSectionKey, string>;

export function narrativeDraft(pack: ReportPack): NarrativeDraft {
  const bodies = new Map(pack.narrative.map((s) => [s.key, s.body]));
  return Object.fromEntries(narrativeSectionKeys.map((key) => [key, bodies.get(key) ?? ''])) as NarrativeDraft;
}

/** `sections.3.body` (the API's path) → the section's field. */
function fieldFor(path: string): FieldPath<NarrativeDraft> | undefined {
  const match = /^sections\.(\d+)/.exec(path);
  return match ? narrativeSectionKeys[Number(match[1])] : undefined;
}

/**
 * The narrative of a pack: one text per section of the template, with its title and a hint of
 * what funders expect there. Read-only once submitted or for roles that may not write reports.
 * `onSave` resolves to the server's error (or null) so field errors land on the right section.
 */
export function NarrativeForm({
  pack,
  readOnly,
  saving,
  onSave,
  onDirtyChange,
  saveRef,
}: {
  pack: ReportPack;
  readOnly: boolean;
  saving: boolean;
  onSave: (sections: { key: NarrativeSectionKey; body: string }[]) => Promise<unknown>;
  onDirtyChange: (dirty: boolean) => void;
  /** Set to a function that saves what is typed and resolves whether it was saved (for export). */
  saveRef?: RefObject<(() => Promise<boolean>) | null>;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<NarrativeDraft>({ defaultValues: narrativeDraft(pack) });
  const { inputProps } = useFieldProps(form);
  const dirty = form.formState.isDirty;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const save = async (values: NarrativeDraft): Promise<boolean> => {
    const sections = narrativeSectionKeys.map((key) => ({ key, body: values[key] }));
    const failure = await onSave(sections);
    applyServerFieldErrors(form.setError, failure, fieldFor);
    return !failure;
  };
  const submit = form.handleSubmit(async (values) => {
    await save(values);
  });
  useEffect(() => {
    if (!saveRef) return;
    saveRef.current = async () => {
      let saved = false;
      await form.handleSubmit(async (values) => {
        saved = await save(values);
      })();
      return saved;
    };
    return () => {
      saveRef.current = null;
    };
  });

  return (
    <form noValidate onSubmit={submit} data-testid="narrative-form">
      <Stack>
        {narrativeSectionKeys.map((key) => (
          <Textarea
            key={key}
            label={t(`reports.section.${key}.title`)}
            description={t(`reports.section.${key}.hint`)}
            labelProps={{ fz: 'md', fw: 600 }}
            autosize
            minRows={readOnly ? 1 : 3}
            maxRows={20}
            readOnly={readOnly}
            variant={readOnly ? 'filled' : 'default'}
            placeholder={readOnly ? t('reports.section.emptyReadOnly') : undefined}
            data-testid={`narrative-${key}`}
            {...inputProps(key)}
          />
        ))}
        {!readOnly && (
          <Group justify="flex-end" gap="sm">
            {dirty && (
              <Text size="xs" c="dimmed" data-testid="narrative-unsaved">
                {t('reports.narrative.unsaved')}
              </Text>
            )}
            <Button type="submit" loading={saving} data-testid="narrative-save">
              {t('reports.narrative.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

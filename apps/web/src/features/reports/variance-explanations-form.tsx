import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import {
  euFinancialRows,
  euTimingOf,
  type ReportPack,
  type ReportPackContent,
  varianceExplanationsOf,
} from '@tessera/domain';
import { useEffect } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';

/** One text per budget line, in the budget's order. An array: line codes ("1.1") are not field names. */
interface ExplanationsDraft {
  lines: { code: string; body: string }[];
}

/** `explanations.3.body` (the API's path; every line is sent, in order) → that line's field. */
function fieldFor(path: string): FieldPath<ExplanationsDraft> | undefined {
  const match = /^explanations\.(\d+)\.body$/.exec(path);
  return match ? (`lines.${Number(match[1])}.body` as FieldPath<ExplanationsDraft>) : undefined;
}

/**
 * The explanation of each budget line's variance, saved with the pack (at its version, like the
 * narrative) and printed in the EU-style financial report. Each line shows its budget, spending
 * this period and to date, and variance; lines whose variance needs an explanation say so.
 * Read-only once submitted or for roles that may not write reports.
 */
export function VarianceExplanationsForm({
  pack,
  content,
  readOnly,
  saving,
  onSave,
  onDirtyChange,
}: {
  pack: ReportPack;
  content: ReportPackContent;
  readOnly: boolean;
  saving: boolean;
  onSave: (explanations: { code: string; body: string }[]) => Promise<unknown>;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const rows = euFinancialRows(content.finance.lines, euTimingOf(content));
  const saved = varianceExplanationsOf(pack);
  const form = useForm<ExplanationsDraft>({
    defaultValues: { lines: rows.map((r) => ({ code: r.code, body: saved.get(r.code) ?? '' })) },
  });
  const { inputProps } = useFieldProps(form);
  const dirty = form.formState.isDirty;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const submit = form.handleSubmit(async (values) => {
    const failure = await onSave(values.lines);
    applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  if (rows.length === 0) return <Text size="sm">{t('reports.explanations.none')}</Text>;
  const cur = content.finance.currency;
  return (
    <form noValidate onSubmit={submit} data-testid="explanations-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('reports.explanations.intro')}
        </Text>
        {rows.map((r, i) => (
          <Textarea
            key={r.code}
            label={
              <Group gap="xs" component="span">
                <span>{`${r.code} ${r.heading}`}</span>
                {r.needsExplanation && (
                  <Badge size="sm" color="yellow" variant="light" data-testid={`explanation-needed-${r.code}`}>
                    {t('reports.explanations.needed')}
                  </Badge>
                )}
              </Group>
            }
            description={intl.formatMessage(
              { id: 'reports.explanations.figures' },
              {
                budget: format.money(r.budgetMinor, cur),
                planned: format.money(r.plannedToDateMinor, cur),
                period: format.money(r.spentPeriodMinor, cur),
                spent: format.money(r.spentMinor, cur),
                variance: `${format.money(r.varianceMinor, cur)}${
                  r.variancePercent === null ? '' : ` (${format.percent(r.variancePercent / 100)})`
                }`,
              },
            )}
            autosize
            minRows={readOnly ? 1 : 2}
            maxRows={12}
            readOnly={readOnly}
            variant={readOnly ? 'filled' : 'default'}
            placeholder={readOnly ? t('reports.section.emptyReadOnly') : undefined}
            data-testid={`explanation-${r.code}`}
            {...inputProps(`lines.${i}.body` as FieldPath<ExplanationsDraft>)}
          />
        ))}
        {!readOnly && (
          <Group justify="flex-end" gap="sm">
            {dirty && (
              <Text size="xs" c="dimmed" data-testid="explanations-unsaved">
                {t('reports.narrative.unsaved')}
              </Text>
            )}
            <Button type="submit" loading={saving} data-testid="explanations-save">
              {t('reports.explanations.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

import { Select, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createMatchContributionInput,
  type Grant,
  type MatchContribution,
  type MatchKind,
  matchKinds,
  receiptPolicy,
  updateMatchContributionInput,
} from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { AttachedFileField } from '../../components/attached-file-field';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { AmountField } from '../../components/money-fields/amount-field';
import { firstFieldErrors, readAppError } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { newIdempotencyKey } from '../../lib/idempotency';
import { matchEvidenceUrl, uploadMatchEvidence } from '../../lib/receipts';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useGrantInvalidation } from './use-grant-invalidation';

export const kindLabel: Record<MatchKind, string> = { cash: 'match.cash', inKind: 'match.inKind' };

interface ContributionFormValues {
  kind: MatchKind;
  source: string;
  date: string;
  amount: string;
  description: string;
  evidenceReference: string;
  file: File | null;
}

const formFields: Record<string, FieldPath<ContributionFormValues>> = {
  kind: 'kind',
  source: 'source',
  date: 'date',
  amountMinor: 'amount',
  description: 'description',
  evidenceReference: 'evidenceReference',
  file: 'file',
};

/**
 * A contribution, new or edited, with its evidence: a reference (an invoice number, a letter) and
 * a file (a PDF or an image, checked like a receipt). The contribution is saved first and the file
 * sent after; if the file is refused, the form goes on editing the saved contribution (never a
 * second one) and says so on the file field.
 */
export function ContributionModal({
  grant,
  contribution,
  onClose,
}: {
  grant: Grant;
  contribution: MatchContribution | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useGrantInvalidation();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const form = useForm<ContributionFormValues>({
    defaultValues: {
      kind: contribution?.kind ?? 'cash',
      source: contribution?.source ?? '',
      date: contribution?.date ?? '',
      amount: format.minorForInput(contribution?.amountMinor, grant.currency),
      description: contribution?.description ?? '',
      evidenceReference: contribution?.evidenceReference ?? '',
      file: null,
    },
  });
  const { inputProps, error } = useFieldProps(form);
  // One key per new contribution (docs/decisions/0014): a retry or a second click gets the first.
  const [idempotencyKey] = useState(newIdempotencyKey);
  // Once saved (its file perhaps refused), saving again edits it.
  const [made, setMade] = useState<MatchContribution | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const current = made ?? contribution;
  const create = useMutation(trpc.match.create.mutationOptions());
  const update = useMutation(trpc.match.update.mutationOptions());
  const removeEvidence = useMutation(
    trpc.match.removeEvidence.mutationOptions({
      onSuccess: (after) => {
        setMade(after);
        void invalidate.match();
      },
    }),
  );
  const fieldFor = (path: string) => formFields[path];
  const maxMb = receiptPolicy.maxBytes / 1024 / 1024;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const problems = new FormProblems<ContributionFormValues>();
    if (values.file && values.file.size > receiptPolicy.maxBytes) {
      problems.problems.push(['file', `validation.fileTooLarge?max=${maxMb}`]);
    }
    const fields = {
      kind: values.kind,
      source: values.source,
      date: values.date,
      amountMinor: problems.amount('amount', values.amount, grant.currency, format.decimalMark),
      description: values.description,
      evidenceReference: values.evidenceReference,
    };
    const input = current
      ? problems.check(updateMatchContributionInput, { ...fields, id: current.id, version: current.version }, fieldFor)
      : problems.check(createMatchContributionInput, { ...fields, grantId: grant.id, idempotencyKey }, fieldFor);
    if (problems.apply(form.setError) || !input) return;
    setSaving(true);
    try {
      const saved =
        current && 'id' in input
          ? await update.mutateAsync(input as Parameters<typeof update.mutateAsync>[0])
          : await create.mutateAsync(input as Parameters<typeof create.mutateAsync>[0]);
      setMade(saved);
      if (values.file) {
        try {
          setMade(await uploadMatchEvidence(saved.id, values.file));
        } catch (uploadError) {
          await invalidate.match();
          const fileErrors = firstFieldErrors(readAppError(uploadError)).filter(([path]) => path === 'file');
          if (fileErrors[0]) form.setError('file', { type: 'server', message: fileErrors[0][1] });
          setFailure(uploadError);
          notifications.show({ color: 'orange', message: t('match.savedWithoutEvidence') });
          return;
        }
      }
      await invalidate.match();
      notifications.show({ color: 'green', message: t('match.saved') });
      onClose();
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
      setFailure(saveError);
    } finally {
      setSaving(false);
    }
  });

  return (
    <FormModal
      title={t(current ? 'match.edit' : 'match.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="match-form"
      submitting={saving}
      submitTestId="match-save"
    >
      {failure ? <ErrorAlert error={failure} /> : null}
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <Select
            label={t('match.kind')}
            required
            allowDeselect={false}
            data={matchKinds.map((kind) => ({ value: kind, label: t(kindLabel[kind]) }))}
            value={field.value}
            onChange={(value) => field.onChange(value ?? 'cash')}
            ref={field.ref}
            name={field.name}
            error={error('kind')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <TextInput label={t('match.source')} description={t('match.sourceHint')} required {...inputProps('source')} />
      <TextInput type="date" label={t('match.date')} required {...inputProps('date')} />
      <AmountField
        form={form}
        name="amount"
        currency={grant.currency}
        label={`${t('match.amount')} (${grant.currency})`}
        required
        extra={
          <Text span size="xs" c="dimmed">
            {t('match.amountHint')}
          </Text>
        }
      />
      <Textarea label={t('match.description')} autosize minRows={2} {...inputProps('description')} />
      <TextInput
        label={t('match.evidence')}
        description={t('match.evidenceHint')}
        {...inputProps('evidenceReference')}
      />
      <AttachedFileField
        control={form.control}
        name="file"
        label={t('match.evidenceFile')}
        error={error('file')}
        testId="match-evidence-file"
        kept={
          current?.evidenceFile ? { fileName: current.evidenceFile.fileName, url: matchEvidenceUrl(current.id) } : null
        }
        removeLabel={t('match.removeEvidenceFile')}
        removeTestId="match-evidence-remove"
        removing={removeEvidence.isPending}
        onRemove={() => current && removeEvidence.mutate({ id: current.id })}
      />
    </FormModal>
  );
}

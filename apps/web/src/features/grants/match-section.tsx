import { Badge, Button, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createMatchContributionInput,
  type Grant,
  type MatchContribution,
  type MatchKind,
  matchKinds,
  updateMatchContributionInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { AmountField } from '../../components/money-fields/amount-field';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { Figure } from './budget-vs-actual-tab';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';

/**
 * Cost share and match beside budget vs actual: what the grant requires, what was contributed in
 * cash and in kind, what is still to be provided and the share met (every role); the
 * contributions themselves, with their sources and evidence, for finance and admins only.
 */
export function MatchSection({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canRead = useCan('ledger.read');
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const summary = useQuery(trpc.match.summary.queryOptions({ grantId: grant.id }));

  if (summary.isPending) return <Loading />;
  if (summary.isError) return <ErrorAlert error={summary.error} onReload={() => void summary.refetch()} />;
  const s = summary.data;
  const money = (minor: number) => format.money(minor, grant.currency);

  return (
    <Stack data-testid="match-section">
      <TabHeader title={t('match.title')} />
      {s.requiredMinor === 0 && (
        <Text size="sm" c="dimmed">
          {t('match.noneRequired')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('match.required')} value={money(s.requiredMinor)} testId="match-required" />
        <Figure
          label={t('match.contributed')}
          value={money(s.contributedMinor)}
          hint={t('match.split', { cash: money(s.cashMinor), inKind: money(s.inKindMinor) })}
          hintColor="dimmed"
          testId="match-contributed"
        />
        <Figure label={t('match.remaining')} value={money(s.remainingMinor)} testId="match-remaining" />
        <Figure
          label={t('match.met')}
          value={s.metShare === null ? t('common.none') : format.percent(s.metShare)}
          testId="match-met"
        />
      </SimpleGrid>
      {canRead && <Contributions grant={grant} />}
    </Stack>
  );
}

function Contributions({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('ledger.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const list = useQuery(trpc.match.list.queryOptions({ grantId: grant.id }));
  const [editing, setEditing] = useState<MatchContribution | 'new' | null>(null);
  const remove = useMutation(
    trpc.match.remove.mutationOptions({
      onSuccess: async () => {
        await invalidate.match();
        notifications.show({ color: 'green', message: t('match.removed') });
      },
    }),
  );

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} onReload={() => void list.refetch()} />;

  return (
    <Stack gap="xs">
      <TabHeader title={t('match.contributions')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="match-add">
            {t('match.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} />}
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" data-testid="match-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('match.date')}</Table.Th>
              <Table.Th>{t('match.kind')}</Table.Th>
              <Table.Th>{t('match.source')}</Table.Th>
              <Table.Th>{t('match.description')}</Table.Th>
              <Table.Th>{t('match.evidence')}</Table.Th>
              <Table.Th ta="right">{t('match.amount')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((c) => (
              <Table.Tr key={c.id} data-testid="match-row">
                <Table.Td>{format.day(c.date)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={c.kind === 'cash' ? 'teal' : 'grape'}>
                    {t(kindLabel[c.kind])}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.source}</Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td>{c.evidenceReference}</Table.Td>
                <Table.Td ta="right">{format.money(c.amountMinor, grant.currency)}</Table.Td>
                {canWrite && (
                  <RowActions
                    onEdit={() => setEditing(c)}
                    onRemove={() => remove.mutate({ id: c.id, version: c.version })}
                    removing={remove.isPending && remove.variables?.id === c.id}
                    confirmMessage={t('match.removeConfirm')}
                  />
                )}
              </Table.Tr>
            ))}
            {list.data.length === 0 && <TableEmptyRow colSpan={7}>{t('match.empty')}</TableEmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <ContributionModal
          grant={grant}
          contribution={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

const kindLabel: Record<MatchKind, string> = { cash: 'match.cash', inKind: 'match.inKind' };

interface ContributionFormValues {
  kind: MatchKind;
  source: string;
  date: string;
  amount: string;
  description: string;
  evidenceReference: string;
}

const formFields: Record<string, FieldPath<ContributionFormValues>> = {
  kind: 'kind',
  source: 'source',
  date: 'date',
  amountMinor: 'amount',
  description: 'description',
  evidenceReference: 'evidenceReference',
};

function ContributionModal({
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
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<ContributionFormValues>({
    defaultValues: {
      kind: contribution?.kind ?? 'cash',
      source: contribution?.source ?? '',
      date: contribution?.date ?? '',
      amount: format.minorForInput(contribution?.amountMinor, grant.currency),
      description: contribution?.description ?? '',
      evidenceReference: contribution?.evidenceReference ?? '',
    },
  });
  const { inputProps, error } = useFieldProps(form);
  const done = async () => {
    await invalidate.match();
    notifications.show({ color: 'green', message: t('match.saved') });
    onClose();
  };
  // One key per new contribution (docs/decisions/0014): a retry or a second click gets the first.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation(trpc.match.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.match.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const fieldFor = (path: string) => formFields[path];

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<ContributionFormValues>();
    const fields = {
      kind: values.kind,
      source: values.source,
      date: values.date,
      amountMinor: problems.amount('amount', values.amount, grant.currency, format.decimalMark),
      description: values.description,
      evidenceReference: values.evidenceReference,
    };
    try {
      if (contribution) {
        const input = problems.check(
          updateMatchContributionInput,
          { ...fields, id: contribution.id, version: contribution.version },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const input = problems.check(
          createMatchContributionInput,
          { ...fields, grantId: grant.id, idempotencyKey },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (caught) {
      applyServerFieldErrors(form.setError, caught, fieldFor);
    }
  });

  return (
    <FormModal
      title={t(contribution ? 'match.edit' : 'match.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="match-form"
      submitting={create.isPending || update.isPending}
      submitTestId="match-save"
    >
      {failure && <ErrorAlert error={failure} />}
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
    </FormModal>
  );
}

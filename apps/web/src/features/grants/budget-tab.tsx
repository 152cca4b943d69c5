import { ActionIcon, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type BudgetLine, createBudgetLineInput, type Grant, updateBudgetLineInput } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { AmountField } from '../../components/money-fields/amount-field';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { newIdempotencyKey } from '../../lib/idempotency';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { ReviseBudgetModal } from './revise-budget-modal';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';

interface LineFormValues {
  code: string;
  category: string;
  description: string;
  amount: string;
}

export function BudgetTab({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('grant.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const lines = useQuery(trpc.budget.lines.queryOptions({ grantId: grant.id }));
  const revisions = useQuery(trpc.budget.revisions.queryOptions({ grantId: grant.id }));
  const [editing, setEditing] = useState<BudgetLine | 'new' | null>(null);
  const [revising, setRevising] = useState(false);
  // Bumped to reopen the revision form on the budget as it is now (after a conflict).
  const [revisionForm, setRevisionForm] = useState(0);
  const remove = useMutation(
    trpc.budget.removeLine.mutationOptions({
      onSuccess: async () => {
        await invalidate.budget();
        notifications.show({ color: 'green', message: t('budget.line.removed') });
      },
    }),
  );

  if (lines.isPending) return <Loading />;
  if (lines.isError) return <ErrorAlert error={lines.error} onReload={() => void lines.refetch()} />;
  const total = lines.data.reduce((sum, line) => sum + line.amountMinor, 0);
  const originalTotal = lines.data.reduce((sum, line) => sum + line.originalAmountMinor, 0);
  const lineCode = new Map(lines.data.map((line) => [line.id, line.code]));

  return (
    <Stack>
      <TabHeader title={t('budget.title')}>
        {canWrite && (
          <Group gap="xs">
            <Button size="xs" onClick={() => setEditing('new')} data-testid="budget-add-line">
              {t('budget.line.add')}
            </Button>
            {lines.data.length > 1 && (
              <Button size="xs" variant="light" onClick={() => setRevising(true)} data-testid="budget-revise">
                {t('budget.revise.title')}
              </Button>
            )}
          </Group>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} />}
      {total !== grant.amountMinor && lines.data.length > 0 && (
        <Text size="sm" c="orange">
          {intl.formatMessage(
            { id: 'budget.totalDiffers' },
            { total: format.money(total, grant.currency), amount: format.money(grant.amountMinor, grant.currency) },
          )}
        </Text>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid="budget-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.line.code')}</Table.Th>
              <Table.Th>{t('budget.line.category')}</Table.Th>
              <Table.Th>{t('budget.line.description')}</Table.Th>
              <Table.Th ta="right">{t('budget.line.original')}</Table.Th>
              <Table.Th ta="right">{t('budget.line.current')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.data.map((line) => (
              <Table.Tr key={line.id} data-testid="budget-line-row">
                <Table.Td>{line.code}</Table.Td>
                <Table.Td>{line.category}</Table.Td>
                <Table.Td>{line.description ?? ''}</Table.Td>
                <Table.Td ta="right">{format.money(line.originalAmountMinor, grant.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(line.amountMinor, grant.currency)}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(line)}>
                        {t('common.edit')}
                      </Button>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={intl.formatMessage({ id: 'budget.line.removeFor' }, { code: line.code })}
                        loading={remove.isPending && remove.variables?.id === line.id}
                        onClick={() => {
                          if (
                            window.confirm(intl.formatMessage({ id: 'budget.line.removeConfirm' }, { code: line.code }))
                          )
                            remove.mutate({ id: line.id, version: line.version });
                        }}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {lines.data.length === 0 && <TableEmptyRow colSpan={6}>{t('budget.empty')}</TableEmptyRow>}
          </Table.Tbody>
          {lines.data.length > 0 && (
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td colSpan={3}>{t('common.total')}</Table.Td>
                <Table.Td ta="right">{format.money(originalTotal, grant.currency)}</Table.Td>
                <Table.Td ta="right" data-testid="budget-total">
                  {format.money(total, grant.currency)}
                </Table.Td>
                {canWrite && <Table.Td />}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>

      <Title order={3} size="h4" mt="md">
        {t('budget.revisions.title')}
      </Title>
      {revisions.error && <ErrorAlert error={revisions.error} />}
      {revisions.data?.length === 0 && <Text c="dimmed">{t('budget.revisions.empty')}</Text>}
      {revisions.data?.map((revision) => (
        <Paper key={revision.id} withBorder p="sm" radius="md" data-testid="budget-revision">
          <Text fw={600} size="sm">
            {format.day(revision.date)}
          </Text>
          <Text size="sm">{revision.justification}</Text>
          <Stack gap={0} mt={4}>
            {revision.changes.map((change) => (
              <Text key={change.budgetLineId} size="sm" c="dimmed">
                {change.code || lineCode.get(change.budgetLineId)}:{' '}
                {format.money(change.amountBeforeMinor, grant.currency)} →{' '}
                {format.money(change.amountAfterMinor, grant.currency)}
              </Text>
            ))}
          </Stack>
        </Paper>
      ))}

      {editing && (
        <LineModal grant={grant} line={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {revising && (
        <ReviseBudgetModal
          key={revisionForm}
          grant={grant}
          lines={lines.data}
          onClose={() => setRevising(false)}
          onReload={async () => {
            await invalidate.budget();
            setRevisionForm((n) => n + 1);
          }}
        />
      )}
    </Stack>
  );
}

function LineModal({ grant, line, onClose }: { grant: Grant; line: BudgetLine | null; onClose: () => void }) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<LineFormValues>({
    defaultValues: {
      code: line?.code ?? '',
      category: line?.category ?? '',
      description: line?.description ?? '',
      amount: '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const done = async () => {
    await invalidate.budget();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  // One key per new line (docs/decisions/0014): a retry or a second click gets the first.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const add = useMutation(trpc.budget.addLine.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.budget.updateLine.mutationOptions({ onSuccess: done }));
  const failure = add.error ?? update.error;
  const fieldFor = (path: string): FieldPath<LineFormValues> | undefined =>
    path === 'amountMinor'
      ? 'amount'
      : ['code', 'category', 'description'].includes(path)
        ? (path as 'code')
        : undefined;

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<LineFormValues>();
    try {
      if (line) {
        const input = problems.check(
          updateBudgetLineInput,
          {
            id: line.id,
            version: line.version,
            code: values.code,
            category: values.category,
            description: values.description,
          },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const amountMinor = problems.amount('amount', values.amount, grant.currency, format.decimalMark);
        const input = problems.check(
          createBudgetLineInput,
          {
            grantId: grant.id,
            code: values.code,
            category: values.category,
            description: values.description,
            amountMinor,
            idempotencyKey,
          },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await add.mutateAsync(input);
      }
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldFor);
    }
  });

  return (
    <FormModal
      title={t(line ? 'budget.line.edit' : 'budget.line.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="budget-line-form"
      submitting={add.isPending || update.isPending}
    >
      {failure && <ErrorAlert error={failure} />}
      <TextInput label={t('budget.line.code')} required {...inputProps('code')} />
      <TextInput label={t('budget.line.category')} required {...inputProps('category')} />
      <Textarea label={t('budget.line.description')} autosize minRows={2} {...inputProps('description')} />
      {!line && (
        <AmountField
          form={form}
          name="amount"
          currency={grant.currency}
          label={`${t('budget.line.amount')} (${grant.currency})`}
          required
        />
      )}
    </FormModal>
  );
}

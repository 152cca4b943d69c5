import { Button, Select, SimpleGrid, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  createDeadlineInput,
  type DeadlineKind,
  deadlineKinds,
  deadlineState,
  type Grant,
  type ReportingDeadline,
  todayIn,
  updateDeadlineInput,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { DeadlineStateBadge } from './status-badge';
import { TabHeader } from './tab-header';
import { useGrantInvalidation } from './use-grant-invalidation';

interface DeadlineFormValues {
  kind: DeadlineKind | '';
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  submittedDate: string;
  note: string;
}

export function DeadlinesTab({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('grant.write');
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const deadlines = useQuery(trpc.deadlines.list.queryOptions({ grantId: grant.id }));
  const organization = useQuery(trpc.organization.current.queryOptions());
  const [editing, setEditing] = useState<ReportingDeadline | 'new' | null>(null);
  const remove = useMutation(
    trpc.deadlines.remove.mutationOptions({
      onSuccess: async () => {
        await invalidate.deadlines();
        notifications.show({ color: 'green', message: t('deadlines.removed') });
      },
    }),
  );

  if (deadlines.isPending) return <Loading />;
  if (deadlines.isError) return <ErrorAlert error={deadlines.error} onReload={() => void deadlines.refetch()} />;
  const today = todayIn(organization.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);

  return (
    <Stack>
      <TabHeader title={t('deadlines.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="deadline-add">
            {t('deadlines.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && <ErrorAlert error={remove.error} />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" data-testid="deadlines-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deadlines.kind')}</Table.Th>
              <Table.Th>{t('deadlines.period')}</Table.Th>
              <Table.Th>{t('deadlines.dueDate')}</Table.Th>
              <Table.Th>{t('deadlines.submittedDate')}</Table.Th>
              <Table.Th>{t('deadlines.state')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deadlines.data.map((deadline) => (
              <Table.Tr key={deadline.id} data-testid="deadline-row">
                <Table.Td>{t(`deadlineKind.${deadline.kind}`)}</Table.Td>
                <Table.Td>
                  {format.day(deadline.periodStart)} – {format.day(deadline.periodEnd)}
                </Table.Td>
                <Table.Td>{format.day(deadline.dueDate)}</Table.Td>
                <Table.Td>{deadline.submittedDate ? format.day(deadline.submittedDate) : ''}</Table.Td>
                <Table.Td>
                  <DeadlineStateBadge state={deadlineState(deadline, today)} />
                </Table.Td>
                {canWrite && (
                  <RowActions
                    onEdit={() => setEditing(deadline)}
                    onRemove={() => remove.mutate({ id: deadline.id, version: deadline.version })}
                    removing={remove.isPending && remove.variables?.id === deadline.id}
                    confirmMessage={t('deadlines.removeConfirm')}
                  />
                )}
              </Table.Tr>
            ))}
            {deadlines.data.length === 0 && <TableEmptyRow colSpan={6}>{t('deadlines.empty')}</TableEmptyRow>}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <DeadlineModal grant={grant} deadline={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function DeadlineModal({
  grant,
  deadline,
  onClose,
}: {
  grant: Grant;
  deadline: ReportingDeadline | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<DeadlineFormValues>({
    defaultValues: {
      kind: deadline?.kind ?? '',
      periodStart: deadline?.periodStart ?? '',
      periodEnd: deadline?.periodEnd ?? '',
      dueDate: deadline?.dueDate ?? '',
      submittedDate: deadline?.submittedDate ?? '',
      note: deadline?.note ?? '',
    },
  });
  const { inputProps, error } = useFieldProps(form);
  const done = async () => {
    await invalidate.deadlines();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  const create = useMutation(trpc.deadlines.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.deadlines.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const fieldFor = (path: string) => (path in form.getValues() ? (path as FieldPath<DeadlineFormValues>) : undefined);

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<DeadlineFormValues>();
    const fields = { ...values, kind: values.kind || undefined, submittedDate: values.submittedDate || null };
    try {
      if (deadline) {
        const input = problems.check(
          updateDeadlineInput,
          { ...fields, id: deadline.id, version: deadline.version },
          fieldFor,
        );
        if (problems.apply(form.setError) || !input) return;
        await update.mutateAsync(input);
      } else {
        const input = problems.check(createDeadlineInput, { ...fields, grantId: grant.id }, fieldFor);
        if (problems.apply(form.setError) || !input) return;
        await create.mutateAsync(input);
      }
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldFor);
    }
  });

  return (
    <FormModal
      title={t(deadline ? 'deadlines.edit' : 'deadlines.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="deadline-form"
      submitting={create.isPending || update.isPending}
    >
      {failure && <ErrorAlert error={failure} />}
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <Select
            label={t('deadlines.kind')}
            required
            data={deadlineKinds.map((kind) => ({ value: kind, label: t(`deadlineKind.${kind}`) }))}
            value={field.value || null}
            onChange={(value) => field.onChange(value ?? '')}
            ref={field.ref}
            name={field.name}
            error={error('kind')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <SimpleGrid cols={2}>
        <TextInput type="date" label={t('deadlines.periodStart')} required {...inputProps('periodStart')} />
        <TextInput type="date" label={t('deadlines.periodEnd')} required {...inputProps('periodEnd')} />
        <TextInput type="date" label={t('deadlines.dueDate')} required {...inputProps('dueDate')} />
        <TextInput type="date" label={t('deadlines.submittedDate')} {...inputProps('submittedDate')} />
      </SimpleGrid>
      <Textarea label={t('deadlines.note')} autosize minRows={2} {...inputProps('note')} />
    </FormModal>
  );
}

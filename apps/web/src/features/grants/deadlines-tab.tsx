import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
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
import { Loading } from '../../components/loading';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { DeadlineStateBadge } from './status-badge';
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
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h4">
          {t('deadlines.title')}
        </Title>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="deadline-add">
            {t('deadlines.add')}
          </Button>
        )}
      </Group>
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
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(deadline)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables?.id === deadline.id}
                        onClick={() => {
                          if (window.confirm(t('deadlines.removeConfirm')))
                            remove.mutate({ id: deadline.id, version: deadline.version });
                        }}
                      >
                        {t('common.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {deadlines.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed">{t('deadlines.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
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
  const { errors } = form.formState;
  const done = async () => {
    await invalidate.deadlines();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  const create = useMutation(trpc.deadlines.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.deadlines.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;
  const fieldFor = (path: string) => (path in form.getValues() ? (path as FieldPath<DeadlineFormValues>) : undefined);
  const error = (field: keyof DeadlineFormValues) => translateMessageKey(intl, errors[field]?.message);

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
      for (const [path, message] of firstFieldErrors(readAppError(saveError))) {
        const field = fieldFor(path);
        if (field) form.setError(field, { type: 'server', message });
      }
    }
  });

  return (
    <Modal opened onClose={onClose} title={t(deadline ? 'deadlines.edit' : 'deadlines.add')}>
      <form noValidate onSubmit={submit} data-testid="deadline-form">
        <Stack>
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
            <TextInput
              type="date"
              label={t('deadlines.periodStart')}
              required
              error={error('periodStart')}
              {...form.register('periodStart')}
            />
            <TextInput
              type="date"
              label={t('deadlines.periodEnd')}
              required
              error={error('periodEnd')}
              {...form.register('periodEnd')}
            />
            <TextInput
              type="date"
              label={t('deadlines.dueDate')}
              required
              error={error('dueDate')}
              {...form.register('dueDate')}
            />
            <TextInput
              type="date"
              label={t('deadlines.submittedDate')}
              error={error('submittedDate')}
              {...form.register('submittedDate')}
            />
          </SimpleGrid>
          <Textarea label={t('deadlines.note')} autosize minRows={2} error={error('note')} {...form.register('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

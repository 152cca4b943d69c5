import { zodResolver } from '@hookform/resolvers/zod';
import {
  Anchor,
  Button,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Output, type OutputFormValues, outputFields, outputKinds } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import type * as z from 'zod';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import type { ActivityDetail } from './activity-overview-tab';
import { useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';

type OutputFields = z.output<typeof outputFields>;
const fieldNames = ['kind', 'title', 'quantity', 'date', 'link', 'note'] as const;

/** What the activity produced and how many: videos, reports, brochures, cards, posts. */
export function ActivityOutputsTab({ activity }: { activity: ActivityDetail }) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const canWrite = useCan('delivery.write');
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const outputs = useQuery(trpc.outputs.list.queryOptions({ activityId: activity.id }));
  const [editing, setEditing] = useState<Output | 'new' | null>(null);
  const remove = useMutation(
    trpc.outputs.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate.outputs();
        notifications.show({ color: 'green', message: t('programme.outputs.removed') });
      },
    }),
  );

  if (outputs.isPending) return <Loading />;
  if (outputs.isError) return <ErrorAlert error={outputs.error} onReload={() => void outputs.refetch()} />;

  return (
    <Stack>
      <TabHeader title={t('programme.outputs.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setEditing('new')} data-testid="output-add">
            {t('programme.outputs.add')}
          </Button>
        )}
      </TabHeader>
      {remove.error && (
        <ErrorAlert
          error={remove.error}
          onReload={() => {
            remove.reset();
            void invalidate.outputs();
          }}
        />
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid="outputs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programme.outputs.field.kind')}</Table.Th>
              <Table.Th>{t('programme.outputs.field.title')}</Table.Th>
              <Table.Th ta="right">{t('programme.outputs.field.quantity')}</Table.Th>
              <Table.Th>{t('programme.outputs.field.date')}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outputs.data.map((output) => (
              <Table.Tr key={output.id} data-testid="output-row">
                <Table.Td>{t(`programme.outputKind.${output.kind}`)}</Table.Td>
                <Table.Td>
                  {output.link ? (
                    <Anchor href={output.link} target="_blank" rel="noopener noreferrer" size="sm">
                      {output.title}
                    </Anchor>
                  ) : (
                    output.title
                  )}
                  {output.note && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {output.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{pf.number(output.quantity)}</Table.Td>
                <Table.Td>{pf.day(output.date)}</Table.Td>
                {canWrite && (
                  <RowActions
                    onEdit={() => setEditing(output)}
                    onRemove={() => remove.mutate({ id: output.id, version: output.version })}
                    removing={remove.isPending && remove.variables?.id === output.id}
                    confirmMessage={t('programme.outputs.removeConfirm')}
                  />
                )}
              </Table.Tr>
            ))}
            {outputs.data.length === 0 && (
              <TableEmptyRow colSpan={canWrite ? 5 : 4}>{t('programme.outputs.empty')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <OutputModal activity={activity} output={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function OutputModal({
  activity,
  output,
  onClose,
}: {
  activity: ActivityDetail;
  output: Output | null;
  onClose: () => void;
}) {
  const intl = useIntl();
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<OutputFormValues, unknown, OutputFields>({
    resolver: zodResolver(outputFields),
    defaultValues: {
      kind: output?.kind,
      title: output?.title ?? '',
      quantity: output?.quantity ?? 1,
      date: output?.date ?? '',
      link: output?.link ?? '',
      note: output?.note ?? '',
    },
  });
  const { inputProps, error } = useFieldProps(form);
  const done = async () => {
    await invalidate.outputs();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  const create = useMutation(trpc.outputs.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.outputs.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;

  const submit = form.handleSubmit(async (values) => {
    try {
      if (output) await update.mutateAsync({ ...values, id: output.id, version: output.version });
      else await create.mutateAsync({ ...values, activityId: activity.id });
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, fieldNames);
    }
  });

  return (
    <FormModal
      title={t(output ? 'programme.outputs.edit' : 'programme.outputs.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="output-form"
      submitTestId="output-save"
      submitting={create.isPending || update.isPending}
    >
      {failure && (
        <ErrorAlert
          error={failure}
          onReload={() => {
            void invalidate.outputs();
            onClose();
          }}
        />
      )}
      <SimpleGrid cols={2}>
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('programme.outputs.field.kind')}
              required
              allowDeselect={false}
              data={outputKinds.map((kind) => ({ value: kind, label: t(`programme.outputKind.${kind}`) }))}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('kind')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Controller
          control={form.control}
          name="quantity"
          render={({ field }) => (
            <NumberInput
              label={t('programme.outputs.field.quantity')}
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={field.value}
              onChange={(value) => field.onChange(value === '' ? undefined : value)}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              error={error('quantity')}
            />
          )}
        />
      </SimpleGrid>
      <TextInput label={t('programme.outputs.field.title')} required {...inputProps('title')} />
      <TextInput type="date" label={t('programme.outputs.field.date')} required {...inputProps('date')} />
      <TextInput label={t('programme.outputs.field.link')} type="url" placeholder="https://" {...inputProps('link')} />
      <Textarea label={t('programme.outputs.field.note')} autosize minRows={2} {...inputProps('note')} />
    </FormModal>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Group, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Partner, type PartnerFormValues, partnerFields } from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import type * as z from 'zod';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { RowActions } from '../../components/row-actions';
import { TableEmptyRow } from '../../components/table-empty-row';
import { ErrorAlert } from '../../components/error-alert';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { ProgrammeErrorAlert } from './programme-error-alert';
import { useProgrammeInvalidation } from './use-programme-invalidation';

type PartnerFields = z.output<typeof partnerFields>;
const fieldNames = ['name', 'city', 'country', 'website', 'description'] as const;

/** Partner organisations the projects are run with. */
export function PartnersPage() {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('delivery.write');
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const partners = useQuery(trpc.partners.list.queryOptions());
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const remove = useMutation(
    trpc.partners.delete.mutationOptions({
      onSuccess: async () => {
        await invalidate.partners();
        notifications.show({ color: 'green', message: t('programme.partners.removed') });
      },
    }),
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('programme.partners.title')}</Title>
        {canWrite && (
          <Button onClick={() => setEditing('new')} data-testid="partner-add">
            {t('programme.partners.add')}
          </Button>
        )}
      </Group>
      {remove.error && (
        <ProgrammeErrorAlert
          error={remove.error}
          conflictMessage={t('programme.partners.inUse')}
          onReload={() => {
            remove.reset();
            void invalidate.partners();
          }}
        />
      )}
      {partners.isPending ? (
        <Loading />
      ) : partners.isError ? (
        <ErrorAlert error={partners.error} onReload={() => void partners.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" data-testid="partners-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programme.partners.field.name')}</Table.Th>
                <Table.Th>{t('programme.partners.field.city')}</Table.Th>
                <Table.Th>{t('programme.partners.field.country')}</Table.Th>
                <Table.Th>{t('programme.partners.field.website')}</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.data.map((partner) => (
                <Table.Tr key={partner.id} data-testid="partner-row">
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {partner.name}
                    </Text>
                    {partner.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {partner.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{partner.city ?? t('common.none')}</Table.Td>
                  <Table.Td>{format.country(partner.country) || t('common.none')}</Table.Td>
                  <Table.Td>
                    {partner.website ? (
                      <Anchor href={partner.website} target="_blank" rel="noopener noreferrer" size="sm">
                        {partner.website.replace(/^https?:\/\//, '')}
                      </Anchor>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                  {canWrite && (
                    <RowActions
                      onEdit={() => setEditing(partner)}
                      onRemove={() => remove.mutate({ id: partner.id, version: partner.version })}
                      removing={remove.isPending && remove.variables?.id === partner.id}
                      confirmMessage={intl.formatMessage(
                        { id: 'programme.partners.removeConfirm' },
                        { name: partner.name },
                      )}
                    />
                  )}
                </Table.Tr>
              ))}
              {partners.data.length === 0 && (
                <TableEmptyRow colSpan={canWrite ? 5 : 4}>{t('programme.partners.empty')}</TableEmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <PartnerModal partner={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function PartnerModal({ partner, onClose }: { partner: Partner | null; onClose: () => void }) {
  const intl = useIntl();
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<PartnerFormValues, unknown, PartnerFields>({
    resolver: zodResolver(partnerFields),
    defaultValues: {
      name: partner?.name ?? '',
      city: partner?.city ?? '',
      country: partner?.country ?? '',
      website: partner?.website ?? '',
      description: partner?.description ?? '',
    },
  });
  const { inputProps } = useFieldProps(form);
  const done = async () => {
    await invalidate.partners();
    notifications.show({ color: 'green', message: t('common.saved') });
    onClose();
  };
  const create = useMutation(trpc.partners.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.partners.update.mutationOptions({ onSuccess: done }));
  const failure = create.error ?? update.error;

  const submit = form.handleSubmit(async (values) => {
    try {
      if (partner) await update.mutateAsync({ ...values, id: partner.id, version: partner.version });
      else await create.mutateAsync(values);
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldNames);
    }
  });

  return (
    <FormModal
      title={t(partner ? 'programme.partners.edit' : 'programme.partners.add')}
      onClose={onClose}
      onSubmit={submit}
      testId="partner-form"
      submitTestId="partner-save"
      submitting={create.isPending || update.isPending}
    >
      {failure && (
        <ErrorAlert
          error={failure}
          onReload={() => {
            void invalidate.partners();
            onClose();
          }}
        />
      )}
      <TextInput label={t('programme.partners.field.name')} required data-autofocus {...inputProps('name')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput label={t('programme.partners.field.city')} {...inputProps('city')} />
        <TextInput
          label={t('programme.partners.field.country')}
          description={t('programme.partners.field.countryHint')}
          maxLength={2}
          autoCapitalize="characters"
          {...inputProps('country')}
        />
      </SimpleGrid>
      <TextInput
        label={t('programme.partners.field.website')}
        type="url"
        placeholder="https://"
        {...inputProps('website')}
      />
      <Textarea
        label={t('programme.partners.field.description')}
        autosize
        minRows={2}
        maxRows={8}
        {...inputProps('description')}
      />
    </FormModal>
  );
}

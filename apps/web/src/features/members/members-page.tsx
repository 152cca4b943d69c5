import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type AddMemberInput, addMemberInput, type Member, type Role, roles } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan, useSession } from '../auth/use-session';
import { SecondFactorCell, SecondFactorSetting } from './second-factor-controls';

export function MembersPage() {
  const intl = useIntl();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canManage = useCan('member.manage');
  const { session } = useSession();
  const t = (id: string) => intl.formatMessage({ id });
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: canManage });
  const [removing, setRemoving] = useState<Member | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const setRole = useMutation(
    trpc.members.setRole.mutationOptions({
      onSuccess: () => notifications.show({ color: 'green', message: t('members.roleChanged') }),
      onSettled: refresh,
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: () => {
        setRemoving(null);
        notifications.show({ color: 'green', message: t('members.removed') });
      },
      onSettled: refresh,
    }),
  );

  const roleOptions = roles.map((role) => ({ value: role, label: t(`role.${role}`) }));
  if (!canManage) return <ErrorAlert error={{ data: { appCode: 'FORBIDDEN' } }} />;

  return (
    <Stack>
      <Title order={2}>{t('members.title')}</Title>
      <SecondFactorSetting />
      {(setRole.error ?? (removing ? null : remove.error)) && <ErrorAlert error={setRole.error ?? remove.error} />}
      {members.error && <ErrorAlert error={members.error} onReload={() => void members.refetch()} />}
      {members.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing="sm" data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.column.name')}</Table.Th>
                <Table.Th>{t('members.column.email')}</Table.Th>
                <Table.Th>{t('members.column.role')}</Table.Th>
                <Table.Th>{t('members.column.added')}</Table.Th>
                <Table.Th>{t('security.members.column')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.map((member) => (
                <Table.Tr key={member.userId} data-testid="member-row">
                  <Table.Td>
                    {member.displayName}
                    {member.userId === session?.user.id && (
                      <Text span c="dimmed" size="sm">
                        {' '}
                        ({t('members.you')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={intl.formatMessage({ id: 'members.roleFor' }, { name: member.displayName })}
                      data={roleOptions}
                      value={member.role}
                      allowDeselect={false}
                      disabled={setRole.isPending}
                      onChange={(role) => {
                        if (role && role !== member.role) setRole.mutate({ userId: member.userId, role: role as Role });
                      }}
                      w={170}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                  <Table.Td>{format.date(member.addedAt)}</Table.Td>
                  <Table.Td>
                    <SecondFactorCell member={member} onReset={refresh} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={intl.formatMessage({ id: 'members.removeFor' }, { name: member.displayName })}
                      onClick={() => {
                        remove.reset();
                        setRemoving(member);
                      }}
                    >
                      {t('common.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AddMemberForm onAdded={refresh} />

      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('members.remove.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{intl.formatMessage({ id: 'members.remove.body' }, { name: removing?.displayName ?? '' })}</Text>
          {remove.error && <ErrorAlert error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate({ userId: removing.userId })}
              data-testid="confirm-remove"
            >
              {t('common.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AddMemberForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [issued, setIssued] = useState<{ name: string; password: string } | null>(null);
  const form = useForm<AddMemberInput>({
    resolver: zodResolver(addMemberInput),
    defaultValues: { email: '', displayName: '', role: 'viewer' },
  });
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: async (result) => {
        form.reset();
        notifications.show({
          color: 'green',
          message: intl.formatMessage({ id: 'members.add.done' }, { name: result.member.displayName }),
        });
        if (result.temporaryPassword)
          setIssued({ name: result.member.displayName, password: result.temporaryPassword });
        await onAdded();
      },
      onError: (error) => applyServerFieldErrors(form.setError, error, ['email', 'displayName', 'role']),
    }),
  );
  const { inputProps, error } = useFieldProps(form);
  return (
    <Paper withBorder p="md" radius="md">
      <form noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))} data-testid="add-member-form">
        <Stack>
          <Title order={3} size="h4">
            {t('members.add.title')}
          </Title>
          {add.error && <ErrorAlert error={add.error} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('members.add.email')} type="email" required {...inputProps('email')} />
            <TextInput label={t('members.add.displayName')} required {...inputProps('displayName')} />
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <Select
                  label={t('members.add.role')}
                  data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                  value={field.value}
                  onChange={(value) => field.onChange(value)}
                  allowDeselect={false}
                  error={error('role')}
                  comboboxProps={{ withinPortal: true }}
                />
              )}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              {t('members.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal
        opened={issued !== null}
        onClose={() => setIssued(null)}
        title={t('members.tempPassword.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        closeOnClickOutside={false}
      >
        <Stack>
          <Alert color="yellow">
            {intl.formatMessage({ id: 'members.tempPassword.body' }, { name: issued?.name ?? '' })}
          </Alert>
          <Code block fz="lg" data-testid="temporary-password">
            {issued?.password}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={issued?.password ?? ''}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {t(copied ? 'members.tempPassword.copied' : 'members.tempPassword.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setIssued(null)}>{t('common.close')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

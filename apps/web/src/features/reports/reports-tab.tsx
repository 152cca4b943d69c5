import { Anchor, Badge, Button, Radio, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { type Grant, preparePackInput, type ReportPack } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import { deadlinePeriods, periodKey } from '../results/periods';

/** A pack's status as a badge: a draft, or submitted (on a date). */
export function PackStatusBadge({ pack }: { pack: Pick<ReportPack, 'status' | 'submittedDate'> }) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <Badge color={pack.status === 'submitted' ? 'green' : 'blue'} variant="light" data-testid="pack-status">
      {pack.status === 'submitted' && pack.submittedDate
        ? intl.formatMessage({ id: 'reports.status.submittedOn' }, { date: format.day(pack.submittedDate) })
        : intl.formatMessage({ id: `reports.status.${pack.status}` })}
    </Badge>
  );
}

/** A grant's report packs, one per period, and preparing a new one. */
export function ReportsTab({ grant }: { grant: Grant }) {
  const intl = useIntl();
  const format = useFormat();
  const canWrite = useCan('report.write');
  const t = (id: string) => intl.formatMessage({ id });
  const packs = useQuery(trpc.reports.list.queryOptions({ grantId: grant.id }));
  const deadlines = useQuery(trpc.deadlines.list.queryOptions({ grantId: grant.id }));
  const [preparing, setPreparing] = useState(false);

  if (packs.isPending) return <Loading />;
  if (packs.isError) return <ErrorAlert error={packs.error} onReload={() => void packs.refetch()} />;
  const deadlineOf = (pack: ReportPack) => deadlines.data?.find((d) => d.id === pack.deadlineId) ?? null;
  const sorted = [...packs.data].sort((a, b) => b.periodStart.localeCompare(a.periodStart));

  return (
    <Stack>
      <TabHeader title={t('reports.title')}>
        {canWrite && (
          <Button size="xs" onClick={() => setPreparing(true)} data-testid="report-prepare">
            {t('reports.prepare')}
          </Button>
        )}
      </TabHeader>
      <Text size="sm" c="dimmed">
        {t('reports.intro')}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table striped verticalSpacing="xs" data-testid="reports-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.column.period')}</Table.Th>
              <Table.Th>{t('reports.column.status')}</Table.Th>
              <Table.Th>{t('reports.column.deadline')}</Table.Th>
              <Table.Th>{t('reports.column.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((pack) => {
              const deadline = deadlineOf(pack);
              return (
                <Table.Tr key={pack.id} data-testid="report-row">
                  <Table.Td>
                    <Anchor
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/grants/$grantId/reports/$packId"
                          params={{ grantId: grant.id, packId: pack.id }}
                        />
                      )}
                    >
                      {format.day(pack.periodStart)} – {format.day(pack.periodEnd)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <PackStatusBadge pack={pack} />
                  </Table.Td>
                  <Table.Td>
                    {deadline
                      ? intl.formatMessage(
                          { id: 'reports.deadlineDue' },
                          { kind: t(`deadlineKind.${deadline.kind}`), date: format.day(deadline.dueDate) },
                        )
                      : t('reports.noDeadline')}
                  </Table.Td>
                  <Table.Td>{format.dateTime(pack.updatedAt)}</Table.Td>
                </Table.Tr>
              );
            })}
            {sorted.length === 0 && (
              <TableEmptyRow colSpan={4}>{t(canWrite ? 'reports.emptyWriter' : 'reports.empty')}</TableEmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {preparing && <PrepareModal grant={grant} onClose={() => setPreparing(false)} />}
    </Stack>
  );
}

interface PrepareDraft {
  choice: string;
  from: string;
  to: string;
}

const custom = 'custom';
const prepareFields = (path: string) =>
  path === 'from' || path === 'to' ? (path as FieldPath<PrepareDraft>) : undefined;

/** Choosing the period of a new pack: one of the grant's reporting periods, or any dates. */
function PrepareModal({ grant, onClose }: { grant: Grant; onClose: () => void }) {
  const intl = useIntl();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const deadlines = useQuery(trpc.deadlines.list.queryOptions({ grantId: grant.id }));
  const picks = deadlinePeriods(deadlines.data ?? []);
  const form = useForm<PrepareDraft>({ defaultValues: { choice: '', from: grant.startDate, to: grant.endDate } });
  const { inputProps } = useFieldProps(form);
  const choice = form.watch('choice');
  const prepare = useMutation(trpc.reports.prepare.mutationOptions());

  const submit = form.handleSubmit(async (draft) => {
    const problems = new FormProblems<PrepareDraft>();
    const pick = picks.find((p) => periodKey(p) === draft.choice);
    const period = pick ? { from: pick.from, to: pick.to } : { from: draft.from, to: draft.to };
    if (!pick && draft.choice !== custom) {
      problems.problems.push(['choice', 'validation.required']);
    }
    const input = problems.check(preparePackInput, { grantId: grant.id, ...period }, prepareFields);
    if (problems.apply(form.setError) || !input) return;
    try {
      const pack = await prepare.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() });
      onClose();
      await navigate({ to: '/grants/$grantId/reports/$packId', params: { grantId: grant.id, packId: pack.id } });
    } catch (saveError) {
      applyServerFieldErrors(form.setError, saveError, prepareFields);
    }
  });

  const choiceError = form.formState.errors.choice?.message;
  return (
    <FormModal
      title={t('reports.prepareTitle')}
      onClose={onClose}
      onSubmit={submit}
      testId="report-prepare-form"
      submitLabel={t('reports.prepareSubmit')}
      submitTestId="report-prepare-submit"
      submitting={prepare.isPending}
    >
      {prepare.error && <ErrorAlert error={prepare.error} />}
      <Radio.Group
        value={choice}
        onChange={(value) => form.setValue('choice', value, { shouldValidate: false })}
        label={t('reports.periodLabel')}
        error={choiceError ? t('reports.choosePeriod') : undefined}
      >
        <Stack gap="xs" mt="xs" data-testid="report-period-choices">
          {picks.map((p) => (
            <Radio
              key={periodKey(p)}
              value={periodKey(p)}
              label={`${p.kinds.map((k) => t(`deadlineKind.${k}`)).join(', ')}: ${format.day(p.from)} – ${format.day(p.to)}`}
              description={intl.formatMessage({ id: 'reports.dueOn' }, { date: format.day(p.dueDate) })}
            />
          ))}
          <Radio value={custom} label={t('reports.customPeriod')} data-testid="report-period-custom" />
        </Stack>
      </Radio.Group>
      {choice === custom && (
        <SimpleGrid cols={2}>
          <TextInput type="date" label={t('reports.from')} required {...inputProps('from')} />
          <TextInput type="date" label={t('reports.to')} required {...inputProps('to')} />
        </SimpleGrid>
      )}
    </FormModal>
  );
}

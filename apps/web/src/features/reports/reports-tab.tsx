import { Anchor, Badge, Button, Group, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { type Grant, preparePackInput, type ReportPack } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { EmptyState } from '../../components/empty-state';
import { TableEmptyRow } from '../../components/table-empty-row';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { TabHeader } from '../grants/tab-header';
import { useLatticePeriods } from '../results/lattice-periods';
import { deadlinePeriods, periodKey } from '../results/periods';

/** A pack's status as a badge: a draft, or submitted (on a date). */
export function PackStatusBadge({
  pack,
}: {
  pack: Pick<ReportPack, 'status' | 'submittedDate'> & Partial<Pick<ReportPack, 'edition'>>;
}) {
  const intl = useIntl();
  const format = useFormat();
  const status = (
    <Badge color={pack.status === 'submitted' ? 'green' : 'blue'} variant="light" data-testid="pack-status">
      {pack.status === 'submitted' && pack.submittedDate
        ? intl.formatMessage({ id: 'reports.status.submittedOn' }, { date: format.day(pack.submittedDate) })
        : intl.formatMessage({ id: `reports.status.${pack.status}` })}
    </Badge>
  );
  if (!pack.edition || pack.edition <= 1) return status;
  // A new version of a submitted period is labelled as such, beside its status.
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color="grape" variant="light" data-testid="pack-edition">
        {intl.formatMessage({ id: 'reports.version.badge' }, { edition: pack.edition })}
      </Badge>
      {status}
    </Group>
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
              <TableEmptyRow colSpan={4}>
                <EmptyState
                  filtered={false}
                  purpose={t(canWrite ? 'reports.firstStep' : 'reports.empty')}
                  action={
                    canWrite && (
                      <Button size="sm" onClick={() => setPreparing(true)} data-testid="first-report">
                        {t('reports.prepare')}
                      </Button>
                    )
                  }
                />
              </TableEmptyRow>
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

/** Choosing the period of a new pack: one of the grant's reporting periods, or another of the lattice's. */
function PrepareModal({ grant, onClose }: { grant: Grant; onClose: () => void }) {
  const intl = useIntl();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const deadlines = useQuery(trpc.deadlines.list.queryOptions({ grantId: grant.id }));
  const picks = deadlinePeriods(deadlines.data ?? []);
  // A pack leaves the organisation: besides the reporting periods, only the lattice's other
  // periods (whole grant, years, quarters) may be chosen, never any two dates (ADR 0012).
  const lattice = useLatticePeriods({ kind: 'grant', id: grant.id });
  const others = lattice.periods.filter((p) => !picks.some((d) => periodKey(d) === periodKey(p)));
  const form = useForm<PrepareDraft>({ defaultValues: { choice: '', from: '', to: '' } });
  const choice = form.watch('choice');
  const prepare = useMutation(trpc.reports.prepare.mutationOptions());

  const submit = form.handleSubmit(async (draft) => {
    const problems = new FormProblems<PrepareDraft>();
    const pick = picks.find((p) => periodKey(p) === draft.choice);
    const other = others.find((p) => periodKey(p) === draft.from);
    const period = pick ? { from: pick.from, to: pick.to } : other ? { from: other.from, to: other.to } : null;
    if (!period) {
      problems.problems.push([draft.choice === custom ? 'from' : 'choice', 'validation.required']);
      problems.apply(form.setError);
      return;
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
        <Select
          label={t('reports.otherPeriod')}
          required
          data={others.map((p) => ({ value: periodKey(p), label: p.label }))}
          value={form.watch('from') || null}
          onChange={(value) => form.setValue('from', value ?? '', { shouldValidate: false })}
          error={form.formState.errors.from?.message ? t('reports.choosePeriod') : undefined}
          data-testid="report-period-other"
        />
      )}
    </FormModal>
  );
}

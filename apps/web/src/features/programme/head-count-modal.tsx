import { Checkbox, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type AgeBand,
  ageBands,
  type Gender,
  genders,
  type HeadCountCell,
  recordHeadCountInput,
  type ShownActivitySession,
  type ShownHeadCountSplit,
} from '@tessera/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { Loading } from '../../components/loading';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { exactCount } from './shown';
import { useProgrammeFormat } from './use-programme-format';
import { useProgrammeInvalidation } from './use-programme-invalidation';

/** Form keys cannot hold the "|" or "." a cell's name might; gender and band joined by "__". */
const cellKey = (gender: Gender, ageBand: AgeBand) => `${gender}__${ageBand}`;

interface HeadCountFormValues {
  total: string;
  split: boolean;
  cells: Record<string, string>;
}

const countPattern = /^\s*\d+\s*$/;

/**
 * The head count of one session without a register: a total, optionally split by gender and age
 * band. Whatever is not split is kept as undisclosed (the domain's headCountCells), so the
 * stored cells always add up to the total.
 */
export function HeadCountModal({ session, onClose }: { session: ShownActivitySession; onClose: () => void }) {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const existing = useQuery(trpc.sessions.headCount.queryOptions({ id: session.id }));

  return existing.isPending ? (
    <FormModal title={t('programme.headCount.title')} onClose={onClose} onSubmit={(e) => e.preventDefault()} submitting>
      <Loading />
    </FormModal>
  ) : existing.isError ? (
    <FormModal
      title={t('programme.headCount.title')}
      onClose={onClose}
      onSubmit={(e) => e.preventDefault()}
      submitting={false}
      submitDisabled
    >
      <ErrorAlert error={existing.error} onReload={() => void existing.refetch()} />
    </FormModal>
  ) : (
    <HeadCountForm
      session={existing.data.session}
      cells={existing.data.cells}
      title={`${t('programme.headCount.title')} · ${pf.sessionStart(session.date, session.startTime)}`}
      onClose={onClose}
    />
  );
}

function HeadCountForm({
  session,
  cells,
  title,
  onClose,
}: {
  session: ShownActivitySession;
  cells: ShownHeadCountSplit['cells'];
  title: string;
  onClose: () => void;
}) {
  const intl = useIntl();
  const invalidate = useProgrammeInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  // A stored count that is all "undisclosed" was never split; anything else opens split.
  const wasSplit = cells.some((c) => c.gender !== 'undisclosed' || c.ageBand !== 'undisclosed');
  // Only roles that see counts exactly record head counts, so every count here is a number.
  const asText = (count: ShownActivitySession['headCount']) => String(exactCount(count) ?? '');
  const form = useForm<HeadCountFormValues>({
    defaultValues: {
      total: asText(session.headCount),
      split: wasSplit,
      cells: Object.fromEntries(wasSplit ? cells.map((c) => [cellKey(c.gender, c.ageBand), asText(c.count)]) : []),
    },
  });
  const { inputProps } = useFieldProps(form);
  const record = useMutation(
    trpc.sessions.recordHeadCount.mutationOptions({
      onSuccess: async () => {
        await invalidate.sessions();
        notifications.show({ color: 'green', message: t('programme.headCount.saved') });
        onClose();
      },
    }),
  );
  const fieldFor = (path: string): FieldPath<HeadCountFormValues> | undefined =>
    path === 'total' || path.startsWith('cells') ? 'total' : undefined;

  const split = form.watch('split');
  const typed = form.watch('cells');
  const total = form.watch('total');
  const splitSum = Object.values(typed ?? {}).reduce((sum, v) => sum + (countPattern.test(v) ? Number(v) : 0), 0);
  const totalNumber = countPattern.test(total) ? Number(total) : null;

  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<HeadCountFormValues>();
    const entered: HeadCountCell[] = [];
    if (values.split) {
      for (const gender of genders) {
        for (const ageBand of ageBands) {
          const key = cellKey(gender, ageBand);
          const text = values.cells[key]?.trim() ?? '';
          if (text === '') continue;
          if (!countPattern.test(text)) problems.problems.push([`cells.${key}`, 'validation.invalidNumber']);
          else entered.push({ gender, ageBand, count: Number(text) });
        }
      }
    }
    const input = problems.check(
      recordHeadCountInput,
      {
        sessionId: session.id,
        version: session.version,
        total: countPattern.test(values.total) ? Number(values.total) : Number.NaN,
        cells: entered,
      },
      fieldFor,
    );
    if (problems.apply(form.setError) || !input) return;
    try {
      await record.mutateAsync(input);
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldFor);
    }
  });

  return (
    <FormModal
      title={title}
      size={split ? 'xl' : 'md'}
      onClose={onClose}
      onSubmit={submit}
      testId="head-count-form"
      submitTestId="head-count-save"
      submitting={record.isPending}
    >
      {record.error && (
        <ErrorAlert
          error={record.error}
          onReload={() => {
            void invalidate.sessions();
            onClose();
          }}
        />
      )}
      <TextInput
        label={t('programme.headCount.total')}
        required
        inputMode="numeric"
        maw={200}
        data-autofocus
        {...inputProps('total')}
      />
      <Checkbox
        label={t('programme.headCount.split')}
        description={t('programme.headCount.splitHint')}
        {...form.register('split')}
        data-testid="head-count-split"
      />
      {split && (
        <Stack gap="xs">
          <Table.ScrollContainer minWidth={640}>
            <Table
              withTableBorder
              withColumnBorders
              verticalSpacing={4}
              horizontalSpacing={4}
              data-testid="head-count-cells"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {ageBands.map((band) => (
                    <Table.Th key={band} ta="center" fz="xs">
                      {t(`programme.ageBand.${band}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {genders.map((gender) => (
                  <Table.Tr key={gender}>
                    <Table.Th fz="xs">{t(`programme.gender.${gender}`)}</Table.Th>
                    {ageBands.map((band) => {
                      const name = `cells.${cellKey(gender, band)}` as const;
                      const invalid = form.getFieldState(name, form.formState).error;
                      return (
                        <Table.Td key={band}>
                          <TextInput
                            size="xs"
                            inputMode="numeric"
                            aria-label={`${t(`programme.gender.${gender}`)}, ${t(`programme.ageBand.${band}`)}`}
                            error={Boolean(invalid)}
                            data-testid={`head-count-${gender}-${band}`}
                            styles={{ input: { textAlign: 'right' } }}
                            {...form.register(name)}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text
            size="sm"
            c={totalNumber !== null && splitSum > totalNumber ? 'red' : 'dimmed'}
            aria-live="polite"
            data-testid="head-count-remainder"
          >
            {totalNumber !== null && splitSum > totalNumber
              ? t('validation.headCountSplit')
              : intl.formatMessage(
                  { id: 'programme.headCount.remainder' },
                  { split: splitSum, rest: Math.max(0, (totalNumber ?? 0) - splitSum) },
                )}
          </Text>
        </Stack>
      )}
    </FormModal>
  );
}

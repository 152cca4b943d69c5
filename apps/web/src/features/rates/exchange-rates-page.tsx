import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { createExchangeRateInput, decimalString, isCurrencyCode } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldPath, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { ReadingChoice } from '../../components/money-fields/amount-field';
import { readRateText } from '../../components/money-fields/typed-rate';
import { TableEmptyRow } from '../../components/table-empty-row';
import { readAppError, translateMessageKey } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { FormProblems } from '../../lib/form-validation';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';

interface RateFormValues {
  date: string;
  fromCurrency: string;
  toCurrency: string;
  rate: string;
}

/** CSV problems arrive keyed "row 3: rate"; sort them by row so the list reads top to bottom. */
export function csvProblems(
  fieldErrors: Record<string, string[]> | null,
): { row: number | null; field: string; key: string }[] {
  return Object.entries(fieldErrors ?? {})
    .flatMap(([path, keys]) => {
      const match = /^row (\d+): (\w+)$/.exec(path);
      return keys.map((key) => ({ row: match ? Number(match[1]) : null, field: match?.[2] ?? path, key }));
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

export function ExchangeRatesPage() {
  const intl = useIntl();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canWrite = useCan('rate.write');
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [currency, setCurrency] = useState('');
  const filter = /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : undefined;
  const rates = useQuery(trpc.exchangeRates.list.queryOptions({ currency: filter, limit: 500 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.exchangeRates.pathKey() });

  const remove = useMutation(
    trpc.exchangeRates.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifications.show({ color: 'green', message: t('rates.removed') });
      },
    }),
  );

  return (
    <Stack>
      <Title order={2}>{t('rates.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('rates.intro')}
      </Text>
      {canWrite && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <AddRate onSaved={refresh} />
          <ImportRates onImported={refresh} />
        </SimpleGrid>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('rates.filterCurrency')}
          placeholder="USD"
          maxLength={3}
          value={currency}
          onChange={(event) => setCurrency(event.currentTarget.value)}
          w={140}
        />
      </Group>
      {remove.error && <ErrorAlert error={remove.error} />}
      {rates.error && <ErrorAlert error={rates.error} onReload={() => void rates.refetch()} />}
      {rates.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped verticalSpacing="xs" data-testid="rates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rates.date')}</Table.Th>
                <Table.Th>{t('rates.from')}</Table.Th>
                <Table.Th>{t('rates.to')}</Table.Th>
                <Table.Th ta="right">{t('rates.rate')}</Table.Th>
                <Table.Th>{t('rates.source')}</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.data?.map((rate) => (
                <Table.Tr key={rate.id} data-testid="rate-row">
                  <Table.Td>{format.day(rate.date)}</Table.Td>
                  <Table.Td>{rate.fromCurrency}</Table.Td>
                  <Table.Td>{rate.toCurrency}</Table.Td>
                  <Table.Td ta="right">
                    {intl.formatMessage(
                      { id: 'money.rate.quote' },
                      { per: rate.fromCurrency, value: format.rate(rate.rate), other: rate.toCurrency },
                    )}
                  </Table.Td>
                  <Table.Td>{t(`rateSource.${rate.source}`)}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables?.id === rate.id}
                        onClick={() => remove.mutate({ id: rate.id })}
                        aria-label={t('rates.removeFor', {
                          pair: `${rate.fromCurrency}/${rate.toCurrency}`,
                          date: format.day(rate.date),
                        })}
                      >
                        {t('common.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
              {rates.data?.length === 0 && <TableEmptyRow colSpan={6}>{t('rates.empty')}</TableEmptyRow>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function AddRate({ onSaved }: { onSaved: () => Promise<unknown> }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<RateFormValues>({ defaultValues: { date: '', fromCurrency: '', toCurrency: '', rate: '' } });
  const { inputProps } = useFieldProps(form);
  const format = useFormat();
  const save = useMutation(trpc.exchangeRates.save.mutationOptions());
  const from = form.watch('fromCurrency').trim().toUpperCase();
  const to = form.watch('toCurrency').trim().toUpperCase();
  // Typed the way people say it and read like any typed number: "61,5", "1.955,83", "61.5".
  const read = readRateText(form.watch('rate'), from);
  const said =
    read.kind === 'quote' && isCurrencyCode(from) && isCurrencyCode(to)
      ? intl.formatMessage({ id: 'money.rate.quote' }, { per: from, value: format.rate(read.quote.value), other: to })
      : undefined;
  const fieldFor = (path: string) => (path in form.getValues() ? (path as FieldPath<RateFormValues>) : undefined);
  const submit = form.handleSubmit(async (values) => {
    const problems = new FormProblems<RateFormValues>();
    const typed = readRateText(values.rate, from);
    if (typed.kind === 'problem') problems.problems.push(['rate', typed.error]);
    const rate = typed.kind === 'quote' ? typed.quote.value : values.rate;
    const input = problems.check(createExchangeRateInput, { ...values, rate }, fieldFor);
    if (problems.apply(form.setError) || !input) return;
    try {
      const outcome = await save.mutateAsync(input);
      await onSaved();
      notifications.show({ color: 'green', message: t(`rates.outcome.${outcome}`) });
      form.reset({ ...values, rate: '' });
    } catch (error) {
      applyServerFieldErrors(form.setError, error, fieldFor);
    }
  });
  return (
    <Paper withBorder p="md" radius="md">
      <form noValidate onSubmit={submit} data-testid="rate-form">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('rates.add')}
          </Title>
          {save.error && <ErrorAlert error={save.error} />}
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput type="date" label={t('rates.date')} required {...inputProps('date')} />
            <TextInput label={t('rates.from')} required maxLength={3} {...inputProps('fromCurrency')} />
            <TextInput label={t('rates.to')} required maxLength={3} {...inputProps('toCurrency')} />
            <TextInput
              label={t('rates.rate')}
              required
              inputMode="decimal"
              autoComplete="off"
              description={said}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...inputProps('rate')}
              data-testid="rate-form-rate"
            />
          </SimpleGrid>
          {read.kind === 'problem' && read.readings && (
            <ReadingChoice
              testId="rate-form-rate"
              readings={read.readings.map((digits) => ({ label: format.rate(decimalString(digits)), digits }))}
              onChoose={(text) => {
                form.setValue('rate', text);
                form.clearErrors('rate');
              }}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ImportRates({ onImported }: { onImported: () => Promise<unknown> }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const importCsv = useMutation(trpc.exchangeRates.importCsv.mutationOptions({ onSuccess: () => onImported() }));
  const info = readAppError(importCsv.error);
  const problems = info?.appCode === 'VALIDATION' ? csvProblems(info.fieldErrors) : [];

  const run = async () => {
    setReadError(null);
    importCsv.reset();
    if (!file) return;
    if (file.size > 900_000) {
      setReadError(translateMessageKey(intl, 'validation.fileTooLarge?max=0.9') ?? null);
      return;
    }
    let csv: string;
    try {
      csv = await file.text();
    } catch {
      setReadError(t('validation.invalid'));
      return;
    }
    importCsv.mutate({ csv });
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="rate-import">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('rates.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('rates.import.hint')}
        </Text>
        <FileInput
          label={t('rates.import.file')}
          accept=".csv,text/csv"
          clearable
          value={file}
          onChange={(value) => {
            setFile(value);
            importCsv.reset();
          }}
          error={readError}
          data-testid="rate-import-file"
        />
        <Group justify="flex-end">
          <Button onClick={() => void run()} disabled={!file} loading={importCsv.isPending}>
            {t('rates.import.submit')}
          </Button>
        </Group>
        {importCsv.data && (
          <Alert color="green" data-testid="rate-import-result">
            {t('rates.import.done', importCsv.data as unknown as Record<string, number>)}
          </Alert>
        )}
        {importCsv.error && problems.length === 0 && <ErrorAlert error={importCsv.error} />}
        {problems.length > 0 && (
          <Alert color="orange" title={t('rates.import.failed')} data-testid="rate-import-errors">
            <List size="sm">
              {problems.map((problem) => (
                <List.Item key={`${problem.row}-${problem.field}-${problem.key}`}>
                  {problem.row === null
                    ? translateMessageKey(intl, problem.key)
                    : t('rates.import.rowProblem', {
                        row: problem.row,
                        field: t(`rates.column.${fieldLabel(problem.field)}`),
                        message: translateMessageKey(intl, problem.key) ?? '',
                      })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** Schema field names of a CSV row → the CSV column they came from. */
function fieldLabel(field: string): string {
  const columns: Record<string, string> = { date: 'date', fromCurrency: 'from', toCurrency: 'to', rate: 'rate' };
  return columns[field] ?? 'other';
}

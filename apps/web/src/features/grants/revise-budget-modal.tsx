import { Alert, Button, Group, List, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type BudgetLine, type Grant, parseAmount, parseMessageKey, todayIn } from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey } from '../../lib/idempotency';
import { type IntlShape, useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal } from '../../components/form-modal';
import { isMessageId } from '../../i18n/catalogs';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useGrantInvalidation } from './use-grant-invalidation';

/**
 * New amounts per line; the running difference must come back to zero (a revision reallocates).
 * The form keeps the budget as it was when opened and sends it with the new amounts: if someone
 * revised, added or deleted a line meanwhile, the server refuses the whole revision and this
 * form lists what changed, with a way to start again from the budget as it is now.
 */
export function ReviseBudgetModal({
  grant,
  lines,
  onClose,
  onReload,
}: {
  grant: Grant;
  lines: BudgetLine[];
  onClose: () => void;
  /** Reopens the form on the budget as it is now. */
  onReload: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const invalidate = useGrantInvalidation();
  const t = (id: string) => intl.formatMessage({ id });
  // The budget as the user saw it: a background refetch must not move it under their typing.
  const [seen] = useState(lines);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [date, setDate] = useState(() => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [justification, setJustification] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(seen.map((line) => [line.id, format.minorForInput(line.amountMinor, grant.currency)])),
  );
  const revise = useMutation(
    trpc.budget.revise.mutationOptions({
      onSuccess: async () => {
        await invalidate.budget();
        notifications.show({ color: 'green', message: t('budget.revise.done') });
        onClose();
      },
    }),
  );
  const parsed = seen.map((line) => ({ line, result: parseAmount(amounts[line.id] ?? '', grant.currency) }));
  const difference = parsed.reduce(
    (sum, { line, result }) => sum + (result.ok ? result.amountMinor - line.amountMinor : 0),
    0,
  );
  const allValid = parsed.every(({ result }) => result.ok);
  const failure = readAppError(revise.error);
  const conflict = failure?.appCode === 'STALE_VERSION';
  const serverErrors = Object.fromEntries(firstFieldErrors(failure));
  const money = (minor: string | undefined) => format.money(Number(minor ?? 0), grant.currency);

  return (
    <FormModal
      title={t('budget.revise.title')}
      size="lg"
      onClose={onClose}
      onSubmit={(event) => {
        event.preventDefault();
        if (!allValid || difference !== 0) return;
        revise.mutate({
          grantId: grant.id,
          idempotencyKey,
          date,
          justification,
          lines: parsed.map(({ line, result }) => ({
            budgetLineId: line.id,
            version: line.version,
            amountBeforeMinor: line.amountMinor,
            amountMinor: result.ok ? result.amountMinor : line.amountMinor,
          })),
        });
      }}
      testId="budget-revise-form"
      submitting={revise.isPending}
      submitLabel={t('budget.revise.submit')}
      submitDisabled={!allValid || difference !== 0 || conflict}
    >
      {conflict ? (
        <Alert color="red" role="alert" data-testid="budget-revise-conflict">
          <Text size="sm">{t('budget.revise.conflict')}</Text>
          <List size="sm" mt={4}>
            {conflictMessages(failure?.fieldErrors ?? {}, seen).map(({ path, message }) => (
              <List.Item key={`${path}:${message}`}>{describeChange(intl, message, money)}</List.Item>
            ))}
          </List>
          <Group mt="xs">
            <Button size="xs" variant="white" color="red" onClick={onReload}>
              {t('budget.revise.reloadLines')}
            </Button>
          </Group>
        </Alert>
      ) : (
        revise.error && <ErrorAlert error={revise.error} />
      )}
      <Group grow wrap="wrap">
        <TextInput
          type="date"
          label={t('budget.revise.date')}
          required
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          error={translateMessageKey(intl, serverErrors.date)}
        />
      </Group>
      <Textarea
        label={t('budget.revise.justification')}
        required
        autosize
        minRows={2}
        value={justification}
        onChange={(event) => setJustification(event.currentTarget.value)}
        error={translateMessageKey(intl, serverErrors.justification)}
      />
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('budget.line.code')}</Table.Th>
            <Table.Th ta="right">{t('budget.line.current')}</Table.Th>
            <Table.Th>{t('budget.revise.newAmount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parsed.map(({ line, result }) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                {line.code} · {line.category}
              </Table.Td>
              <Table.Td ta="right">{format.money(line.amountMinor, grant.currency)}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={intl.formatMessage({ id: 'budget.revise.newAmountFor' }, { code: line.code })}
                  inputMode="decimal"
                  value={amounts[line.id] ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setAmounts((previous) => ({ ...previous, [line.id]: value }));
                  }}
                  error={result.ok ? undefined : translateMessageKey(intl, result.error)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600} c={difference === 0 ? 'green' : 'red'} aria-live="polite" data-testid="budget-revise-difference">
        {intl.formatMessage({ id: 'budget.revise.difference' }, { amount: format.money(difference, grant.currency) })}
      </Text>
      {difference !== 0 && <Text size="sm">{translateMessageKey(intl, 'validation.unbalancedRevision')}</Text>}
    </FormModal>
  );
}

/** The server's conflict messages in line order, a deleted line named by the code the form showed. */
function conflictMessages(
  fieldErrors: Record<string, string[]>,
  seen: BudgetLine[],
): { path: string; message: string }[] {
  return Object.entries(fieldErrors).flatMap(([path, messages]) =>
    messages.map((message) => {
      const index = /^lines\.(\d+)\./.exec(path)?.[1];
      const line = index === undefined ? undefined : seen[Number(index)];
      const { key, params } = parseMessageKey(message);
      if (key === 'validation.budgetLineRemoved' && line && !params.code) {
        return { path, message: `${key}?code=${encodeURIComponent(line.code)}` };
      }
      return { path, message };
    }),
  );
}

/** One change in words, with its amounts formatted as money in the user's language. */
function describeChange(intl: IntlShape, message: string, money: (minor: string | undefined) => string): string {
  const { key, params } = parseMessageKey(message);
  if (!isMessageId(key)) return translateMessageKey(intl, message) ?? '';
  return intl.formatMessage({ id: key }, { ...params, before: money(params.before), now: money(params.now) });
}

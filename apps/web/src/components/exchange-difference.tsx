import { Table, Text } from '@mantine/core';
import { type ExchangeDifference, naturalQuote } from '@tessera/domain';
import { useIntl } from 'react-intl';
import { useFormat } from '../lib/use-format';

/**
 * The realised exchange difference of a grant and the reconciliation of its cash on hand in both
 * currencies (docs/decisions/0016): the grant's books, the difference, the bank. Each column adds
 * up exactly; a row says the same amount in both currencies at the rate of receipt.
 */
export function ExchangeDifferenceTable({
  exchange,
  currency,
  baseCurrency,
}: {
  exchange: ExchangeDifference | null;
  currency: string;
  baseCurrency: string;
}) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  if (exchange === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="bva-exchange-none">
        {t('bva.exchange.nothingReceived')}
      </Text>
    );
  }
  const money = (minor: number) => format.money(minor, currency);
  const base = (minor: number) => format.money(minor, baseCurrency);
  const quote = naturalQuote(exchange.rateOfReceipt, currency, baseCurrency, baseCurrency);
  const difference = exchange.differenceBaseMinor;
  const label = difference > 0 ? 'bva.exchange.gain' : difference < 0 ? 'bva.exchange.loss' : 'bva.exchange.difference';
  return (
    <>
      <Text size="sm" data-testid="bva-exchange-rate">
        {t('bva.exchange.rateOfReceipt', {
          quote: t('money.rate.quote', { ...quote, value: format.rate(quote.value) }),
        })}
      </Text>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="xs" data-testid="bva-exchange">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{currency}</Table.Th>
              <Table.Th ta="right">{baseCurrency}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('bva.exchange.books')}</Table.Td>
              <Table.Td ta="right">{money(exchange.onHandMinor)}</Table.Td>
              <Table.Td ta="right" data-testid="bva-exchange-books-base">
                {base(exchange.onHandAtReceiptRateBaseMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr c={difference < 0 ? 'red' : difference > 0 ? 'teal' : undefined} data-testid="bva-exchange-row">
              <Table.Td>{t(label)}</Table.Td>
              <Table.Td ta="right" data-testid="bva-exchange-difference">
                {money(exchange.differenceMinor)}
              </Table.Td>
              <Table.Td ta="right" data-testid="bva-exchange-difference-base">
                {base(exchange.differenceBaseMinor)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Td>{t('bva.exchange.bank')}</Table.Td>
              <Table.Td ta="right" data-testid="bva-exchange-bank">
                {money(exchange.onHandAtActualRatesMinor)}
              </Table.Td>
              <Table.Td ta="right">{base(exchange.onHandBaseMinor)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t('bva.exchange.note', { currency, base: baseCurrency })}
      </Text>
    </>
  );
}

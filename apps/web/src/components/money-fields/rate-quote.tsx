import { naturalQuote } from '@tessera/domain';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';

/** A stored rate (`rate` units of `to` per one `from`) said the way people say it: "1 USD = 54 MKD". */
export function RateQuote({ rate, from, to, local }: { rate: string; from: string; to: string; local: string }) {
  const intl = useIntl();
  const format = useFormat();
  const quote = naturalQuote(rate, from, to, local);
  // One line: "1 USD = 54 MKD" broken over three reads as three figures.
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {intl.formatMessage({ id: 'money.rate.quote' }, { ...quote, value: format.rate(quote.value) })}
    </span>
  );
}

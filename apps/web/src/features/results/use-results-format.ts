import { type Disaggregation, type IndicatorType, type Shown, shownText } from '@tessera/domain';
import { useIntl } from 'react-intl';
import { shownNode } from '../../components/suppressed';
import { isMessageId } from '../../i18n/catalogs';
import { useFormat } from '../../lib/use-format';

/**
 * Indicator figures as the results screens show them, in the UI locale: counts and sums with up
 * to two decimals, percentage indicators with a per-cent sign, hidden counts as the neutral mark
 * "x" (with its meaning for screen readers), and missing figures as a dash.
 */
export function useResultsFormat() {
  const intl = useIntl();
  const format = useFormat();
  const dash = intl.formatMessage({ id: 'common.none' });
  const value = (v: number, type: IndicatorType) =>
    type === 'percentage'
      ? format.percent(v / 100)
      : format.number(v, { maximumFractionDigits: Number.isInteger(v) ? 0 : 2 });
  return {
    dash,
    value,
    optional: (v: number | null, type: IndicatorType) => (v === null ? dash : value(v, type)),
    /** An actual or cumulative: the figure, the mark "x" where hidden, a dash where there is none. */
    shown: (s: Shown | null, type: IndicatorType) => (s === null ? dash : shownNode(s, (n) => value(n, type))),
    /** The same as plain text, for a figure inside a sentence or a label. */
    shownText: (s: Shown | null, type: IndicatorType) => (s === null ? dash : shownText(s, (n) => value(n, type))),
    /** % achieved: "85 %" or a dash. */
    achieved: (p: number | null) => (p === null ? dash : format.percent(p / 100)),
    period: (from: string, to: string) => `${format.day(from)} – ${format.day(to)}`,
    /** A group of a breakdown: a translated gender or age band, a city as recorded. */
    group: (dimension: Disaggregation, key: string) => {
      if (key === '') return intl.formatMessage({ id: 'results.group.none' });
      if (dimension === 'city') return key;
      const id = `programme.${dimension}.${key}`;
      return isMessageId(id) ? intl.formatMessage({ id }) : key;
    },
  };
}

import { useMediaQuery } from '@mantine/hooks';
import { type Shown, shownText } from '@tessera/domain';
import { shownNode } from '../../components/suppressed';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';

/** Hours and periods as the programme screens show them, in the current UI locale. */
export function useProgrammeFormat() {
  const intl = useIntl();
  const format = useFormat();
  /** Minutes as hours with at most one decimal: "80 h", "7.5 h". */
  const hours = (minutes: number) =>
    intl.formatMessage(
      { id: 'programme.hoursValue' },
      { hours: format.number(minutes / 60, { maximumFractionDigits: 1 }) },
    );
  return {
    hours,
    /** A session's length: "3 h", "1 h 30 min" (never "3:00", which reads as a time). */
    duration: format.duration,
    /** A session's day and start time. */
    sessionStart: format.sessionStart,
    period: (start: string, end: string) =>
      start === end ? format.day(start) : `${format.day(start)} – ${format.day(end)}`,
    number: (value: number) => format.number(value),
    /** A count of people: the number, or the neutral mark (with its meaning) where it is hidden. */
    count: (shown: Shown) => shownNode(shown, format.number),
    /** The same as plain text ("x" where hidden), for a figure inside a sentence. */
    countText: (shown: Shown) => shownText(shown, format.number),
    /** Minutes that belong to people (participant hours): hours, or the mark with their count. */
    peopleHours: (shown: Shown) => shownNode(shown, hours),
    day: format.day,
  };
}

/**
 * Phones get stacked cards instead of wide tables (below Mantine's `sm`, 48em). Read at once, not
 * in an effect, so the page does not draw the table first and then swap it.
 */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', undefined, { getInitialValueInEffect: false });
}

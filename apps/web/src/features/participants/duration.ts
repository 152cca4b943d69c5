import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/**
 * Minutes as hours and minutes in the UI language ("62 h 30 min"): hours are kept as integer
 * minutes everywhere, and shown this way rather than as decimal hours so nothing is rounded.
 */
export function useDuration() {
  const intl = useIntl();
  return useCallback(
    (minutes: number) => {
      const hours = Math.floor(minutes / 60);
      const rest = minutes % 60;
      const h = intl.formatNumber(hours);
      const m = intl.formatNumber(rest);
      if (hours === 0) return intl.formatMessage({ id: 'participants.duration.minutes' }, { minutes: m });
      if (rest === 0) return intl.formatMessage({ id: 'participants.duration.hours' }, { hours: h });
      return intl.formatMessage({ id: 'participants.duration.both' }, { hours: h, minutes: m });
    },
    [intl],
  );
}

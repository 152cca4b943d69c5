import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { formatDuration } from '../../lib/use-format';

/**
 * Minutes as hours and minutes in the UI language ("62 h 30 min"): hours are kept as integer
 * minutes everywhere, and shown this way rather than as decimal hours so nothing is rounded.
 */
export function useDuration() {
  const intl = useIntl();
  return useCallback((minutes: number) => formatDuration(intl, minutes), [intl]);
}

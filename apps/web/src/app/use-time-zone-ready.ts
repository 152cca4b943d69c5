import { useEffect, useState } from 'react';
import { dateTimeFormatPolyfilled } from './polyfills';
import { loadTimeZones, timeZoneLoaded } from './time-zones';

/**
 * Whether dates can be shown in the organisation's time zone: at once with the browser's own
 * Intl; with the polyfill, once that zone's data is loaded (app/time-zones.ts).
 */
export function useTimeZoneReady(zone: string | undefined, pending: boolean): boolean {
  const [, setLoaded] = useState(0);
  const polyfilled = dateTimeFormatPolyfilled();
  useEffect(() => {
    if (!polyfilled || !zone || timeZoneLoaded(zone)) return;
    void loadTimeZones([zone]).then(() => setLoaded((n) => n + 1));
  }, [polyfilled, zone]);
  if (!polyfilled) return true;
  if (pending) return false;
  return !zone || timeZoneLoaded(zone);
}

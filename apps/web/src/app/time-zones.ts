declare const __TZ_DATA_VERSION__: string;

type AddTzData = (data: unknown) => void;
const loaded = new Set<string>(['UTC', 'Etc/UTC']);

/**
 * Gives the Intl.DateTimeFormat polyfill the data of the time zones in use (the device's, UTC and
 * the organisation's), one small file each (build/time-zone-data.ts), not all 452. A zone without
 * a file (an alias the browser reports) is skipped: dates then fall back to UTC, never an error.
 * In development, where no per-zone files are built, all zones load at once.
 */
export async function loadTimeZones(zones: readonly string[]): Promise<void> {
  const add = (Intl.DateTimeFormat as unknown as { __addTZData?: AddTzData }).__addTZData;
  if (!add) return;
  if (import.meta.env.DEV) {
    await import('@formatjs/intl-datetimeformat/add-all-tz.js');
    return;
  }
  await Promise.all(
    zones
      .filter((zone) => /^[A-Za-z0-9_+/-]+$/.test(zone) && !loaded.has(zone))
      .map(async (zone) => {
        loaded.add(zone);
        try {
          const response = await fetch(`/assets/tz-${__TZ_DATA_VERSION__}/${zone}.json`);
          if (response.ok) add(await response.json());
        } catch {
          loaded.delete(zone);
        }
      }),
  );
}

/** Whether formatting in `zone` is ready (always, without the polyfill). */
export function timeZoneLoaded(zone: string): boolean {
  const add = (Intl.DateTimeFormat as unknown as { __addTZData?: AddTzData }).__addTZData;
  return !add || import.meta.env.DEV || loaded.has(zone);
}

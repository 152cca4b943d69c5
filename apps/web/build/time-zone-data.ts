import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * The Intl.DateTimeFormat polyfill's time-zone data, one file per zone, so a browser that needs
 * the polyfill loads the zones in use (a few kilobytes each) instead of all of them (1.35 MB).
 * Emitted at build as `assets/tz-<version>/<Zone>.json`: the version in the path lets the server
 * cache them for good. Each file holds the shared abbreviation and offset tables and one zone,
 * in the shape `Intl.DateTimeFormat.__addTZData` takes.
 */
interface TzData {
  abbrvs: string;
  offsets: string;
  zones: string[];
}

const require = createRequire(import.meta.url);

export function readTimeZoneData(): { version: string; data: TzData } {
  const file = require.resolve('@formatjs/intl-datetimeformat/add-all-tz.js');
  // The package exports no package.json: it lies beside the file.
  const packageJson = path.join(path.dirname(file), 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf('__addTZData(');
  const end = source.lastIndexOf(')');
  if (start < 0 || end < start) throw new Error('Unexpected shape of @formatjs/intl-datetimeformat/add-all-tz.js');
  const data = JSON.parse(source.slice(start + '__addTZData('.length, end)) as TzData;
  return { version, data };
}

export function timeZoneData(): Plugin {
  const { version, data } = readTimeZoneData();
  return {
    name: 'tessera-time-zone-data',
    config: () => ({ define: { __TZ_DATA_VERSION__: JSON.stringify(version) } }),
    generateBundle() {
      for (const zone of data.zones) {
        const name = zone.slice(0, zone.indexOf('|'));
        this.emitFile({
          type: 'asset',
          fileName: `assets/tz-${version}/${name}.json`,
          source: JSON.stringify({ abbrvs: data.abbrvs, offsets: data.offsets, zones: [zone] }),
        });
      }
    },
  };
}

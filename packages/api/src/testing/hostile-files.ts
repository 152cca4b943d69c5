import { constants, deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';

/**
 * Hostile files for tests, built in memory: ZIPs that lie about their sizes, ZIPs with too many
 * parts, XML that nests without end or declares exploding entities. Nothing here is used by the
 * application itself.
 */

/**
 * A raw deflate stream that inflates to `mebibytes` MiB of zeros, about 1 KB per MiB. Each MiB is
 * compressed once and ended with a full flush, which resets the compressor's history, so the same
 * bytes can be repeated; an empty final block closes the stream.
 */
export function deflatedZeros(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), end]);
}

/**
 * A one-part ZIP whose local header and central directory both claim `claimedSize` inflated
 * bytes (and a made-up CRC) while its deflate data really inflates to `mebibytes` MiB.
 */
export function lyingZipBomb(options: { mebibytes: number; claimedSize?: number; name?: string }): Uint8Array {
  const name = Buffer.from(options.name ?? 'xl/worksheets/sheet1.xml', 'utf8');
  const data = deflatedZeros(options.mebibytes);
  const claimed = options.claimedSize ?? 1000;
  const crc = 0x12345678;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x21, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by
  central.writeUInt16LE(20, 6); // needed
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal attributes, external attributes: zero
  central.writeUInt32LE(0, 42); // local header offset

  const directoryOffset = local.length + name.length + data.length;
  const directorySize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);

  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

/** An honest ZIP with `count` tiny parts. */
export function manyPartsZip(count: number): Uint8Array {
  const parts: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i += 1) parts[`xl/part${i}.bin`] = new Uint8Array([i & 0xff]);
  return zipSync(parts, { level: 0 });
}

/** Elements nested `depth` deep, as a worksheet part. */
export function deeplyNestedXml(depth: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
}

/** The "billion laughs": ten levels of entities, each ten of the one before. */
export function billionLaughsXml(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i += 1) {
    const previous = i === 1 ? 'lol' : `lol${i - 1}`;
    entities.push(`<!ENTITY lol${i} "${`&${previous};`.repeat(10)}">`);
  }
  return `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><worksheet><v>&lol9;</v></worksheet>`;
}

/** A ZIP holding the given XML as its first worksheet (compressed, sizes true). */
export function zipWithSheetXml(xml: string): Uint8Array {
  return zipSync({ 'xl/worksheets/sheet1.xml': new TextEncoder().encode(xml) }, { level: 6 });
}

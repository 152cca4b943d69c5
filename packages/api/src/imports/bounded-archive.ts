import { zipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * Limits for unpacking an uploaded workbook. A real 50,000-row import unpacks to a few tens of
 * megabytes; an XLSX has a dozen or so parts, nested a few levels deep.
 */
export const archiveLimits = {
  /** Parts (files) in the archive, directories included. */
  maxEntries: 1000,
  /** Real inflated bytes across all parts, counted as they leave the inflater. */
  maxTotalBytes: 64 * 1024 * 1024,
  /** Element nesting in any XML part. */
  maxXmlDepth: 64,
} as const;

export type ArchiveRefusal = 'tooManyEntries' | 'tooLarge' | 'unsafeXml' | 'unreadable';

/** Why an archive was not unpacked; never carries the archive's content. */
export class ArchiveRefused extends Error {
  readonly reason: ArchiveRefusal;
  constructor(reason: ArchiveRefusal) {
    super(`archive refused: ${reason}`);
    this.name = 'ArchiveRefused';
    this.reason = reason;
  }
}

const isXmlPart = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/**
 * Checks one XML part as it streams: no DTD (so no entity can be declared, let alone expanded:
 * billion laughs), no entity beyond XML's five (saxes refuses unknown ones), and no nesting past
 * the limit. OOXML forbids DTDs, so no real workbook is refused for one.
 */
function xmlGuard(maxDepth: number) {
  const parser = new SaxesParser({ xmlns: false });
  const decoder = new TextDecoder('utf-8');
  let depth = 0;
  let refused: ArchiveRefusal | null = null;
  parser.on('doctype', () => {
    refused ??= 'unsafeXml';
  });
  parser.on('opentag', () => {
    depth += 1;
    if (depth > maxDepth) refused ??= 'unsafeXml';
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  // Not well-formed (an undeclared entity included): not a workbook.
  parser.on('error', () => {
    refused ??= 'unreadable';
  });
  const check = () => {
    if (refused) throw new ArchiveRefused(refused);
  };
  return {
    write(chunk: Uint8Array) {
      if (refused) return check();
      parser.write(decoder.decode(chunk, { stream: true }));
      check();
    },
    end() {
      if (!refused) parser.write(decoder.decode()).close();
      check();
    },
  };
}

/**
 * Unpacks a ZIP held in memory without trusting a single size it declares. Each part is inflated
 * as a stream and its bytes are counted as they come out of the inflater; past the limit the
 * stream is destroyed and the archive refused, whatever the central directory or the local
 * headers claim. yauzl's `validateEntrySizes` additionally stops a part that inflates to more (or
 * fewer) bytes than its header said. XML parts are checked as they stream (see `xmlGuard`).
 *
 * Returns the parts by name. Throws `ArchiveRefused`; nothing else escapes.
 */
export async function unpackBounded(
  bytes: Uint8Array,
  limits: { maxEntries: number; maxTotalBytes: number; maxXmlDepth: number } = archiveLimits,
  /** yauzl's own size check; tests turn it off to show that the byte count holds alone. */
  options: { validateEntrySizes?: boolean } = {},
): Promise<Map<string, Uint8Array>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      validateEntrySizes: options.validateEntrySizes ?? true,
      strictFileNames: true,
    });
  } catch {
    throw new ArchiveRefused('unreadable');
  }
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  let seen = 0;
  try {
    // The directory's count is a claim too: it can refuse early, and every entry is counted below.
    if (zip.entryCount > limits.maxEntries) throw new ArchiveRefused('tooManyEntries');
    for await (const entry of zip.eachEntry()) {
      seen += 1;
      if (seen > limits.maxEntries) throw new ArchiveRefused('tooManyEntries');
      if (entry.fileName.endsWith('/')) continue;
      if (parts.has(entry.fileName)) throw new ArchiveRefused('unreadable');
      // A claim past the limit is refused at once; a smaller claim proves nothing (see below).
      if (total + entry.uncompressedSize > limits.maxTotalBytes) throw new ArchiveRefused('tooLarge');
      const stream = await zip.openReadStreamPromise(entry);
      const guard = isXmlPart(entry.fileName) ? xmlGuard(limits.maxXmlDepth) : null;
      const chunks: Uint8Array[] = [];
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.byteLength;
          if (total > limits.maxTotalBytes) throw new ArchiveRefused('tooLarge');
          guard?.write(chunk);
          chunks.push(chunk);
        }
        guard?.end();
      } finally {
        stream.destroy();
      }
      parts.set(entry.fileName, Buffer.concat(chunks));
    }
  } catch (error) {
    if (error instanceof ArchiveRefused) throw error;
    // zlib errors, and yauzl's "too many bytes in the stream" for a part that lied about its size.
    throw new ArchiveRefused(/too many bytes|too few bytes/i.test(String(error)) ? 'tooLarge' : 'unreadable');
  } finally {
    zip.close();
  }
  return parts;
}

/**
 * Packs checked parts into a fresh ZIP (stored, not compressed) whose directory is true by
 * construction, for readers such as exceljs that trust whatever directory they are given.
 */
export function repack(parts: Map<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(parts), { level: 0 });
}

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ArchiveRefused, archiveLimits, unpackBounded } from '../src/imports/bounded-archive';
import { parseImportFile } from '../src/imports/read-file';
import {
  billionLaughsXml,
  deeplyNestedXml,
  lyingZipBomb,
  manyPartsZip,
  zipWithSheetXml,
} from '../src/testing/hostile-files';

async function fieldError(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { fieldErrors?: Record<string, string[]> }) => e.fieldErrors?.file?.[0],
  );
}

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof ArchiveRefused ? e.reason : `not refused: ${String(e)}`),
  );
}

const mb = archiveLimits.maxTotalBytes / 1024 / 1024;

describe('hostile workbooks', () => {
  it('refuses a ZIP whose headers claim 1000 bytes while its data inflates to 1 GiB', async () => {
    const bomb = lyingZipBomb({ mebibytes: 1024 });
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(await reason(unpackBounded(bomb))).toBe('tooLarge');
    expect(await fieldError(parseImportFile(bomb, 'bomb.xlsx'))).toBe(`validation.archiveTooLarge?max=${mb}`);
  }, 120_000);

  it('stops the lie by counting inflated bytes alone, with the size check of yauzl off', async () => {
    // Not XML, so the XML check cannot stop it either: only the byte count can.
    const media = lyingZipBomb({ mebibytes: 1024, name: 'xl/media/image1.png' });
    expect(await reason(unpackBounded(media, archiveLimits, { validateEntrySizes: false }))).toBe('tooLarge');
    expect(await reason(unpackBounded(media))).toBe('tooLarge');
  }, 120_000);

  it('stops at the real byte cap when the claim is past it, and when several parts add up past it', async () => {
    // Honest about being huge: refused on the claim, before a byte is inflated.
    const claimsHuge = lyingZipBomb({ mebibytes: 1, claimedSize: archiveLimits.maxTotalBytes + 1 });
    expect(await reason(unpackBounded(claimsHuge))).toBe('tooLarge');
    // Each part honest and under the cap on its own; together over a small cap.
    const limits = { ...archiveLimits, maxTotalBytes: 2 * 1024 * 1024 };
    const honest = lyingZipBomb({ mebibytes: 3, claimedSize: 3 * 1024 * 1024, name: 'xl/media/image1.bin' });
    expect(await reason(unpackBounded(honest, limits))).toBe('tooLarge');
    expect((await unpackBounded(honest)).get('xl/media/image1.bin')?.byteLength).toBe(3 * 1024 * 1024);
  }, 120_000);

  it('refuses a ZIP with more parts than a workbook has', async () => {
    const many = manyPartsZip(archiveLimits.maxEntries + 1);
    expect(await reason(unpackBounded(many))).toBe('tooManyEntries');
    expect(await fieldError(parseImportFile(many, 'many.xlsx'))).toBe(
      `validation.archiveTooManyParts?max=${archiveLimits.maxEntries}`,
    );
  });

  it('refuses deeply nested XML and entity expansion (billion laughs) with a field error', async () => {
    const nested = zipWithSheetXml(deeplyNestedXml(100_000));
    expect(await fieldError(parseImportFile(nested, 'nested.xlsx'))).toBe('validation.unsafeXml');
    const laughs = zipWithSheetXml(billionLaughsXml());
    expect(await fieldError(parseImportFile(laughs, 'laughs.xlsx'))).toBe('validation.unsafeXml');
    // An entity used without a DTD is not well-formed XML: not a workbook.
    const undeclared = zipWithSheetXml('<worksheet><v>&lol9;</v></worksheet>');
    expect(await fieldError(parseImportFile(undeclared, 'undeclared.xlsx'))).toBe('validation.importFileType');
    // Just inside the depth limit is read (and found not to be a workbook).
    const shallow = zipWithSheetXml(deeplyNestedXml(archiveLimits.maxXmlDepth));
    expect(await reason(unpackBounded(shallow))).toBeUndefined();
    const deeper = zipWithSheetXml(deeplyNestedXml(archiveLimits.maxXmlDepth + 1));
    expect(await reason(unpackBounded(deeper))).toBe('unsafeXml');
  });

  it('still reads a real workbook, with multi-byte text split across chunks', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['code', 'note']);
    for (let i = 0; i < 3000; i += 1) sheet.addRow([`P${i}`, 'Скопје – Tiranë – Göteborg'.repeat(3)]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = await parseImportFile(bytes, 'people.xlsx');
    expect(file.header).toEqual(['code', 'note']);
    expect(file.rows).toHaveLength(3000);
    expect(file.rows[2999]?.cells).toEqual(['P2999', 'Скопје – Tiranë – Göteborg'.repeat(3)]);
  }, 120_000);
});

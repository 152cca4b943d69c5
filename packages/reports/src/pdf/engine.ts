import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * pdfmake on the server, locked down. Roboto (which covers Cyrillic) comes from pdfmake's own
 * `build/vfs_fonts.js` into its virtual file system, so no font is read from disk and the server
 * bundle (tsup) carries everything it needs; every URL and local path a document might name is
 * refused, so the content of a pack can never make the renderer fetch or read anything. Both
 * modules are CommonJS and loaded on first use: pdfmake exports one configured instance.
 */

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}
type PdfMake = typeof import('pdfmake') & { virtualfs: VirtualFs };

const fontFiles = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** A CommonJS module's `module.exports`, however the loader (Node, Vite, esbuild) wraps it. */
function commonJs<T>(module: unknown): T {
  const wrapped = module as { default?: T };
  return wrapped.default ?? (module as T);
}

let engine: Promise<PdfMake> | null = null;

function loadEngine(): Promise<PdfMake> {
  engine ??= (async () => {
    const pdfmake = commonJs<PdfMake>(await import('pdfmake'));
    const vfs = commonJs<Record<string, string>>(await import('pdfmake/build/vfs_fonts.js'));
    for (const file of Object.values(fontFiles)) {
      const base64 = vfs[file];
      if (!base64) throw new Error(`pdfmake's font ${file} is missing`);
      pdfmake.virtualfs.writeFileSync(`tessera/${file}`, Buffer.from(base64, 'base64'));
    }
    pdfmake.setFonts({
      Roboto: {
        normal: `tessera/${fontFiles.normal}`,
        bold: `tessera/${fontFiles.bold}`,
        italics: `tessera/${fontFiles.italics}`,
        bolditalics: `tessera/${fontFiles.bolditalics}`,
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    return pdfmake;
  })().catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** Characters Intl uses that Roboto has no glyph for, replaced by ones it has. */
export function printable(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Uint8Array> {
  const pdfmake = await loadEngine();
  const buffer = await pdfmake.createPdf(doc).getBuffer();
  // A copy: a small Buffer may be a view into Node's shared pool.
  return new Uint8Array(buffer);
}

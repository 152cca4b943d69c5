import { type Locale, loopFields, type TemplateKind, templateLoops, templateTags } from '@tessera/domain';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { sheetName } from '../xlsx/sheets';

/**
 * Starter templates generated from the catalogue: every top-level tag with its meaning in
 * `locale`, and one table per loop (a DOCX table row, an XLSX row filled downwards). A funder's
 * own layout can be built from it by copying tags.
 */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const paragraph = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${paragraph(text)}</w:tc>`;
const row = (cells: string[]) => `<w:tr>${cells.map(cell).join('')}</w:tr>`;

const topTags = () =>
  templateTags.filter((t) => t.kind !== 'loop' && !templateLoops.some((l) => t.tag.startsWith(`${l}.`)));

function starterDocx(locale: Locale): Uint8Array {
  const body: string[] = [];
  for (const tag of topTags()) body.push(paragraph(`${tag.meaning[locale]}: {${tag.tag}}`));
  for (const loop of templateLoops) {
    const meaning = templateTags.find((t) => t.tag === loop)?.meaning[locale] ?? loop;
    const fields = loopFields(loop);
    body.push(paragraph(meaning, 'Heading2'));
    const names = fields.map((f) => f.tag.slice(loop.length + 1));
    const tagged = names.map(
      (n, i) => `${i === 0 ? `{#${loop}}` : ''}{${n}}${i === names.length - 1 ? `{/${loop}}` : ''}`,
    );
    const borders =
      '<w:tblBorders>' +
      ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
        .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>`)
        .join('') +
      '</w:tblBorders>';
    body.push(
      `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>${borders}</w:tblPr><w:tblGrid>${names.map(() => '<w:gridCol/>').join('')}</w:tblGrid>${row(fields.map((f) => f.meaning[locale]))}${row(tagged)}</w:tbl>`,
    );
    body.push(paragraph(''));
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  return zipSync({
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rels),
    'word/document.xml': strToU8(document),
  });
}

async function starterXlsx(locale: Locale): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const figures = workbook.addWorksheet(sheetName('Figures', workbook));
  for (const tag of topTags()) figures.addRow([tag.meaning[locale], `{${tag.tag}}`]);
  figures.getColumn(1).width = 60;
  figures.getColumn(2).width = 24;
  for (const loop of templateLoops) {
    const sheet = workbook.addWorksheet(sheetName(loop, workbook));
    const fields = loopFields(loop);
    sheet.addRow(fields.map((f) => f.meaning[locale])).font = { bold: true };
    const names = fields.map((f) => f.tag.slice(loop.length + 1));
    sheet.addRow(
      names.map((n, i) => `${i === 0 ? `{#${loop}}` : ''}{${n}}${i === names.length - 1 ? `{/${loop}}` : ''}`),
    );
    fields.forEach((_, i) => {
      sheet.getColumn(i + 1).width = 22;
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function starterTemplate(
  kind: TemplateKind,
  locale: Locale,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const bytes = kind === 'docx' ? starterDocx(locale) : await starterXlsx(locale);
  return { bytes, fileName: `tessera-starter-template-${locale}.${kind}` };
}

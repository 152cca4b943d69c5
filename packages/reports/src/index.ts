import { type ReportFormat, type ReportPackContent, reportFileExtensions } from '@tessera/domain';
import { packTables, renderCsvZip } from './csv';
import { reportFileName } from './format';
import { packPdfParts, renderPackPdf } from './pdf/pack';
import { NotUsFederalError, renderSf425Pdf, sf425Parts } from './pdf/sf425';
import { euParts, renderEuXlsx } from './xlsx/eu';
import { packXlsxParts, renderPackXlsx } from './xlsx/pack';
import { xlsxContentType } from './xlsx/sheets';

export { catalogs, fill, type Catalog } from './i18n';
export { asciiSlug, reportFileName } from './format';
export { csvDialect, neutralise } from './csv';
export { NotUsFederalError, isFinalReport, reportTypeOf } from './pdf/sf425';

export interface RenderedReport {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

export interface RenderOptions {
  /** Called as parts are drawn, and last with done === total once the file is written. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Draws a report pack into a file: `pdf` (the full pack, in the content's locale), `xlsx` (one
 * sheet per part), `csv` (a zip of one CSV per table), `sf425` (SF-425 and performance progress
 * report, U.S. federal awards only: throws `NotUsFederalError` otherwise) or `eu` (an EU-style
 * financial report workbook). Works from the content alone: no database, network or file paths;
 * counts of people arrive suppressed and are printed as the one mark "x".
 */
export async function renderReport(
  content: ReportPackContent,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<RenderedReport> {
  const name = (suffix: string) => reportFileName(content.grant, content.period, suffix, reportFileExtensions[format]);
  const progress = (total: number) => {
    let done = 0;
    options.onProgress?.(0, total);
    return {
      step: () => {
        done = Math.min(total - 1, done + 1);
        options.onProgress?.(done, total);
      },
      finish: () => options.onProgress?.(total, total),
    };
  };

  switch (format) {
    case 'pdf': {
      const p = progress(packPdfParts.length + 1);
      const bytes = await renderPackPdf(content, p.step);
      p.finish();
      return { bytes, fileName: name(''), contentType: 'application/pdf' };
    }
    case 'xlsx': {
      const p = progress(packXlsxParts.length + 1);
      const bytes = await renderPackXlsx(content, p.step);
      p.finish();
      return { bytes, fileName: name(''), contentType: xlsxContentType };
    }
    case 'csv': {
      const p = progress(packTables(content).length + 1);
      const bytes = renderCsvZip(content, p.step);
      p.finish();
      return { bytes, fileName: name(''), contentType: 'application/zip' };
    }
    case 'sf425': {
      if (!content.sf425) throw new NotUsFederalError(content.grant.funder.name);
      const p = progress(sf425Parts.length + 1);
      const bytes = await renderSf425Pdf(content, p.step);
      p.finish();
      return { bytes, fileName: name('-sf425'), contentType: 'application/pdf' };
    }
    case 'eu': {
      const p = progress(euParts.length + 1);
      const bytes = await renderEuXlsx(content, p.step);
      p.finish();
      return { bytes, fileName: name('-eu-financial'), contentType: xlsxContentType };
    }
    default: {
      const unknown: never = format;
      throw new Error(`Unknown report format: ${String(unknown)}`);
    }
  }
}
export { type FilledTemplate, fillTemplate } from './templates/fill';
export { type FoundTag, inspectTemplate, type TemplateProblem, TemplateRefused, tagNames } from './templates/inspect';
export { starterTemplate } from './templates/starter';

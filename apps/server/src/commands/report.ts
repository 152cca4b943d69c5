import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportForCli, templateReportForCli } from '@tessera/api';
import {
  isoDateSchema,
  type Locale,
  locales,
  type ReportFormat,
  reportFileExtensions,
  reportFormats,
  slugField,
} from '@tessera/domain';
import { type Command, CommanderError } from 'commander';
import { parseOrFail, requireKey, withDatabase } from './shared';

/** report. */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description("export a grant's report pack for a period (suppressed below the organisation's threshold)")
    .requiredOption('--grant <reference>', "the grant's reference, e.g. S-MK100-26-GR-014")
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the period')
    .option('--format <format>', `one of ${reportFormats.join(', ')}`)
    .option(
      '--template <name>',
      "fill the grant's or its funder's template of this name instead (docx or xlsx, in the template's language)",
    )
    .requiredOption('--out <file>', 'where to write the file')
    .option('--org <slug>', 'organisation slug (needed only when several have this grant reference)')
    .option('--locale <locale>', `language of the report: ${locales.join(', ')} (default: the organisation's)`)
    .action(
      async (opts: {
        grant: string;
        from: string;
        to: string;
        format?: string;
        template?: string;
        out: string;
        org?: string;
        locale?: string;
      }) => {
        const from = parseOrFail(isoDateSchema, opts.from, '--from');
        const to = parseOrFail(isoDateSchema, opts.to, '--to');
        if (to < from)
          throw new CommanderError(2, 'tessera.invalid', '--to is before --from: the period ends before it starts.');
        if ((opts.format === undefined) === (opts.template === undefined)) {
          throw new CommanderError(2, 'tessera.invalid', 'Give either --format or --template.');
        }
        if (opts.template !== undefined) {
          await writeTemplateReport({ ...opts, template: opts.template, from, to });
          return;
        }
        const format = opts.format as string;
        if (!(reportFormats as readonly string[]).includes(format)) {
          throw new CommanderError(
            2,
            'tessera.invalid',
            `Invalid --format: ${format} (one of ${reportFormats.join(', ')})`,
          );
        }
        if (opts.locale !== undefined && !(locales as readonly string[]).includes(opts.locale)) {
          throw new CommanderError(
            2,
            'tessera.invalid',
            `Invalid --locale: ${opts.locale} (one of ${locales.join(', ')})`,
          );
        }
        const org = opts.org ? parseOrFail(slugField, opts.org, '--org') : undefined;
        refuseOutOfAnotherFormat(opts.out, format as ReportFormat);
        const out = path.resolve(opts.out);
        if (existsSync(out) && statSync(out).isDirectory()) {
          throw new CommanderError(2, 'tessera.invalid', `--out is a folder: ${out}. Give a file name.`);
        }
        // The server's key: a submitted pack is kept sealed, and is drawn as it was sent.
        const file = await withDatabase(
          ({ db, secret }) =>
            reportForCli(
              db,
              { secretKey: requireKey(secret) },
              {
                orgSlug: org,
                reference: opts.grant,
                from,
                to,
                format: format as ReportFormat,
                locale: opts.locale as Locale | undefined,
              },
              new Date(),
              (done, total) => console.error(`rendering ${done}/${total}`),
            ),
          { key: 'create' },
        );
        writeWhole(out, file);
      },
    );
}

/** Written whole or not at all: a half-written report is never left behind. */
function writeWhole(out: string, file: { bytes: Uint8Array; fileName: string }): void {
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  try {
    writeFileSync(partial, file.bytes);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  console.log(`Wrote ${out} (${file.bytes.byteLength} bytes, ${file.fileName}).`);
}

/** `--template NAME`: the funder's own template filled; `--out` must end as the template does. */
async function writeTemplateReport(opts: {
  grant: string;
  from: string;
  to: string;
  template: string;
  out: string;
  org?: string;
}): Promise<void> {
  const org = opts.org ? parseOrFail(slugField, opts.org, '--org') : undefined;
  const out = path.resolve(opts.out);
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new CommanderError(2, 'tessera.invalid', `--out is a folder: ${out}. Give a file name.`);
  }
  if (!['.docx', '.xlsx'].includes(path.extname(out).toLowerCase())) {
    throw new CommanderError(2, 'tessera.invalid', '--out must end in .docx or .xlsx, as the template does.');
  }
  const file = await withDatabase(
    ({ db, secret }) =>
      templateReportForCli(
        db,
        { secretKey: requireKey(secret) },
        { orgSlug: org, reference: opts.grant, from: opts.from, to: opts.to, templateName: opts.template },
        new Date(),
      ),
    { key: 'create' },
  );
  const expected = path.extname(file.fileName);
  if (path.extname(out).toLowerCase() !== expected) {
    throw new CommanderError(
      2,
      'tessera.invalid',
      `--out ${path.basename(out)} does not match the template: it is a ${expected} file. Give --out ending in ${expected}.`,
    );
  }
  writeWhole(out, file);
}

/**
 * `--out` must name the kind of file `--format` writes: a PDF written into report.xlsx (or a
 * workbook into report.pdf) would not open in what the name promises, and would reach a funder.
 */
function refuseOutOfAnotherFormat(out: string, format: ReportFormat): void {
  const expected = `.${reportFileExtensions[format]}`;
  const given = path.extname(out).toLowerCase();
  if (given === expected) return;
  const what = format === 'csv' ? 'a zip of CSV files' : `a .${reportFileExtensions[format]} file`;
  throw new CommanderError(
    2,
    'tessera.invalid',
    `--out ${path.basename(out)} does not match --format ${format}: that format is written as ${what}. Give --out ending in ${expected}.`,
  );
}

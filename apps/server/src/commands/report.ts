import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportForCli } from '@tessera/api';
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
    .requiredOption('--format <format>', `one of ${reportFormats.join(', ')}`)
    .requiredOption('--out <file>', 'where to write the file')
    .option('--org <slug>', 'organisation slug (needed only when several have this grant reference)')
    .option('--locale <locale>', `language of the report: ${locales.join(', ')} (default: the organisation's)`)
    .action(
      async (opts: {
        grant: string;
        from: string;
        to: string;
        format: string;
        out: string;
        org?: string;
        locale?: string;
      }) => {
        const from = parseOrFail(isoDateSchema, opts.from, '--from');
        const to = parseOrFail(isoDateSchema, opts.to, '--to');
        if (to < from)
          throw new CommanderError(2, 'tessera.invalid', '--to is before --from: the period ends before it starts.');
        if (!(reportFormats as readonly string[]).includes(opts.format)) {
          throw new CommanderError(
            2,
            'tessera.invalid',
            `Invalid --format: ${opts.format} (one of ${reportFormats.join(', ')})`,
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
        refuseOutOfAnotherFormat(opts.out, opts.format as ReportFormat);
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
                format: opts.format as ReportFormat,
                locale: opts.locale as Locale | undefined,
              },
              new Date(),
              (done, total) => console.error(`rendering ${done}/${total}`),
            ),
          { key: 'create' },
        );
        mkdirSync(path.dirname(out), { recursive: true });
        // Written whole or not at all: a half-written report is never left behind.
        const partial = `${out}.partial`;
        try {
          writeFileSync(partial, file.bytes);
          renameSync(partial, out);
        } catch (error) {
          rmSync(partial, { force: true });
          throw error;
        }
        console.log(`Wrote ${out} (${file.bytes.byteLength} bytes, ${file.fileName}).`);
      },
    );
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

import { readFileSync } from 'node:fs';
import { activitiesForCli, grantsForCli, importRatesForCli, rateCsvColumns } from '@tessera/api';
import { formatMinorPlain, slugField } from '@tessera/domain';
import { type Command, CommanderError } from 'commander';
import { parseOrFail, printTable, withDatabase } from './shared';

/** grants, rates import. */
export function registerListCommands(program: Command): void {
  program
    .command('grants')
    .description('list grants with reference, funder, status, currency, amount, spent, remaining and % spent')
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--json', 'print JSON (amounts as exact decimal strings)')
    .action(async (opts: { org: string; json?: boolean }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      const grants = await withDatabase(({ db }) => grantsForCli(db, org, new Date()));
      const rows = grants.map((g) => ({
        reference: g.reference ?? '',
        title: g.title,
        funder: g.funderName,
        status: g.status,
        currency: g.currency,
        amount: formatMinorPlain(g.amountMinor, g.currency),
        spent: formatMinorPlain(g.spentMinor, g.currency),
        remaining: formatMinorPlain(g.remainingMinor, g.currency),
        percentSpent: g.spentShare === null ? null : Math.round(g.spentShare * 1000) / 10,
      }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log('No grants.');
        return;
      }
      printTable(
        ['Reference', 'Funder', 'Status', 'Cur', 'Amount', 'Spent', 'Remaining', '% spent'],
        rows.map((r) => [
          r.reference,
          r.funder,
          r.status,
          r.currency,
          r.amount,
          r.spent,
          r.remaining,
          r.percentSpent === null ? '' : `${r.percentSpent.toFixed(1)}%`,
        ]),
        [false, false, false, false, true, true, true, true],
      );
    });

  const rates = program.command('rates').description('exchange rates');
  rates
    .command('import')
    .description(
      `load exchange rates from a CSV file with the columns ${rateCsvColumns.join(', ')} (rate = units of "to" per one "from")`,
    )
    .requiredOption('--org <slug>', 'organisation slug')
    .requiredOption('--file <path>', 'the CSV file')
    .action(async (opts: { org: string; file: string }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      let csv: string;
      try {
        csv = readFileSync(opts.file, 'utf8');
      } catch {
        throw new CommanderError(2, 'tessera.file', `Cannot read ${opts.file}.`);
      }
      const result = await withDatabase(({ db }) => importRatesForCli(db, org, csv));
      console.log(
        `Rates imported: ${result.created} new, ${result.updated} changed, ${result.unchanged} already there.`,
      );
    });
}

/** activities. */
export function registerActivityCommands(program: Command): void {
  program
    .command('activities')
    .description('list activities with sessions held, unique participants, participant hours and completions')
    .requiredOption('--org <slug>', 'organisation slug')
    .option('--json', 'print JSON')
    .action(async (opts: { org: string; json?: boolean }) => {
      const org = parseOrFail(slugField, opts.org, '--org');
      const activities = await withDatabase(({ db }) => activitiesForCli(db, org));
      const rows = activities.map((a) => ({
        reference: a.reference,
        kind: a.kind,
        title: a.title,
        city: a.city,
        startDate: a.startDate,
        endDate: a.endDate,
        attendanceMode: a.attendanceMode,
        sessionsHeld: a.totals.sessionsHeld,
        sessionsPlanned: a.totals.sessionsPlanned,
        uniqueParticipants: a.totals.uniqueParticipants,
        participantMinutes: a.totals.participantMinutes,
        participantHours: Math.round(a.totals.participantMinutes / 6) / 10,
        completions: a.totals.completions,
        headCount: a.totals.headCount,
      }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      if (rows.length === 0) {
        console.log('No activities.');
        return;
      }
      printTable(
        ['Reference', 'Kind', 'Title', 'City', 'Sessions', 'Participants', 'Hours', 'Completions', 'Head count'],
        rows.map((r) => [
          r.reference ?? '',
          r.kind,
          r.title,
          r.city ?? '',
          `${r.sessionsHeld}/${r.sessionsPlanned}`,
          String(r.uniqueParticipants),
          r.participantHours.toFixed(1),
          String(r.completions),
          String(r.headCount),
        ]),
        [false, false, false, false, true, true, true, true, true],
      );
    });
}

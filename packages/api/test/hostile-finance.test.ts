import type { Gender, IndicatorResultRow, MeasureSpec, Shown } from '@tessera/domain';
import { addDays, genders, noFilter } from '@tessera/domain';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, indicatorInput } from './helpers';

/**
 * Issue 10, played as a hostile finance user: an organisation with small groups spread over a
 * year, and every request finance may make about its grant (every period the lattice offers:
 * the results view's actual, cumulative and gender split, and the report pack's reach). Whatever finance can subtract,
 * add or set beside another figure must not give a count of 1..k−1 people.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

const span = { from: '2026-01-01', to: '2026-12-31' };

interface Person {
  gender: Gender;
  /** Day offsets in the year on which this person attends a session. */
  days: number[];
}

const scenario = fc.record({
  k: fc.constantFrom(3, 5),
  /** Where the first reporting period ends (a half-year, roughly). */
  cut: fc.integer({ min: 120, max: 240 }),
  people: fc.array(
    fc.record({
      gender: fc.constantFrom<Gender>('woman', 'trans-woman', 'man', 'undisclosed'),
      days: fc.uniqueArray(
        fc.integer({ min: 0, max: 51 }).map((week) => week * 7),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 16 },
  ),
});

async function build(s: { k: number; cut: number; people: Person[]; plannedMinutes?: number }) {
  const opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  const admin = (await callerFor(opened, orgId, 'admin')).caller;
  const coordinator = (await callerFor(opened, orgId, 'coordinator')).caller;
  const finance = (await callerFor(opened, orgId, 'finance')).caller;
  const settings = await admin.participants.settings();
  await admin.participants.saveSettings({ ...settings, suppressionThreshold: s.k });
  const { grantId } = await createTestGrantWithMoney(opened.db, orgId);
  const cutDate = addDays(span.from, s.cut);
  await finance.deadlines.create({
    grantId,
    kind: 'narrative',
    periodStart: span.from,
    periodEnd: cutDate,
    dueDate: span.to,
  });
  await finance.deadlines.create({
    grantId,
    kind: 'narrative',
    periodStart: addDays(cutDate, 1),
    periodEnd: span.to,
    dueDate: span.to,
  });
  const projectId = (
    await coordinator.projects.create({ title: 'Hostile', startDate: span.from, endDate: span.to, grantIds: [grantId] })
  ).id;
  const activityId = (
    await coordinator.activities.create({
      projectId,
      kind: 'workshop',
      title: 'Workshops',
      reference: 'H-1',
      city: 'Strumica',
      startDate: span.from,
      endDate: span.to,
      plannedMinutes: s.plannedMinutes ?? 60,
      completionThreshold: 100,
    })
  ).id;
  const ids: string[] = [];
  for (const person of s.people) ids.push((await coordinator.participants.create({ gender: person.gender })).id);
  await coordinator.enrollments.enrol({ activityId, participantIds: ids });
  const days = [...new Set(s.people.flatMap((p) => p.days))].sort((a, b) => a - b);
  for (const day of days) {
    const session = await coordinator.sessions.create({ activityId, date: addDays(span.from, day), minutes: 60 });
    await coordinator.register.save({
      sessionId: session.id,
      version: 1,
      entries: s.people.map((p, i) => ({
        participantId: ids[i] as string,
        status: p.days.includes(day) ? ('present' as const) : ('absent' as const),
      })),
    });
  }
  const measures: Record<string, MeasureSpec> = {
    PEOPLE: { measure: 'uniqueParticipants', filter: noFilter },
    HOURS: { measure: 'participantHours', filter: noFilter },
    DONE: { measure: 'completions', filter: noFilter },
  };
  for (const [code, numerator] of Object.entries(measures)) {
    await coordinator.indicators.create(
      indicatorInput({
        grantId,
        code,
        name: code,
        disaggregation: code === 'PEOPLE' ? ['gender'] : [],
        numerator,
      }),
    );
  }
  // A percentage beside its denominator gives its numerator: % completing = completions / people.
  await coordinator.indicators.create(
    indicatorInput({
      grantId,
      code: 'RATE',
      name: 'RATE',
      unit: '%',
      type: 'percentage',
      numerator: measures.DONE,
      denominator: measures.PEOPLE,
    }),
  );
  return { opened, finance, grantId };
}

/** A figure finance saw: which people count (indicator, group), over which period, and its value. */
interface Seen {
  figure: string;
  from: string;
  to: string;
  value: number;
}

const plain = (s: Shown | null | undefined): number | null => (s && !s.suppressed ? s.value : null);

function collect(rows: IndicatorResultRow[], period: { from: string; to: string }, out: Seen[]) {
  const people = rows.find((r) => r.code === 'PEOPLE');
  for (const row of rows) {
    if (row.code === 'HOURS') continue;
    if (row.code === 'RATE') {
      // What the percentage gives away beside the people it is a share of: the completions.
      const implied = (rate: Shown | null, base: Shown | null | undefined) => {
        const r = plain(rate);
        const b = plain(base);
        return r === null || b === null ? null : Math.round((r * b) / 100);
      };
      const actual = implied(row.actual, people?.actual);
      if (actual !== null) out.push({ figure: 'DONE', ...period, value: actual });
      const cumulative = implied(row.cumulative, people?.cumulative);
      if (cumulative !== null) out.push({ figure: 'DONE', from: span.from, to: period.to, value: cumulative });
      continue;
    }
    const actual = plain(row.actual);
    if (actual !== null) out.push({ figure: row.code, ...period, value: actual });
    const cumulative = plain(row.cumulative);
    if (cumulative !== null) out.push({ figure: row.code, from: span.from, to: period.to, value: cumulative });
    for (const split of row.disaggregation) {
      for (const group of split.rows) {
        const value = plain(group.value);
        if (value !== null) out.push({ figure: `${row.code}/${split.dimension}=${group.key}`, ...period, value });
      }
    }
  }
}

/** Every inference by subtraction or by two halves beside their union that gives a small count. */
function leaks(seen: Seen[], k: number): string[] {
  const small = (n: number) => n >= 1 && n < k;
  const found: string[] = [];
  for (const a of seen) {
    if (small(a.value)) found.push(`${a.figure} ${a.from}..${a.to} shows ${a.value}`);
    for (const b of seen) {
      if (a.figure !== b.figure || (a.from === b.from && a.to === b.to)) continue;
      // Completions are counted in the period they are reached, so periods add up for them.
      const nested = a.from <= b.from && b.to <= a.to;
      if (nested && small(a.value - b.value)) {
        found.push(`${a.figure}: ${a.from}..${a.to} (${a.value}) less ${b.from}..${b.to} (${b.value})`);
      }
      const union = seen.find((u) => u.figure === a.figure && u.from === a.from && u.to === b.to);
      if (union && addDays(a.to, 1) === b.from && small(a.value + b.value - union.value)) {
        found.push(`${a.figure}: ${a.from}..${a.to} + ${b.from}..${b.to} − ${union.from}..${union.to}`);
      }
    }
  }
  return [...new Set(found)];
}

async function play(finance: Caller, grantId: string): Promise<Seen[]> {
  const { periods } = await finance.results.periods({ grantId });
  const seen: Seen[] = [];
  for (const period of periods) {
    const view = await finance.results.grant({ grantId, from: period.from, to: period.to });
    collect(view.rows, period, seen);
    // The report pack of the same period: its reach is the same people, named the same way.
    const pack = await finance.reports.prepare({ grantId, from: period.from, to: period.to });
    const { reach } = await finance.reports.content({ id: pack.id });
    const add = (figure: string, s: Shown) => {
      const value = plain(s);
      if (value !== null) seen.push({ figure, ...period, value });
    };
    add('PEOPLE', reach.participants);
    add('DONE', reach.completions);
    for (const split of reach.breakdowns) {
      if (split.dimension !== 'gender') continue;
      for (const group of split.rows) add(`PEOPLE/gender=${group.key}`, group.participants);
      add('PEOPLE', split.total.participants);
    }
  }
  return seen;
}

describe('a hostile finance user', () => {
  it('cannot ask for two periods that differ by a few days', async () => {
    const { opened, finance, grantId } = await build({
      k: 5,
      cut: 180,
      people: genders.slice(0, 3).map((gender, i) => ({ gender, days: [i * 7] })),
    });
    await expect(finance.results.grant({ grantId, from: '2026-04-01', to: '2026-08-31' })).rejects.toThrow();
    await expect(finance.reports.prepare({ grantId, from: '2026-04-01', to: '2026-09-30' })).rejects.toThrow();
    await opened.close();
  });

  it('cannot work out completions from a percentage beside the people it is a share of', async () => {
    // Two sessions complete: ten people finish in the first quarter, three more in the second,
    // so completions of the year (13) less those of the first quarter (10) would be 3.
    const ten = Array.from({ length: 10 }, () => ({ gender: 'woman' as const, days: [0, 7] }));
    const three = Array.from({ length: 3 }, () => ({ gender: 'woman' as const, days: [0, 140] }));
    const { opened, finance, grantId } = await build({
      k: 5,
      cut: 180,
      people: [...ten, ...three],
      plannedMinutes: 120,
    });
    try {
      expect(leaks(await play(finance, grantId), 5)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('recovers no small group from any pair of periods, cumulative beside period, or halves beside the whole', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { opened, finance, grantId } = await build(s);
        try {
          expect(leaks(await play(finance, grantId), s.k)).toEqual([]);
        } finally {
          await opened.close();
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 600_000);
});

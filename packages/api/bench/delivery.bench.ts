/**
 * Benchmark for large registers (issue 4): an activity with 10,000 attendance rows (200 people ×
 * 50 sessions) and a 200-person register. Prints how long the calls the screens make take and
 * how many bytes each sends to the browser — none of them may grow with the attendance rows.
 * Then the same year as results and a report pack (issue 5): derived indicators computed in the
 * database (exact for a coordinator; for finance decided by the organisation's joint release
 * over scopes, groups and periods, ADR 0012), the delivery screens as finance, the pack's
 * content, and drawing it as PDF, XLSX and CSV.
 *
 *   npx -y pnpm@10.34.9 bench
 */
import { insertSession } from '@tessera/db';
import {
  createTestDatabase,
  createTestGrantWithMoney,
  createTestOrganization,
  createTestUser,
} from '@tessera/db/testing';
import { noFilter } from '@tessera/domain';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { sessionIdFromToken } from '../src/services/auth.service';
import { renderExport } from '../src/services/report-export.service';

const people = 200;
const sessionsCount = 50;

/** Runs five times; prints the median and worst time and the size of the answer (JSON, or `sizeOf`). */
async function time<T>(label: string, run: () => Promise<T>, sizeOf?: (result: T) => number): Promise<T> {
  const runs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    result = await run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const bytes = sizeOf ? sizeOf(result as T) : Buffer.byteLength(JSON.stringify(result));
  console.log(
    `${label.padEnd(52)} median ${(runs[2] ?? 0).toFixed(1).padStart(7)} ms   max ${(runs[4] ?? 0).toFixed(1).padStart(7)} ms   ${String(bytes).padStart(8)} bytes`,
  );
  return result as T;
}

async function main() {
  const opened = await createTestDatabase();
  const org = await createTestOrganization(opened.db);
  const user = await createTestUser(opened.db, org.id, 'coordinator');
  const token = 'bench-token';
  await insertSession(opened.db, {
    id: sessionIdFromToken(token),
    userId: user.id,
    activeOrgId: org.id,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  const caller = createCaller(createInnerContext({ db: opened.db, sessionToken: token }));
  // Finance sees suppressed counts, released jointly across every period of the lattice.
  const financeUser = await createTestUser(opened.db, org.id, 'finance');
  await insertSession(opened.db, {
    id: sessionIdFromToken('bench-finance'),
    userId: financeUser.id,
    activeOrgId: org.id,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  const finance = createCaller(createInnerContext({ db: opened.db, sessionToken: 'bench-finance' }));
  const { grantId } = await createTestGrantWithMoney(opened.db, org.id);
  const project = await caller.projects.create({
    title: 'Bench',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    grantIds: [grantId],
  });
  const activity = await caller.activities.create({
    projectId: project.id,
    kind: 'training',
    title: 'Large training',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    plannedMinutes: sessionsCount * 120,
  });
  await caller.sessions.generate({
    activityId: activity.id,
    startDate: '2026-01-05',
    weeks: 25,
    days: ['mon', 'thu'],
    minutesPerSession: 120,
  });
  const ids: string[] = [];
  for (let i = 0; i < people; i += 1) ids.push((await caller.participants.create({})).id);
  await caller.enrollments.enrol({ activityId: activity.id, participantIds: ids });
  const sessions = (await caller.sessions.list({ activityId: activity.id, limit: 500 })).items;

  console.log(`Filling ${people} × ${sessions.length} = ${people * sessions.length} attendance rows…`);
  const fill = performance.now();
  for (const session of sessions.slice(0, -1)) {
    await caller.register.save({ sessionId: session.id, version: session.version, entries: [], markRest: 'present' });
  }
  console.log(`  ${(performance.now() - fill).toFixed(0)} ms for ${sessions.length - 1} "everyone present" saves\n`);

  const last = sessions.at(-1);
  if (!last) throw new Error('No sessions were generated.');
  await time('activities.get (totals over 9,800 rows)', () => caller.activities.get({ id: activity.id }));
  await time('activities.list', () => caller.activities.list({}));
  await time('sessions.list (50 sessions with counts)', () => caller.sessions.list({ activityId: activity.id }));
  await time('enrollments.list (first page of 50, hours in SQL)', () =>
    caller.enrollments.list({ activityId: activity.id }),
  );
  await time('register.get (page of 100 of 200)', () => caller.register.get({ sessionId: last.id, limit: 100 }));
  let version = last.version;
  await time('register.save (200 entries sent at once)', async () => {
    const saved = await caller.register.save({
      sessionId: last.id,
      version,
      entries: ids.map((participantId, i) => ({
        participantId,
        status: i % 10 === 0 ? 'late' : 'present',
        minutes: i % 10 === 0 ? 60 : null,
      })),
    });
    version = saved.version;
    return saved;
  });

  const quarters = ['01', '04', '07', '10'].map((m, i) => ({
    periodStart: `2026-${m}-01`,
    periodEnd: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'][i] as string,
    target: 50,
  }));
  for (const [code, measure] of [
    ['P1', 'uniqueParticipants'],
    ['P2', 'participantHours'],
    ['P3', 'completions'],
  ] as const) {
    await caller.indicators.create({
      projectId: null,
      grantId,
      level: 'output',
      resultStatement: null,
      code,
      name: measure,
      definition: null,
      unit: 'people',
      type: 'number',
      direction: 'increase',
      baselineValue: 0,
      baselineYear: null,
      baselineComment: null,
      lifeTarget: 200,
      targets: quarters,
      dataSource: null,
      collectionMethod: null,
      frequency: null,
      responsible: null,
      disaggregation: ['gender', 'ageBand', 'city'],
      source: 'derived',
      numerator: { measure, filter: noFilter },
      denominator: null,
    });
  }
  const year = { from: '2026-01-01', to: '2026-12-31' };
  await time('results.grant (3 derived indicators, 4 quarters, 3 splits)', () =>
    caller.results.grant({ grantId, ...year }),
  );
  await time('results.grant as finance (the organisation’s joint release)', () =>
    finance.results.grant({ grantId, ...year }),
  );
  await time('activities.list as finance (activity totals released)', () => finance.activities.list({ limit: 50 }));
  await time('sessions.list as finance (each session’s day released)', () =>
    finance.sessions.list({ activityId: activity.id, limit: 200 }),
  );
  const pack = await caller.reports.prepare({ grantId, ...year });
  const content = await time('reports.content (the year’s pack)', () => caller.reports.content({ id: pack.id }));
  for (const format of ['pdf', 'xlsx', 'csv'] as const) {
    await time(
      `render ${format} (file size)`,
      () => renderExport(content, format),
      (file) => file.bytes.byteLength,
    );
  }
  const totals = (await caller.activities.get({ id: activity.id })).totals;
  console.log('\ntotals:', totals);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
  await opened.close();
}

await main();

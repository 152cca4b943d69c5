/**
 * Benchmark for large registers (issue 4): an activity with 10,000 attendance rows (200 people ×
 * 50 sessions) and a 200-person register. Prints how long the calls the screens make take and
 * how many bytes each sends to the browser — none of them may grow with the attendance rows.
 *
 *   npx -y pnpm@10.34.9 bench
 */
import { insertSession } from '@tessera/db';
import { createTestDatabase, createTestOrganization, createTestUser } from '@tessera/db/testing';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { sessionIdFromToken } from '../src/services/auth.service';

const people = 200;
const sessionsCount = 50;

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const runs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    result = await run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(JSON.stringify(result));
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
  const project = await caller.projects.create({ title: 'Bench', startDate: '2026-01-01', endDate: '2026-12-31' });
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
  const totals = (await caller.activities.get({ id: activity.id })).totals;
  console.log('\ntotals:', totals);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
  await opened.close();
}

await main();

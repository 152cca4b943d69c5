import type { Locale, Role } from '@tessera/domain';
import { sql } from 'kysely';
import { newId } from './clock';
import { migrateToLatest, type OpenedDatabase, openDatabase } from './connection';
import { insertBudgetLine } from './repositories/budget.repository';
import { insertDeadline } from './repositories/deadline.repository';
import {
  insertActivity,
  insertOutput,
  insertPartner,
  insertProject,
  insertSessions,
} from './repositories/delivery.repository';
import { listExchangeRates, upsertExchangeRate } from './repositories/exchange-rate.repository';
import { insertExpenditure } from './repositories/expenditure.repository';
import { insertFunder } from './repositories/funder.repository';
import { insertGrant } from './repositories/grant.repository';
import {
  insertIndicator,
  insertOutcome,
  insertReportPack,
  findReportPackFor,
  upsertIndicatorValue,
} from './repositories/results.repository';
import { insertTranche } from './repositories/tranche.repository';
import { insertOrganization } from './repositories/organization.repository';
import { insertEnrollments, insertParticipants } from './repositories/participant.repository';
import { insertMembership, insertUser } from './repositories/user.repository';

/**
 * A fresh, migrated in-memory SQLite database with the same pragmas as production.
 * Each test file (or test) takes its own, so tests never share state.
 */
export async function createTestDatabase(): Promise<OpenedDatabase> {
  const opened = openDatabase(':memory:');
  await migrateToLatest(opened.db);
  return opened;
}

/**
 * Runs `fn` while a connection of this process holds the write lock on the SQLite file `file`
 * (`BEGIN EXCLUSIVE`), as another process writing would, and lets go when `fn` settles.
 */
export async function whileHoldingWriteLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const holder = openDatabase(file);
  try {
    return await holder.db.connection().execute(async (conn) => {
      await sql`begin exclusive`.execute(conn);
      try {
        return await fn();
      } finally {
        await sql`rollback`.execute(conn);
      }
    });
  } finally {
    await holder.close();
  }
}

/** Runs one `pragma …` on the database (tests that make faults: `max_page_count`, `query_only`). */
export async function runPragma<R = Record<string, unknown>>(db: OpenedDatabase['db'], pragma: string): Promise<R[]> {
  return (await sql.raw<R>(`pragma ${pragma}`).execute(db)).rows;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export async function createTestOrganization(
  db: OpenedDatabase['db'],
  overrides: { slug?: string; name?: string } = {},
) {
  return insertOrganization(db, {
    slug: overrides.slug ?? unique('org'),
    name: overrides.name ?? 'Test organisation',
    country: 'MK',
    baseCurrency: 'MKD',
    defaultLocale: 'en',
    suppressionThreshold: 5,
    timeZone: 'Europe/Skopje',
  });
}

/** A user with a membership; the hash is a placeholder that no password matches. */
export async function createTestUser(
  db: OpenedDatabase['db'],
  orgId: string | null,
  role: Role,
  overrides: { email?: string; passwordHash?: string; locale?: Locale } = {},
) {
  const user = await insertUser(db, {
    email: overrides.email ?? `${unique(role)}@example.test`,
    displayName: `Test ${role}`,
    passwordHash: overrides.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$invalid$invalid',
    locale: overrides.locale ?? 'en',
  });
  if (orgId) await insertMembership(db, orgId, user.id, role);
  return user;
}

/** A funder with only a name and kind; every optional field empty unless overridden. */
export async function createTestFunder(
  db: OpenedDatabase['db'],
  orgId: string,
  overrides: Partial<import('@tessera/domain').CreateFunderInput> = {},
) {
  return insertFunder(db, orgId, {
    name: 'Test funder',
    kind: 'other',
    country: null,
    website: null,
    contactName: null,
    contactEmail: null,
    notes: null,
    ...overrides,
  });
}

/**
 * An active USD grant (2026) with two budget lines of 1,000.00 each, one received tranche, one
 * expenditure on the first line, one open deadline and a USD→MKD rate: every kind of money record.
 */
export async function createTestGrantWithMoney(db: OpenedDatabase['db'], orgId: string) {
  const funder = await createTestFunder(db, orgId);
  const grantId = await insertGrant(
    db,
    orgId,
    {
      funderId: funder.id,
      title: 'Test grant',
      reference: null,
      currency: 'USD',
      amountMinor: 200_000,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      costShareMinor: null,
      restrictions: null,
      notes: null,
    },
    'active',
  );
  const lineA = await insertBudgetLine(db, orgId, {
    grantId,
    code: '1',
    category: 'Personnel',
    description: null,
    amountMinor: 100_000,
  });
  const lineB = await insertBudgetLine(db, orgId, {
    grantId,
    code: '2',
    category: 'Travel',
    description: null,
    amountMinor: 100_000,
  });
  const spareLine = await insertBudgetLine(db, orgId, {
    grantId,
    code: '9',
    category: 'Spare',
    description: null,
    amountMinor: 0,
  });
  const trancheId = await insertTranche(db, orgId, {
    grantId,
    expectedDate: '2026-01-15',
    expectedAmountMinor: 100_000,
    receivedDate: '2026-01-20',
    receivedAmountMinor: 100_000,
    receivedBaseMinor: 6_150_000,
    note: null,
  });
  const expenditureId = await insertExpenditure(db, orgId, {
    grantId,
    budgetLineId: lineA.id,
    date: '2026-02-01',
    payee: 'Venue',
    description: 'Hall rent',
    amountMinor: 10_000,
    currency: 'USD',
    rateToGrant: '1',
    rateSource: 'same',
    amountGrantMinor: 10_000,
    amountBaseMinor: 615_000,
    receiptReference: 'R-1',
  });
  const deadlineId = await insertDeadline(db, orgId, {
    grantId,
    kind: 'financial',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    dueDate: '2026-07-31',
    submittedDate: null,
    note: null,
  });
  await upsertExchangeRate(db, orgId, {
    date: '2026-01-01',
    fromCurrency: 'USD',
    toCurrency: 'MKD',
    rate: '61.5',
    source: 'manual',
  });
  const [rate] = await listExchangeRates(db, orgId, { limit: 1 });
  return {
    funderId: funder.id,
    grantId,
    lineA,
    lineB,
    spareLine,
    trancheId,
    expenditureId,
    deadlineId,
    rateId: rate?.id ?? '',
  };
}

/**
 * A small programme: a partner, a project, a register activity (600 planned minutes, 80%
 * threshold) with two 300-minute sessions, a head-count activity with one session, an output,
 * and two participants (no sealed fields) enrolled in the register activity.
 */
export async function createTestProgramme(db: OpenedDatabase['db'], orgId: string) {
  const partner = await insertPartner(db, orgId, {
    name: unique('Partner '),
    city: 'Skopje',
    country: 'MK',
    website: null,
    description: null,
  });
  const projectId = await insertProject(db, orgId, {
    title: 'Test project',
    summary: null,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    partners: [{ partnerId: partner.id, role: 'co-facilitator' }],
    grantIds: [],
  });
  const activity = {
    projectId,
    kind: 'training' as const,
    reference: null,
    city: 'Skopje',
    startDate: '2026-03-01',
    endDate: '2026-06-30',
    plannedMinutes: 600,
    completionThreshold: 80,
    description: null,
  };
  const activityId = await insertActivity(db, orgId, {
    ...activity,
    title: 'Test training',
    attendanceMode: 'register',
  });
  const headcountActivityId = await insertActivity(db, orgId, {
    ...activity,
    kind: 'event',
    title: 'Test action',
    attendanceMode: 'headcount',
    plannedMinutes: 0,
  });
  const sessionIds = await insertSessions(db, orgId, activityId, [
    { date: '2026-03-02', minutes: 300, module: 'One', note: null },
    { date: '2026-03-04', minutes: 300, module: 'Two', note: null },
  ]);
  const [headcountSessionId] = await insertSessions(db, orgId, headcountActivityId, [
    { date: '2026-04-01', minutes: 120, module: null, note: null },
  ]);
  const output = await insertOutput(db, orgId, {
    activityId,
    kind: 'video',
    title: 'Video',
    quantity: 5,
    date: '2026-03-05',
    link: null,
    note: null,
  });
  const participants = [unique('T'), unique('T')].map((suffix, i) => ({
    id: `${suffix}-id`,
    code: `${suffix.toUpperCase()}-${i}`,
    codeScheme: 'sequential' as const,
    gender: 'woman' as const,
    ageBand: '25-34' as const,
    city: 'Skopje',
    attributes: {},
    sensitiveEnc: null,
    contactEnc: null,
    notesEnc: null,
    consentDate: '2026-03-01',
    consentScope: ['participation' as const],
  }));
  await insertParticipants(db, orgId, participants);
  await insertEnrollments(
    db,
    orgId,
    activityId,
    participants.map((p) => p.id),
    '2026-03-01',
  );
  return {
    partnerId: partner.id,
    projectId,
    activityId,
    headcountActivityId,
    sessionIds: sessionIds as [string, string],
    headcountSessionId: headcountSessionId as string,
    outputId: output.id,
    participantIds: participants.map((p) => p.id) as [string, string],
    participantCodes: participants.map((p) => p.code) as [string, string],
  };
}

/** An indicator (hand-entered, with one value), an outcome record and a report pack draft. */
export async function createTestResults(
  db: OpenedDatabase['db'],
  orgId: string,
  links: { projectId: string; grantId: string; participantId: string; activityId: string },
) {
  const indicatorId = await insertIndicator(db, orgId, {
    projectId: links.projectId,
    grantId: null,
    level: 'outcome',
    resultStatement: null,
    code: `I-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Participants who feel safer online',
    definition: null,
    unit: 'people',
    type: 'number',
    direction: 'increase',
    baselineValue: 0,
    baselineYear: 2026,
    baselineComment: null,
    lifeTarget: 20,
    targets: [],
    dataSource: null,
    collectionMethod: null,
    frequency: null,
    responsible: null,
    disaggregation: [],
    source: 'manual',
    numerator: null,
    denominator: null,
  });
  const value = await upsertIndicatorValue(db, orgId, {
    indicatorId,
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    value: 12,
    numerator: null,
    denominator: null,
    comment: null,
  });
  const outcomeId = await insertOutcome(db, orgId, {
    id: newId(),
    participantId: links.participantId,
    activityId: links.activityId,
    kind: 'certificate',
    date: '2026-03-10',
    scoreBefore: null,
    scoreAfter: null,
    // No key here to seal with; the permission matrix needs the row, not its text.
    descriptionEnc: null,
  });
  const period = { from: '2026-01-01', to: '2026-06-30' };
  await insertReportPack(db, orgId, { grantId: links.grantId, ...period, deadlineId: null });
  const pack = await findReportPackFor(db, orgId, links.grantId, period);
  return { indicatorId, indicatorValueId: value.id, outcomeId, packId: pack?.id as string };
}

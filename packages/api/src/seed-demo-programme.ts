import type { ActivityKind, AgeBand, AttendanceMode, HeadCountCell, OutputKind } from '@tessera/domain';
import { addDays, formatSequentialCode, generateSessions, type Weekday } from '@tessera/domain';
import {
  bumpCodeSequence,
  type Executor,
  findEnrollmentOf,
  findGrantByReference,
  findParticipantSettings,
  findParticipantsByCode,
  insertActivity,
  insertEnrollments,
  insertOutput,
  insertParticipants,
  insertPartner,
  insertProject,
  insertSessions,
  listProjects,
  markSessionHeld,
  newId,
  replaceHeadCount,
  updateEnrollment,
  updateParticipantSettings,
  upsertAttendance,
} from '@tessera/db';
import { participantCrypto } from './participant-crypto';
import { sealParticipant } from './services/participants.service';

/**
 * The demo organisation's programme year (DESIGN.md), anchored to the load date like the money:
 * the 8-week, 80-hour career training (20 women, all 80 hours: 1,600 participant hours, 20
 * completions), digital-safety workshops in Strumica (3 people), Bitola (3 of 8 dropped out) and
 * Skopje (its second session is today, register not yet taken), a 7-day human-rights training in
 * three modules (2 of 12 below the threshold), the video campaign's five videos, two reports
 * with their presentation events, and the art action with a trans-led group (head count only).
 * docs/demo-data.md lists every figure; packages/api/test/seed-demo.test.ts checks them.
 */

interface ActivitySpec {
  kind: ActivityKind;
  title: string;
  reference: string;
  city: string | null;
  attendanceMode: AttendanceMode;
  plannedMinutes: number;
  /** When its sessions begin ('HH:MM'); evening trainings and daytime workshops differ. */
  startTime?: string;
  /** Days from the anchor (the first of the month eight months back, like the grants). */
  from: number;
  to: number;
  sessions: { day: number; minutes: number; module?: string; held: boolean }[];
  /** Participant numbers (ZR-0001 = 1) and the sessions (by index) each missed, if any. */
  people?: { codes: number[]; missed?: Record<number, number[]>; dropped?: number[]; late?: Record<number, number> };
  headCounts?: Record<number, { total: number; cells: HeadCountCell[] }>;
  outputs?: { kind: OutputKind; title: string; quantity: number; day: number; link?: string }[];
}

interface ProjectSpec {
  title: string;
  summary: string;
  grants: string[];
  partners: { name: string; city: string; description: string; role: string }[];
  activities: ActivitySpec[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Weekly sessions from the first Monday on or after the anchor + `offset` days. */
function weekly(anchor: string, offset: number, weeks: number, days: Weekday[], minutes: number, module: string) {
  let start = addDays(anchor, offset);
  while (new Date(`${start}T00:00:00Z`).getUTCDay() !== 1) start = addDays(start, 1);
  return generateSessions({ startDate: start, weeks, days, minutesPerSession: minutes }).map((s) => ({
    day: (Date.parse(s.date) - Date.parse(anchor)) / 86_400_000,
    minutes: s.minutes,
    module,
    held: true,
  }));
}

function projects(anchor: string, today: number): ProjectSpec[] {
  const career = weekly(anchor, 30, 8, ['mon', 'wed'], 300, 'Career counselling');
  return [
    {
      title: 'Careers beyond the street',
      summary: 'Career counselling and job-search support for women in sex work who want other income.',
      grants: ['S-MK100-26-GR-014'],
      partners: [
        {
          name: 'Patokaz — Association of Career Counsellors',
          city: 'Skopje',
          description: 'Professional career counsellors volunteering with community groups.',
          role: 'Co-designs and co-delivers the training',
        },
      ],
      activities: [
        {
          kind: 'training',
          title: 'Career counselling training',
          reference: 'CT-1',
          city: 'Skopje',
          attendanceMode: 'register',
          plannedMinutes: 4800,
          from: career[0]?.day ?? 30,
          to: career.at(-1)?.day ?? 90,
          sessions: career,
          people: { codes: range(1, 20) },
          outputs: [
            { kind: 'other', title: 'Individual career plans', quantity: 20, day: (career.at(-1)?.day ?? 90) + 1 },
          ],
        },
      ],
    },
    {
      title: 'Digital rights and safety',
      summary: 'Digital-safety workshops, a campaign against disinformation and research on digital rights.',
      grants: ['BCRN-SG-2026-07', 'OHWF-2026-112'],
      partners: [],
      activities: [
        {
          kind: 'workshop',
          title: 'Digital safety workshop — Strumica',
          reference: 'DS-STR',
          city: 'Strumica',
          attendanceMode: 'register',
          plannedMinutes: 360,
          from: 120,
          to: 127,
          sessions: [
            { day: 120, minutes: 180, module: 'Phones and accounts', held: true },
            { day: 127, minutes: 180, module: 'Safe messaging', held: true },
          ],
          people: { codes: range(21, 23) },
        },
        {
          kind: 'workshop',
          title: 'Digital safety workshop — Bitola',
          reference: 'DS-BT',
          city: 'Bitola',
          attendanceMode: 'register',
          plannedMinutes: 360,
          from: 150,
          to: 157,
          sessions: [
            { day: 150, minutes: 180, module: 'Phones and accounts', held: true },
            { day: 157, minutes: 180, module: 'Safe messaging', held: true },
          ],
          // Three dropped out after the first session.
          people: { codes: range(24, 31), dropped: [29, 30, 31], missed: { 29: [1], 30: [1], 31: [1] } },
        },
        {
          kind: 'workshop',
          title: 'Digital safety workshop — Skopje',
          reference: 'DS-SK',
          city: 'Skopje',
          attendanceMode: 'register',
          plannedMinutes: 360,
          from: today - 7,
          to: today + 7,
          sessions: [
            { day: today - 7, minutes: 180, module: 'Phones and accounts', held: true },
            { day: today, minutes: 180, module: 'Safe messaging', held: false },
          ],
          people: { codes: [...range(1, 6), ...range(32, 35)], late: { 32: 120 }, missed: { 35: [0] } },
        },
        {
          kind: 'campaign',
          title: 'Video campaign against disinformation',
          reference: 'VC-1',
          city: null,
          attendanceMode: 'headcount',
          plannedMinutes: 0,
          from: 140,
          to: 170,
          sessions: [],
          outputs: [1, 2, 3, 4, 5].map((n) => ({
            kind: 'video' as const,
            title: `Video ${n}: "${['Not a crime to be online', 'Who shares your photo', 'Fake news about us', 'Your rights when reported', 'We speak for ourselves'][n - 1]}"`,
            quantity: 1,
            day: 165,
          })),
        },
        {
          kind: 'research',
          title: 'Legal analysis of digital rights',
          reference: 'LA-1',
          city: 'Skopje',
          attendanceMode: 'headcount',
          plannedMinutes: 0,
          from: 30,
          to: 150,
          sessions: [],
          outputs: [
            { kind: 'report', title: 'Digital rights of sex workers: a legal analysis', quantity: 1, day: 145 },
          ],
        },
        {
          kind: 'event',
          title: 'Presentation of the legal analysis',
          reference: 'EV-LA',
          city: 'Skopje',
          attendanceMode: 'headcount',
          plannedMinutes: 120,
          from: 150,
          to: 150,
          sessions: [{ day: 150, minutes: 120, held: true }],
          headCounts: {
            0: {
              total: 35,
              cells: [
                { gender: 'woman', ageBand: 'undisclosed', count: 21 },
                { gender: 'man', ageBand: 'undisclosed', count: 9 },
              ],
            },
          },
        },
        {
          kind: 'research',
          title: 'Field research: online harassment',
          reference: 'FR-1',
          city: null,
          attendanceMode: 'headcount',
          plannedMinutes: 0,
          from: 60,
          to: 185,
          sessions: [],
          outputs: [{ kind: 'report', title: 'Online harassment: field research report', quantity: 1, day: 180 }],
        },
        {
          kind: 'event',
          title: 'Presentation of the field research',
          reference: 'EV-FR',
          city: 'Bitola',
          attendanceMode: 'headcount',
          plannedMinutes: 120,
          from: 185,
          to: 185,
          sessions: [{ day: 185, minutes: 120, held: true }],
          headCounts: { 0: { total: 28, cells: [] } },
        },
      ],
    },
    {
      title: 'Visible together',
      summary: 'Rights education and public actions with allied community groups.',
      grants: ['OHWF-2026-112'],
      partners: [
        {
          name: 'Iskra — trans-led collective',
          city: 'Skopje',
          description: 'A trans-led artists and activists group.',
          role: 'Co-organiser of the art action',
        },
      ],
      activities: [
        {
          kind: 'training',
          title: 'Human-rights training (7 days)',
          reference: 'HR-7',
          city: 'Ohrid',
          attendanceMode: 'register',
          plannedMinutes: 7 * 360,
          from: 200,
          to: 206,
          sessions: range(0, 6).map((i) => ({
            day: 200 + i,
            minutes: 360,
            module: i < 2 ? 'Module 1: Rights and the law' : i < 4 ? 'Module 2: Safety' : 'Module 3: Advocacy',
            held: true,
          })),
          // Two missed two days each (1,440 of 2,520 minutes is below 80%).
          people: { codes: range(36, 47), missed: { 46: [3, 4], 47: [5, 6] } },
          outputs: [
            { kind: 'brochure', title: 'Human rights brochure', quantity: 200, day: 206 },
            { kind: 'card', title: '"Know your rights" cards', quantity: 500, day: 206 },
          ],
        },
        {
          kind: 'event',
          title: 'Public art action "Visible together"',
          reference: 'ART-1',
          city: 'Skopje',
          attendanceMode: 'headcount',
          plannedMinutes: 180,
          from: 215,
          to: 215,
          sessions: [{ day: 215, minutes: 180, held: true }],
          headCounts: {
            0: {
              total: 60,
              cells: [
                { gender: 'trans-woman', ageBand: 'undisclosed', count: 18 },
                { gender: 'woman', ageBand: 'undisclosed', count: 22 },
                { gender: 'non-binary', ageBand: 'undisclosed', count: 6 },
              ],
            },
          },
        },
      ],
    },
  ];
}

const ageBandsCycle: AgeBand[] = ['25-34', '35-44', '18-24', '45-54', '25-34', 'undisclosed'];
const cities: Record<number, string> = {};
for (const n of range(21, 23)) cities[n] = 'Strumica';
for (const n of range(24, 31)) cities[n] = 'Bitola';

/** A few demo records with sealed contact and notes, so the encrypted fields have something to show. */
const sealedDemo: Record<number, { contact: string; notes: string }> = {
  1: { contact: 'Signal, via the drop-in centre', notes: 'Asked for evening job interviews only.' },
  24: { contact: 'Through the Bitola outreach worker', notes: 'Moved to Skopje halfway through.' },
};

/** Loads the programme year into `orgId` unless its first project exists. Returns records made. */
export async function seedDemoProgramme(
  db: Executor,
  orgId: string,
  today: string,
  secretKey: Uint8Array | null,
): Promise<number> {
  const existing = await listProjects(db, orgId);
  if (existing.some((p) => p.title === 'Careers beyond the street')) return 0;
  let created = 0;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const anchorDate = new Date(Date.UTC(y, m - 1 - 8, 1));
  const anchor = anchorDate.toISOString().slice(0, 10);
  const todayOffset = (Date.parse(today) - Date.parse(anchor)) / 86_400_000;
  const day = (offset: number) => addDays(anchor, offset);

  // Codes: "ZR-0001" onwards; one sensitive extra attribute.
  const settings = await findParticipantSettings(db, orgId);
  await updateParticipantSettings(db, orgId, settings.version, {
    ...settings,
    codeScheme: 'sequential',
    codePrefix: 'ZR',
    attributes: [{ key: 'community', label: 'Community', sensitive: true }],
  });
  const crypto = secretKey ? participantCrypto(secretKey) : null;
  const ids = new Map<number, string>();
  const rows = range(1, 47).map((n) => {
    const id = newId();
    ids.set(n, id);
    const sealedFields = sealedDemo[n];
    const fields = {
      gender: 'woman' as const,
      ageBand: ageBandsCycle[n % ageBandsCycle.length] as AgeBand,
      city: n >= 36 ? null : (cities[n] ?? 'Skopje'),
      attributes: {},
      contact: crypto && sealedFields ? sealedFields.contact : null,
      notes: crypto && sealedFields ? sealedFields.notes : null,
      consentDate: day(n <= 20 ? 28 : 100),
      consentScope: ['participation' as const, 'aggregate-reporting' as const],
    };
    const values = crypto
      ? sealParticipant(crypto, orgId, id, [], fields).values
      : { ...fields, sensitiveEnc: null, contactEnc: null, notesEnc: null };
    return { ...values, id, code: formatSequentialCode('ZR', n), codeScheme: 'sequential' as const };
  });
  const taken = await findParticipantsByCode(
    db,
    orgId,
    rows.map((r) => r.code),
  );
  const fresh = rows.filter((r) => !taken.has(r.code));
  for (const r of rows) {
    const existingRow = taken.get(r.code);
    if (existingRow) ids.set(Number(r.code.slice(3)), existingRow.id);
  }
  await insertParticipants(db, orgId, fresh);
  await bumpCodeSequence(db, orgId, 48);
  created += fresh.length;

  for (const spec of projects(anchor, todayOffset)) {
    const partnerIds: { partnerId: string; role: string }[] = [];
    for (const partner of spec.partners) {
      const row = await insertPartner(db, orgId, {
        name: partner.name,
        city: partner.city,
        country: 'MK',
        website: null,
        description: partner.description,
      });
      partnerIds.push({ partnerId: row.id, role: partner.role });
      created += 1;
    }
    const grantIds: string[] = [];
    for (const reference of spec.grants) {
      const grant = await findGrantByReference(db, orgId, reference);
      if (grant) grantIds.push(grant.id);
    }
    const projectId = await insertProject(db, orgId, {
      title: spec.title,
      summary: spec.summary,
      startDate: anchor,
      endDate: addDays(anchor, 364),
      partners: partnerIds,
      grantIds,
    });
    created += 1;

    for (const a of spec.activities) {
      const activityId = await insertActivity(db, orgId, {
        projectId,
        kind: a.kind,
        title: a.title,
        reference: a.reference,
        city: a.city,
        startDate: day(a.from),
        endDate: day(a.to),
        plannedMinutes: a.plannedMinutes,
        completionThreshold: 80,
        attendanceMode: a.attendanceMode,
        description: null,
      });
      created += 1;
      const sessionIds = await insertSessions(
        db,
        orgId,
        activityId,
        a.sessions.map((s) => ({
          date: day(s.day),
          startTime: a.startTime ?? (s.minutes >= 300 ? '10:00' : '18:00'),
          minutes: s.minutes,
          module: s.module ?? null,
          note: null,
        })),
      );
      created += sessionIds.length;
      const people = a.people;
      if (people) {
        const participantIds = people.codes.map((n) => ids.get(n) as string);
        await insertEnrollments(db, orgId, activityId, participantIds, day(a.from));
        created += participantIds.length;
      }
      for (const [index, session] of a.sessions.entries()) {
        const sessionId = sessionIds[index] as string;
        if (!session.held) continue;
        await markSessionHeld(db, orgId, { id: sessionId, version: 1 });
        if (people) {
          await upsertAttendance(
            db,
            orgId,
            { id: sessionId, activityId },
            people.codes.map((n) => {
              const missed = people.missed?.[n]?.includes(index) ?? false;
              const late = people.late?.[n];
              return {
                participantId: ids.get(n) as string,
                status: missed ? 'absent' : late !== undefined ? 'late' : 'present',
                minutes: missed ? 0 : (late ?? session.minutes),
              };
            }),
          );
          created += people.codes.length;
        }
        const heads = a.headCounts?.[index];
        if (heads) {
          const split = heads.cells.reduce((s, c) => s + c.count, 0);
          const cells =
            split < heads.total
              ? [
                  ...heads.cells,
                  { gender: 'undisclosed' as const, ageBand: 'undisclosed' as const, count: heads.total - split },
                ]
              : heads.cells;
          await replaceHeadCount(db, orgId, sessionId, cells);
          created += 1;
        }
      }
      if (people?.dropped) {
        for (const n of people.dropped) {
          const enrolment = await findEnrollmentOf(db, orgId, activityId, ids.get(n) as string);
          if (!enrolment) continue;
          await updateEnrollment(db, orgId, enrolment, {
            status: 'dropped',
            droppedOn: day(a.sessions[1]?.day ?? a.to),
            completionOverride: null,
            overrideReason: null,
          });
        }
      }
      for (const output of a.outputs ?? []) {
        await insertOutput(db, orgId, {
          activityId,
          kind: output.kind,
          title: output.title,
          quantity: output.quantity,
          date: day(output.day),
          link: output.link ?? null,
          note: null,
        });
        created += 1;
      }
    }
  }
  return created;
}

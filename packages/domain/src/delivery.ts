import * as z from 'zod';
import { isoDateSchema } from './dates';
import { idField, optionalCountry, optionalText, optionalUrl, requiredText, versionField } from './fields';
import { attendanceStatuses, startTimePattern, weekdays } from './hours';
import { messageKey } from './messages';

/**
 * Programme delivery: partners, projects, activities, their sessions and outputs. Participants,
 * enrolment and attendance are in participants.ts.
 */

// ---------------------------------------------------------------------------------------------
// Partners

export const partnerFields = z.object({
  name: requiredText(200),
  city: optionalText(100),
  country: optionalCountry,
  website: optionalUrl,
  description: optionalText(2000),
});
export type PartnerFormValues = z.input<typeof partnerFields>;
export const createPartnerInput = partnerFields;
export type CreatePartnerInput = z.infer<typeof createPartnerInput>;
export const updatePartnerInput = partnerFields.extend({ id: idField, version: versionField });
export type UpdatePartnerInput = z.infer<typeof updatePartnerInput>;

export interface Partner {
  id: string;
  name: string;
  city: string | null;
  country: string | null;
  website: string | null;
  description: string | null;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Projects

function endNotBeforeStart<T extends { startDate: string; endDate: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: messageKey('validation.endBeforeStart') });
  }
}

const projectPartnerField = z.object({ partnerId: idField, role: requiredText(200) });

function noRepeats<T extends { partners: { partnerId: string }[]; grantIds: string[] }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  value.partners.forEach((p, i) => {
    if (seen.has(p.partnerId)) {
      ctx.addIssue({ code: 'custom', path: ['partners', i, 'partnerId'], message: messageKey('validation.duplicate') });
    }
    seen.add(p.partnerId);
  });
  const grants = new Set<string>();
  value.grantIds.forEach((g, i) => {
    if (grants.has(g))
      ctx.addIssue({ code: 'custom', path: ['grantIds', i], message: messageKey('validation.duplicate') });
    grants.add(g);
  });
}

const projectBase = z.object({
  title: requiredText(300),
  summary: optionalText(5000),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  partners: z.array(projectPartnerField).max(50).default([]),
  grantIds: z.array(idField).max(50).default([]),
});
export const projectFields = projectBase.superRefine(endNotBeforeStart).superRefine(noRepeats);
export type ProjectFormValues = z.input<typeof projectFields>;
export const createProjectInput = projectFields;
export type CreateProjectInput = z.infer<typeof createProjectInput>;
export const updateProjectInput = projectBase
  .extend({ id: idField, version: versionField })
  .superRefine(endNotBeforeStart)
  .superRefine(noRepeats);
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export interface Project {
  id: string;
  title: string;
  summary: string | null;
  startDate: string;
  endDate: string;
  partners: { partnerId: string; partnerName: string; role: string }[];
  grants: { grantId: string; title: string; reference: string | null }[];
  activityCount: number;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Activities

export const activityKinds = [
  'training',
  'workshop',
  'campaign',
  'event',
  'research',
  'publication',
  'outreach',
  'meeting',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** How attendance is taken: a register of enrolled participants, or a head count per session. */
export const attendanceModes = ['register', 'headcount'] as const;
export type AttendanceMode = (typeof attendanceModes)[number];

export const activityReferencePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Whole minutes; the forms show hours and minutes. Up to a year of sessions. */
export const minutesSchema = z
  .number({ error: messageKey('validation.invalidNumber') })
  .int({ error: messageKey('validation.invalidNumber'), abort: true })
  .min(0, { error: messageKey('validation.negative'), abort: true })
  .max(525_600, { error: messageKey('validation.tooLarge') });

const activityBase = z.object({
  projectId: idField,
  kind: z.enum(activityKinds, { error: messageKey('validation.invalidChoice') }),
  title: requiredText(300),
  /** A short reference unique in the organisation ("CT-2026"), used by imports. */
  reference: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(
      z
        .string()
        .regex(activityReferencePattern, { error: messageKey('validation.invalid') })
        .nullable(),
    ),
  city: optionalText(100),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  /** The hours the curriculum plans, in minutes; completion is measured against them. */
  plannedMinutes: minutesSchema,
  /** Share of the planned minutes a participant must attend to complete (80 = 80%). */
  completionThreshold: z
    .number({ error: messageKey('validation.invalidNumber') })
    .int({ error: messageKey('validation.invalidNumber') })
    .min(1, { error: messageKey('validation.invalidNumber') })
    .max(100, { error: messageKey('validation.invalidNumber') })
    .default(80),
  attendanceMode: z.enum(attendanceModes, { error: messageKey('validation.invalidChoice') }).default('register'),
  description: optionalText(5000),
});
export const activityFields = activityBase.superRefine(endNotBeforeStart);
export type ActivityFormValues = z.input<typeof activityFields>;
export const createActivityInput = activityFields;
export type CreateActivityInput = z.infer<typeof createActivityInput>;
export const updateActivityInput = activityBase
  .extend({ id: idField, version: versionField })
  .superRefine(endNotBeforeStart);
export type UpdateActivityInput = z.infer<typeof updateActivityInput>;

export const listActivitiesInput = z.object({
  projectId: idField.optional(),
  kind: z.enum(activityKinds).optional(),
  search: z.string().trim().max(200).default(''),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ListActivitiesInput = z.infer<typeof listActivitiesInput>;

export interface Activity {
  id: string;
  projectId: string;
  projectTitle: string;
  kind: ActivityKind;
  title: string;
  reference: string | null;
  city: string | null;
  startDate: string;
  endDate: string;
  plannedMinutes: number;
  completionThreshold: number;
  attendanceMode: AttendanceMode;
  description: string | null;
  version: number;
}

/**
 * The figures of one activity that every role may see: counts only, never who. Sessions held are
 * those with a register saved or a head count recorded. `People` is how a figure about people is
 * given: a plain number where it is exact (the database, admins and coordinators), or a `Shown`
 * (see delivery-figures.ts) in what the API returns, suppressed for roles that may not read the
 * register. Sessions and minutes delivered are about the activity, not people: always numbers.
 */
export interface ActivityTotals<People = number> {
  sessionsPlanned: number;
  sessionsHeld: number;
  /** Length of the sessions held, in minutes ("hours delivered"). */
  minutesHeld: number;
  enrolled: People;
  dropped: People;
  /** People who attended at least one minute. */
  uniqueParticipants: People;
  /** Sum of minutes attended over everyone ("participant hours"); hidden with the people it belongs to. */
  participantMinutes: People;
  completions: People;
  /** People counted at head-count sessions (not unique: the same person may come twice). */
  headCount: People;
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** A session's start time, 'HH:MM' on a 24-hour clock; empty means not known (older sessions). */
export const startTimeSchema = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(
    z
      .string()
      .regex(startTimePattern, { error: messageKey('validation.invalidTime') })
      .nullable(),
  );

const sessionBase = z.object({
  date: isoDateSchema,
  startTime: startTimeSchema,
  minutes: minutesSchema
    .refine((m) => m > 0, { error: messageKey('validation.required') })
    .refine((m) => m <= 24 * 60, { error: messageKey('validation.tooLarge') }),
  module: optionalText(200),
  note: optionalText(1000),
});
export const sessionFields = sessionBase;
export type SessionFormValues = z.input<typeof sessionFields>;
export const createSessionInput = sessionBase.extend({ activityId: idField });
export type CreateSessionInput = z.infer<typeof createSessionInput>;
export const updateSessionInput = sessionBase.extend({ id: idField, version: versionField });
export type UpdateSessionInput = z.infer<typeof updateSessionInput>;

export const generateSessionsInput = z.object({
  activityId: idField,
  startDate: isoDateSchema,
  weeks: z
    .number({ error: messageKey('validation.invalidNumber') })
    .int({ error: messageKey('validation.invalidNumber') })
    .min(1, { error: messageKey('validation.invalidNumber') })
    .max(104, { error: messageKey('validation.tooLarge') }),
  days: z
    .array(z.enum(weekdays, { error: messageKey('validation.invalidChoice') }))
    .min(1, { error: messageKey('validation.required') })
    .max(7),
  minutesPerSession: minutesSchema
    .refine((m) => m > 0, { error: messageKey('validation.required') })
    .refine((m) => m <= 24 * 60, { error: messageKey('validation.tooLarge') }),
  startTime: startTimeSchema,
  module: optionalText(200),
});
export type GenerateSessionsInput = z.infer<typeof generateSessionsInput>;
export type GenerateSessionsFormValues = z.input<typeof generateSessionsInput>;

/** A session; `People` as in `ActivityTotals` (numbers from the database, `Shown` from the API). */
export interface ActivitySession<People = number> {
  id: string;
  activityId: string;
  date: string;
  /** 'HH:MM', null for sessions recorded before start times were kept. */
  startTime: string | null;
  minutes: number;
  module: string | null;
  note: string | null;
  held: boolean;
  /** Head-count sessions: the total counted (null until recorded). */
  headCount: People | null;
  /** Register sessions: how many entries the register holds, and how many attended. */
  registered: People;
  attended: People;
  version: number;
}

export const listSessionsInput = z.object({
  activityId: idField,
  limit: z.number().int().min(1).max(500).default(200),
  offset: z.number().int().min(0).default(0),
});

// ---------------------------------------------------------------------------------------------
// Head counts

export const genders = ['woman', 'man', 'trans-woman', 'trans-man', 'non-binary', 'other', 'undisclosed'] as const;
export type Gender = (typeof genders)[number];
export const ageBands = ['under-18', '18-24', '25-34', '35-44', '45-54', '55-plus', 'undisclosed'] as const;
export type AgeBand = (typeof ageBands)[number];

const countField = z
  .number({ error: messageKey('validation.invalidNumber') })
  .int({ error: messageKey('validation.invalidNumber'), abort: true })
  .min(0, { error: messageKey('validation.negative'), abort: true })
  .max(1_000_000, { error: messageKey('validation.tooLarge') });

export const headCountCell = z.object({
  gender: z.enum(genders, { error: messageKey('validation.invalidChoice') }),
  ageBand: z.enum(ageBands, { error: messageKey('validation.invalidChoice') }),
  count: countField,
});
export type HeadCountCell = z.infer<typeof headCountCell>;

/**
 * A head count for a session without a register: a total, optionally split into cells by gender
 * and age band. When split, the cells must add up to the total (whatever is not split is
 * recorded as undisclosed).
 */
export const recordHeadCountInput = z
  .object({
    sessionId: idField,
    version: versionField,
    total: countField,
    cells: z
      .array(headCountCell)
      .max(ageBands.length * genders.length)
      .default([]),
  })
  .superRefine((value, ctx) => {
    const sum = value.cells.reduce((s, c) => s + c.count, 0);
    if (sum > value.total) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: messageKey('validation.headCountSplit') });
    }
    const seen = new Set<string>();
    value.cells.forEach((c, i) => {
      const key = `${c.gender}|${c.ageBand}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['cells', i], message: messageKey('validation.duplicate') });
      seen.add(key);
    });
  });
export type RecordHeadCountInput = z.infer<typeof recordHeadCountInput>;

/** The stored cells for a head count: the split plus an undisclosed remainder, no zero cells (but one for a count of 0). */
export function headCountCells(total: number, cells: readonly HeadCountCell[]): HeadCountCell[] {
  const kept = cells.filter((c) => c.count > 0);
  const rest = total - kept.reduce((s, c) => s + c.count, 0);
  if (rest < 0) throw new RangeError('Head-count cells exceed the total.');
  const undisclosed = kept.find((c) => c.gender === 'undisclosed' && c.ageBand === 'undisclosed');
  // A count of nobody is still a count: one zero cell records it (not "not yet counted").
  if (kept.length === 0 && rest === 0) return [{ gender: 'undisclosed', ageBand: 'undisclosed', count: 0 }];
  if (rest === 0) return kept;
  if (undisclosed) return kept.map((c) => (c === undisclosed ? { ...c, count: c.count + rest } : c));
  return [...kept, { gender: 'undisclosed', ageBand: 'undisclosed', count: rest }];
}

// ---------------------------------------------------------------------------------------------
// Outputs

export const outputKinds = ['video', 'report', 'brochure', 'card', 'post', 'other'] as const;
export type OutputKind = (typeof outputKinds)[number];

const outputBase = z.object({
  kind: z.enum(outputKinds, { error: messageKey('validation.invalidChoice') }),
  title: requiredText(300),
  quantity: countField.refine((q) => q > 0, { error: messageKey('validation.required') }),
  date: isoDateSchema,
  link: optionalUrl,
  note: optionalText(1000),
});
export const outputFields = outputBase;
export type OutputFormValues = z.input<typeof outputFields>;
export const createOutputInput = outputBase.extend({ activityId: idField });
export type CreateOutputInput = z.infer<typeof createOutputInput>;
export const updateOutputInput = outputBase.extend({ id: idField, version: versionField });
export type UpdateOutputInput = z.infer<typeof updateOutputInput>;

export interface Output {
  id: string;
  activityId: string;
  kind: OutputKind;
  title: string;
  quantity: number;
  date: string;
  link: string | null;
  note: string | null;
  version: number;
}

export const activityIdInput = z.object({ activityId: idField });
export const attendanceStatusSchema = z.enum(attendanceStatuses, { error: messageKey('validation.invalidChoice') });

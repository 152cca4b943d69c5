import * as z from 'zod';
import { isoDateSchema, optionalIsoDateSchema } from './dates';
import { ageBands, type AgeBand, attendanceStatusSchema, type Gender, genders, minutesSchema } from './delivery';
import { idField, optionalText, versionField } from './fields';
import { type AttendanceStatus, isCompleted } from './hours';
import { messageKey } from './messages';
import { codePrefixPattern } from './participant-codes';

/**
 * Participants are pseudonymous codes with optional, always-"undisclosed"-able attributes.
 * Contact details, notes and the attributes an organisation marks sensitive are encrypted at rest
 * by the API; finance and viewer roles never see any of this, only counts.
 */

// ---------------------------------------------------------------------------------------------
// Organisation settings: how codes are made, which extra attributes are asked

export const codeSchemes = ['sequential', 'uic'] as const;
export type CodeScheme = (typeof codeSchemes)[number];

export const attributeKeyPattern = /^[a-z][a-z0-9_]{0,29}$/;

export const participantAttributeDefinition = z.object({
  key: z
    .string()
    .trim()
    .regex(attributeKeyPattern, { error: messageKey('validation.invalid') }),
  label: z
    .string()
    .trim()
    .min(1, { error: messageKey('validation.required') })
    .max(100, { error: messageKey('validation.tooLong', { max: 100 }) }),
  /** Sensitive attributes are encrypted at rest like contact details and notes. */
  sensitive: z.boolean().default(false),
});
export type ParticipantAttributeDefinition = z.infer<typeof participantAttributeDefinition>;

export const participantSettingsInput = z
  .object({
    codeScheme: z.enum(codeSchemes, { error: messageKey('validation.invalidChoice') }),
    codePrefix: z
      .string()
      .trim()
      .toUpperCase()
      .regex(codePrefixPattern, { error: messageKey('validation.invalid') }),
    /** The questions asked at the door for a unique identifier code, in order. */
    uicQuestions: z
      .array(
        z
          .string()
          .trim()
          .min(1, { error: messageKey('validation.required') })
          .max(100, { error: messageKey('validation.tooLong', { max: 100 }) }),
      )
      .max(6, { error: messageKey('validation.tooLarge') }),
    attributes: z.array(participantAttributeDefinition).max(10, { error: messageKey('validation.tooLarge') }),
    suppressionThreshold: z
      .number({ error: messageKey('validation.invalidNumber') })
      .int({ error: messageKey('validation.invalidNumber') })
      .min(2, { error: messageKey('validation.invalidNumber') })
      .max(50, { error: messageKey('validation.invalidNumber') }),
    version: versionField,
  })
  .superRefine((value, ctx) => {
    if (value.codeScheme === 'uic' && value.uicQuestions.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['uicQuestions'], message: messageKey('validation.uicQuestions') });
    }
    const keys = new Set<string>();
    value.attributes.forEach((a, i) => {
      if (keys.has(a.key)) {
        ctx.addIssue({ code: 'custom', path: ['attributes', i, 'key'], message: messageKey('validation.duplicate') });
      }
      keys.add(a.key);
    });
    const questions = new Set<string>();
    value.uicQuestions.forEach((q, i) => {
      if (questions.has(q)) {
        ctx.addIssue({ code: 'custom', path: ['uicQuestions', i], message: messageKey('validation.duplicate') });
      }
      questions.add(q);
    });
  });
export type ParticipantSettingsInput = z.infer<typeof participantSettingsInput>;
export type ParticipantSettingsFormValues = z.input<typeof participantSettingsInput>;

export interface ParticipantSettings {
  codeScheme: CodeScheme;
  codePrefix: string;
  uicQuestions: string[];
  attributes: ParticipantAttributeDefinition[];
  suppressionThreshold: number;
  /** True once participants exist: the scheme and questions may then no longer change. */
  locked: boolean;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Participants

export const consentScopes = ['participation', 'aggregate-reporting', 'follow-up-contact', 'photos'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** A typed or imported code: letters, digits and dashes, upper case. */
export const participantCodePattern = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const participantCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(participantCodePattern, { error: messageKey('validation.invalidCode') });

const participantBase = z.object({
  gender: z.enum(genders, { error: messageKey('validation.invalidChoice') }).default('undisclosed'),
  ageBand: z.enum(ageBands, { error: messageKey('validation.invalidChoice') }).default('undisclosed'),
  /** Null means undisclosed. */
  city: optionalText(100),
  /** The organisation's extra attributes by key; a missing or empty value means undisclosed. */
  attributes: z
    .record(
      z.string().regex(attributeKeyPattern),
      z
        .string()
        .trim()
        .max(200, { error: messageKey('validation.tooLong', { max: 200 }) })
        .nullable(),
    )
    .default({})
    .transform(
      (values): Record<string, string> =>
        Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]))),
    ),
  contact: optionalText(500),
  notes: optionalText(5000),
  consentDate: optionalIsoDateSchema,
  consentScope: z
    .array(z.enum(consentScopes, { error: messageKey('validation.invalidChoice') }))
    .max(consentScopes.length)
    .default([])
    .transform((scopes) => [...new Set(scopes)]),
});
export const participantFields = participantBase;
export type ParticipantFields = z.infer<typeof participantFields>;
export type ParticipantFormValues = z.input<typeof participantFields>;

export const createParticipantInput = participantBase.extend({
  /** Sequential scheme: leave empty for the next code, or type one already in use on paper. */
  code: participantCodeField.nullish().transform((v) => v ?? null),
  /** UIC scheme: the answers given at the door, by question. Never stored. */
  uicAnswers: z.record(z.string(), z.string().max(200)).nullish(),
});
export type CreateParticipantInput = z.infer<typeof createParticipantInput>;
export const updateParticipantInput = participantBase.extend({ id: idField, version: versionField });
export type UpdateParticipantInput = z.infer<typeof updateParticipantInput>;

export const findByAnswersInput = z.object({ uicAnswers: z.record(z.string(), z.string().max(200)) });

export const listParticipantsInput = z.object({
  search: z.string().trim().max(64).default(''),
  /** Only those not enrolled in this activity (for the enrol picker). */
  notInActivityId: idField.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListParticipantsInput = z.infer<typeof listParticipantsInput>;

export interface ParticipantListItem {
  id: string;
  code: string;
  gender: Gender;
  ageBand: AgeBand;
  city: string | null;
  consentDate: string | null;
  activities: number;
  erased: boolean;
}

export interface ParticipantActivitySummary {
  enrollmentId: string;
  activityId: string;
  activityTitle: string;
  status: EnrollmentStatus;
  attendedMinutes: number;
  plannedMinutes: number;
  completed: boolean;
}

export interface Participant extends ParticipantListItem {
  attributes: Record<string, string>;
  contact: string | null;
  notes: string | null;
  consentScope: ConsentScope[];
  codeScheme: CodeScheme;
  enrollments: ParticipantActivitySummary[];
  version: number;
}

// ---------------------------------------------------------------------------------------------
// Enrolment and completion

export const enrollmentStatuses = ['enrolled', 'dropped'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];
export const completionOverrides = ['completed', 'not-completed'] as const;
export type CompletionOverride = (typeof completionOverrides)[number];

export const enrolInput = z.object({
  activityId: idField,
  participantIds: z
    .array(idField)
    .min(1, { error: messageKey('validation.required') })
    .max(1000),
  enrolledOn: isoDateSchema.optional(),
});
export type EnrolInput = z.infer<typeof enrolInput>;

export const updateEnrollmentInput = z
  .object({
    id: idField,
    version: versionField,
    status: z.enum(enrollmentStatuses, { error: messageKey('validation.invalidChoice') }),
    droppedOn: optionalIsoDateSchema,
    /** A coordinator's decision that overrides the threshold rule, with the reason. */
    completionOverride: z
      .enum(completionOverrides, { error: messageKey('validation.invalidChoice') })
      .nullish()
      .transform((v) => v ?? null),
    overrideReason: optionalText(500),
  })
  .superRefine((value, ctx) => {
    if (value.completionOverride !== null && value.overrideReason === null) {
      ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: messageKey('validation.required') });
    }
  });
export type UpdateEnrollmentInput = z.infer<typeof updateEnrollmentInput>;
export type UpdateEnrollmentFormValues = z.input<typeof updateEnrollmentInput>;

/**
 * The one completion rule: a coordinator's override wins; otherwise a participant who has not
 * dropped out completes when the minutes attended reach the threshold share of the planned
 * minutes. The SQL aggregates in packages/db mirror this and are tested against it.
 */
export function enrollmentCompleted(e: {
  status: EnrollmentStatus;
  completionOverride: CompletionOverride | null;
  attendedMinutes: number;
  plannedMinutes: number;
  completionThreshold: number;
}): boolean {
  if (e.completionOverride !== null) return e.completionOverride === 'completed';
  if (e.status === 'dropped') return false;
  return isCompleted(e.attendedMinutes, e.plannedMinutes, e.completionThreshold);
}

export const listEnrollmentsInput = z.object({
  activityId: idField,
  search: z.string().trim().max(64).default(''),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListEnrollmentsInput = z.infer<typeof listEnrollmentsInput>;

export interface Enrollment {
  id: string;
  participantId: string;
  code: string;
  status: EnrollmentStatus;
  enrolledOn: string;
  droppedOn: string | null;
  sessionsAttended: number;
  attendedMinutes: number;
  plannedMinutes: number;
  /** attended ÷ planned, 0..1 (may exceed 1 when more was held than planned). */
  attendanceRate: number;
  completed: boolean;
  completionOverride: CompletionOverride | null;
  overrideReason: string | null;
  version: number;
}

// ---------------------------------------------------------------------------------------------
// The register of one session

export const registerInput = z.object({
  sessionId: idField,
  search: z.string().trim().max(64).default(''),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type RegisterInput = z.infer<typeof registerInput>;

export interface RegisterEntry {
  participantId: string;
  code: string;
  enrollmentStatus: EnrollmentStatus;
  /** Null until someone marks this person at this session. */
  status: AttendanceStatus | null;
  minutes: number | null;
}

export interface Register {
  sessionId: string;
  activityId: string;
  activityTitle: string;
  date: string;
  startTime: string | null;
  minutes: number;
  module: string | null;
  version: number;
  total: number;
  marked: { present: number; late: number; absent: number };
  entries: RegisterEntry[];
}

export const registerEntryInput = z.object({
  participantId: idField,
  status: attendanceStatusSchema,
  /** Omitted: the whole session when present, none when absent; required when late. */
  minutes: minutesSchema.nullish().transform((v) => v ?? null),
});

export const saveRegisterInput = z.object({
  sessionId: idField,
  version: versionField,
  entries: z.array(registerEntryInput).max(5000),
  /** Mark everyone enrolled and not listed in `entries` (and not yet marked) this way. */
  markRest: attendanceStatusSchema.nullish().transform((v) => v ?? null),
});
export type SaveRegisterInput = z.infer<typeof saveRegisterInput>;
export type RegisterEntryInput = z.infer<typeof registerEntryInput>;

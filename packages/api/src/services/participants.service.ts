import type {
  Activity,
  Actor,
  CreateParticipantInput,
  EnrolInput,
  Enrollment,
  FieldErrors,
  ListEnrollmentsInput,
  ListParticipantsInput,
  Participant,
  ParticipantAttributeDefinition,
  ParticipantFields,
  ParticipantListItem,
  ParticipantSettings,
  ParticipantSettingsInput,
  Register,
  RegisterInput,
  SaveRegisterInput,
  UpdateEnrollmentInput,
  UpdateParticipantInput,
} from '@tessera/domain';
import {
  changedFields,
  DomainError,
  filledFields,
  formatSequentialCode,
  messageKey,
  attendanceMinutesProblem,
  minutesForAttendance,
  todayIn,
  uicMessage,
} from '@tessera/domain';
import {
  clearOutcomeText,
  attendanceCount,
  bumpCodeSequence,
  countParticipants,
  deleteEnrollment,
  type Db,
  type Executor,
  enrollmentStatuses,
  erasedParticipantIds,
  eraseParticipant,
  existingIds,
  findActivity,
  findActivitySession,
  findEnrollment,
  findOrganizationById,
  findParticipant,
  findParticipantSettings,
  findParticipantsByCode,
  insertAuditEvent,
  insertEnrollments,
  insertParticipants,
  listEnrollments,
  listParticipants,
  markSessionHeld,
  markUnmarked,
  newId,
  type ParticipantValues,
  participantEnrollments,
  participantsWithPlainAttributes,
  purgeWriteAheadLog,
  registerMarks,
  registerPage,
  type StoredParticipant,
  takeCodeSequence,
  updateEnrollment,
  updateParticipant,
  updateParticipantSettings,
  upsertAttendance,
} from '@tessera/db';
import { invalid, notFound, stale } from './errors';
import { type ParticipantCrypto, participantCrypto } from '../participant-crypto';

/** What the participant services need beyond the database: the key for sealing and codes. */
export interface ParticipantKeys {
  secretKey: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function getParticipantSettings(db: Executor, actor: Actor): Promise<ParticipantSettings> {
  const stored = await findParticipantSettings(db, actor.orgId);
  return { ...stored, locked: (await countParticipants(db, actor.orgId)) > 0 };
}

export async function saveParticipantSettings(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: ParticipantSettingsInput,
): Promise<ParticipantSettings> {
  const before = await getParticipantSettings(db, actor);
  if (before.version !== input.version) throw stale('setting');
  if (before.locked) {
    const fieldErrors: FieldErrors = {};
    if (input.codeScheme !== before.codeScheme) fieldErrors.codeScheme = [messageKey('validation.schemeLocked')];
    if (before.codeScheme === 'uic' && JSON.stringify(input.uicQuestions) !== JSON.stringify(before.uicQuestions)) {
      fieldErrors.uicQuestions = [messageKey('validation.schemeLocked')];
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw invalid('Participants exist: changing how codes are made would stop finding them.', fieldErrors);
    }
  }
  const { version, ...settings } = input;
  if (!(await updateParticipantSettings(db, actor.orgId, version, settings))) throw stale('setting');
  await sealNewlySensitive(db, actor, keys, before.attributes, settings.attributes);
  const changed = changedFields(
    {
      codeScheme: before.codeScheme,
      codePrefix: before.codePrefix,
      uicQuestions: JSON.stringify(before.uicQuestions),
      attributes: JSON.stringify(before.attributes),
      suppressionThreshold: before.suppressionThreshold,
    },
    {
      ...settings,
      uicQuestions: JSON.stringify(settings.uicQuestions),
      attributes: JSON.stringify(settings.attributes),
    },
  );
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'organization',
    entityId: actor.orgId,
    fields: changed,
  });
  return getParticipantSettings(db, actor);
}

// ---------------------------------------------------------------------------------------------
// Sealing

/** Binds a ciphertext to its organisation, row and field. */
export function sealContext(orgId: string, participantId: string, field: string): string {
  return `${orgId}/participant/${participantId}/${field}`;
}

/**
 * Splits the attributes into the plain ones and the sealed sensitive ones, refusing keys the
 * organisation does not define.
 */
export function sealParticipant(
  crypto: ParticipantCrypto,
  orgId: string,
  participantId: string,
  definitions: readonly ParticipantAttributeDefinition[],
  fields: ParticipantFields,
  fieldPrefix = '',
): { values: ParticipantValues; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const plain: Record<string, string> = {};
  const sensitive: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields.attributes)) {
    const definition = definitions.find((d) => d.key === key);
    if (!definition) errors[`${fieldPrefix}attributes.${key}`] = [messageKey('validation.unknownAttribute')];
    else if (definition.sensitive) sensitive[key] = value;
    else plain[key] = value;
  }
  const seal = (value: string | null, field: string) =>
    value === null ? null : crypto.encrypt(value, sealContext(orgId, participantId, field));
  return {
    values: {
      gender: fields.gender,
      ageBand: fields.ageBand,
      city: fields.city,
      attributes: plain,
      sensitiveEnc: Object.keys(sensitive).length > 0 ? seal(JSON.stringify(sensitive), 'sensitive') : null,
      contactEnc: seal(fields.contact, 'contact'),
      notesEnc: seal(fields.notes, 'notes'),
      consentDate: fields.consentDate,
      consentScope: fields.consentScope,
    },
    errors,
  };
}

/** The plaintext fields of a stored participant (only for the roles that may read them). */
export function openParticipant(
  crypto: ParticipantCrypto,
  orgId: string,
  stored: StoredParticipant,
): ParticipantFields {
  const open = (value: string | null, field: string) => crypto.open(value, sealContext(orgId, stored.id, field));
  const sensitive = open(stored.sensitiveEnc, 'sensitive');
  return {
    gender: stored.gender,
    ageBand: stored.ageBand,
    city: stored.city,
    attributes: { ...stored.attributes, ...(sensitive ? (JSON.parse(sensitive) as Record<string, string>) : {}) },
    contact: open(stored.contactEnc, 'contact'),
    notes: open(stored.notesEnc, 'notes'),
    consentDate: stored.consentDate,
    consentScope: stored.consentScope,
  };
}

/**
 * An attribute the organisation now marks sensitive must not stay in clear in rows written
 * before: its stored values move into each participant's sealed attributes.
 */
async function sealNewlySensitive(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  before: readonly ParticipantAttributeDefinition[],
  after: readonly ParticipantAttributeDefinition[],
): Promise<void> {
  const wasSensitive = new Set(before.filter((a) => a.sensitive).map((a) => a.key));
  const sealing = new Set(after.filter((a) => a.sensitive && !wasSensitive.has(a.key)).map((a) => a.key));
  if (sealing.size === 0) return;
  const crypto = participantCrypto(keys.secretKey);
  for (const stored of await participantsWithPlainAttributes(db, actor.orgId)) {
    if (!Object.keys(stored.attributes).some((key) => sealing.has(key))) continue;
    const plain = Object.fromEntries(Object.entries(stored.attributes).filter(([key]) => !sealing.has(key)));
    const opened = openParticipant(crypto, actor.orgId, stored);
    const sensitive = Object.fromEntries(Object.entries(opened.attributes).filter(([key]) => !(key in plain)));
    const { id, version, erasedAt: _erased, code: _code, codeScheme: _scheme, ...values } = stored;
    const sealed = crypto.encrypt(JSON.stringify(sensitive), sealContext(actor.orgId, id, 'sensitive'));
    if (
      !(await updateParticipant(
        db,
        actor.orgId,
        { id, version },
        { ...values, attributes: plain, sensitiveEnc: sealed },
      ))
    ) {
      throw stale('participant');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Participants

export function listOrganizationParticipants(
  db: Executor,
  actor: Actor,
  input: ListParticipantsInput,
): Promise<{ items: ParticipantListItem[]; total: number }> {
  return listParticipants(db, actor.orgId, input);
}

/** The sequence number in a code of this organisation's form ("ZR-0042" → 42), if any. */
export function sequenceOf(prefix: string, code: string): number | null {
  const match = new RegExp(`^${prefix}-(\\d{1,12})$`).exec(code);
  return match ? Number(match[1]) : null;
}

/** A code for a new participant under the organisation's scheme, or field errors. */
async function newCode(
  db: Executor,
  actor: Actor,
  crypto: ParticipantCrypto,
  input: Pick<CreateParticipantInput, 'code' | 'uicAnswers'>,
): Promise<{ code: string; scheme: 'sequential' | 'uic' }> {
  const settings = await findParticipantSettings(db, actor.orgId);
  if (settings.codeScheme === 'uic') {
    const message = uicMessage(settings.uicQuestions, input.uicAnswers ?? {});
    if (message === null) {
      throw invalid('Every question needs an answer.', { uicAnswers: [messageKey('validation.uicAnswers')] });
    }
    const code = crypto.uicCode(actor.orgId, message);
    if ((await findParticipantsByCode(db, actor.orgId, [code])).size > 0) {
      throw invalid('A participant with these answers is already registered.', {
        uicAnswers: [messageKey('validation.duplicate')],
      });
    }
    return { code, scheme: 'uic' };
  }
  if (input.code) {
    if ((await findParticipantsByCode(db, actor.orgId, [input.code])).size > 0) {
      throw invalid('This code is already in use.', { code: [messageKey('validation.duplicate')] });
    }
    const sequence = sequenceOf(settings.codePrefix, input.code);
    if (sequence !== null) await bumpCodeSequence(db, actor.orgId, sequence + 1);
    return { code: input.code, scheme: 'sequential' };
  }
  // Skip numbers already taken by codes typed by hand or imported.
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const code = formatSequentialCode(settings.codePrefix, await takeCodeSequence(db, actor.orgId));
    if ((await findParticipantsByCode(db, actor.orgId, [code])).size === 0) return { code, scheme: 'sequential' };
  }
  throw new DomainError('CONFLICT', 'No free sequential code was found.');
}

export async function createParticipant(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: CreateParticipantInput,
): Promise<ParticipantListItem> {
  const crypto = participantCrypto(keys.secretKey);
  const settings = await findParticipantSettings(db, actor.orgId);
  const id = newId();
  const sealed = sealParticipant(crypto, actor.orgId, id, settings.attributes, input);
  if (Object.keys(sealed.errors).length > 0) throw invalid('Unknown attribute.', sealed.errors);
  const { code, scheme } = await newCode(db, actor, crypto, input);
  await insertParticipants(db, actor.orgId, [{ ...sealed.values, id, code, codeScheme: scheme }]);
  const { uicAnswers: _answers, ...recorded } = input;
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'create',
    entity: 'participant',
    entityId: id,
    fields: filledFields({ ...recorded, code }),
  });
  return {
    id,
    code,
    gender: input.gender,
    ageBand: input.ageBand,
    city: input.city,
    consentDate: input.consentDate,
    activities: 0,
    erased: false,
  };
}

/** Opens one participant's record (contact and notes decrypted); every call is audited. */
export async function readParticipant(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  id: string,
): Promise<Participant> {
  const stored = await findParticipant(db, actor.orgId, id);
  if (!stored) throw notFound('participant');
  const fields = openParticipant(participantCrypto(keys.secretKey), actor.orgId, stored);
  const enrollments = await participantEnrollments(db, actor.orgId, id);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'read',
    entity: 'participant',
    entityId: id,
    fields: filledFields({ contact: fields.contact, notes: fields.notes, sensitive: stored.sensitiveEnc }),
  });
  return {
    id: stored.id,
    code: stored.code,
    codeScheme: stored.codeScheme,
    gender: fields.gender,
    ageBand: fields.ageBand,
    city: fields.city,
    attributes: fields.attributes,
    contact: fields.contact,
    notes: fields.notes,
    consentDate: fields.consentDate,
    consentScope: fields.consentScope,
    activities: enrollments.length,
    enrollments,
    erased: stored.erasedAt !== null,
    version: stored.version,
  };
}

/** Finds a participant by the answers given at the door (UIC scheme); audited when found. */
export async function findByAnswers(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  answers: Record<string, string>,
): Promise<{ id: string; code: string } | null> {
  const settings = await findParticipantSettings(db, actor.orgId);
  if (settings.codeScheme !== 'uic') {
    throw invalid('This organisation uses sequential codes.', { uicAnswers: [messageKey('validation.invalid')] });
  }
  const message = uicMessage(settings.uicQuestions, answers);
  if (message === null) {
    throw invalid('Every question needs an answer.', { uicAnswers: [messageKey('validation.uicAnswers')] });
  }
  const code = participantCrypto(keys.secretKey).uicCode(actor.orgId, message);
  const found = (await findParticipantsByCode(db, actor.orgId, [code])).get(code);
  if (!found) return null;
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'read',
    entity: 'participant',
    entityId: found.id,
    fields: ['code'],
  });
  return { id: found.id, code: found.code };
}

export async function editParticipant(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: UpdateParticipantInput,
): Promise<ParticipantListItem> {
  const crypto = participantCrypto(keys.secretKey);
  const stored = await findParticipant(db, actor.orgId, input.id);
  if (!stored) throw notFound('participant');
  if (stored.erasedAt !== null) throw invalid('This participant was erased.', { _: [messageKey('validation.erased')] });
  if (stored.version !== input.version) throw stale('participant');
  const settings = await findParticipantSettings(db, actor.orgId);
  const { id, version, ...fields } = input;
  const sealed = sealParticipant(crypto, actor.orgId, id, settings.attributes, fields);
  if (Object.keys(sealed.errors).length > 0) throw invalid('Unknown attribute.', sealed.errors);
  const before = openParticipant(crypto, actor.orgId, stored);
  const changed = changedFields(
    { ...before, attributes: JSON.stringify(before.attributes), consentScope: JSON.stringify(before.consentScope) },
    { ...fields, attributes: JSON.stringify(fields.attributes), consentScope: JSON.stringify(fields.consentScope) },
  );
  if (changed.length > 0) {
    if (!(await updateParticipant(db, actor.orgId, { id, version }, sealed.values))) throw stale('participant');
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'update',
      entity: 'participant',
      entityId: id,
      fields: changed,
    });
  }
  const [item] = (await listParticipants(db, actor.orgId, { search: stored.code, limit: 1, offset: 0 })).items;
  return item as ParticipantListItem;
}

/**
 * Erasure: everything that identifies the person goes (code, attributes, contact, notes,
 * consent), while enrolments and attendance stay so reported hours and counts remain true.
 */
export async function erase(db: Executor, actor: Actor, input: { id: string; version: number }): Promise<void> {
  const stored = await findParticipant(db, actor.orgId, input.id);
  if (!stored) throw notFound('participant');
  if (stored.erasedAt !== null) return;
  if (stored.version !== input.version) throw stale('participant');
  const replacement = `X-${newId().replace(/-/g, '').slice(-10).toUpperCase()}`;
  if (!(await eraseParticipant(db, actor.orgId, input, replacement))) throw stale('participant');
  await clearOutcomeText(db, actor.orgId, input.id);
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'participant',
    entityId: input.id,
    fields: ['erased'],
  });
}

/** How long to wait before trying again to purge a write-ahead log that a reader kept busy. */
const purgeRetryMs = 30_000;
const retryingPurge = new WeakSet<Db>();

/**
 * Runs after an erasure has committed, before the caller is answered. `secure_delete` zeroes the
 * erased values in the database file, but the write-ahead log still holds earlier copies of the
 * same pages: they go with a checkpoint that truncates the log (`purgeWriteAheadLog`).
 *
 * The server holds one connection, so only another process (a CLI run, a backup reading the file)
 * can keep the log busy. Then the erasure still stands (it has committed): the operator gets a
 * warning without any personal data, and the purge is retried every `purgeRetryMs` in the
 * background until it completes; the server also purges at start and when it stops. Returns
 * whether the purge completed now.
 */
export async function purgeErasedValues(db: Db, warn: (message: string) => void): Promise<boolean> {
  if ((await purgeWriteAheadLog(db)).completed) return true;
  warn(
    'Erasure committed, but another process reading the database kept the write-ahead log busy: erased values stay in the -wal file until the purge completes; retrying in the background.',
  );
  if (!retryingPurge.has(db)) {
    retryingPurge.add(db);
    const retry = () => {
      purgeWriteAheadLog(db).then(
        (result) => {
          if (result.completed) retryingPurge.delete(db);
          else setTimeout(retry, purgeRetryMs).unref();
        },
        // The database was closed: the final close checkpoints what it can.
        () => retryingPurge.delete(db),
      );
    };
    setTimeout(retry, purgeRetryMs).unref();
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Enrolment

async function registerActivity(db: Executor, actor: Actor, activityId: string): Promise<Activity> {
  const activity = await findActivity(db, actor.orgId, activityId);
  if (!activity) throw notFound('activity');
  return activity;
}

async function today(db: Executor, actor: Actor, now: Date): Promise<string> {
  const org = await findOrganizationById(db, actor.orgId);
  return todayIn(org?.timeZone ?? 'UTC', now);
}

export async function enrol(
  db: Executor,
  actor: Actor,
  input: EnrolInput,
  now: Date,
): Promise<{ added: number; alreadyEnrolled: number }> {
  const activity = await registerActivity(db, actor, input.activityId);
  if (activity.attendanceMode !== 'register') {
    throw invalid('This activity records head counts only.', {
      participantIds: [messageKey('validation.wrongAttendanceMode')],
    });
  }
  const ids = [...new Set(input.participantIds)];
  const found = await existingIds(db, actor.orgId, 'participant', ids);
  const erased = await erasedParticipantIds(db, actor.orgId, ids);
  const fieldErrors: FieldErrors = {};
  input.participantIds.forEach((id, i) => {
    if (!found.has(id)) fieldErrors[`participantIds.${i}`] = [messageKey('validation.unknownParticipant')];
    else if (erased.has(id)) fieldErrors[`participantIds.${i}`] = [messageKey('validation.erased')];
  });
  if (Object.keys(fieldErrors).length > 0) throw invalid('Unknown participant.', fieldErrors);
  const added = await insertEnrollments(
    db,
    actor.orgId,
    activity.id,
    ids,
    input.enrolledOn ?? (await today(db, actor, now)),
  );
  if (added > 0) {
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'enrollment',
      entityId: activity.id,
      fields: ['participants'],
    });
  }
  return { added, alreadyEnrolled: ids.length - added };
}

/** The reason for a completion override is free text about a person: sealed like notes. */
export function reasonContext(orgId: string, enrollmentId: string): string {
  return `${orgId}/enrollment/${enrollmentId}/overrideReason`;
}

function openReason(crypto: ParticipantCrypto, orgId: string, enrollmentId: string, sealed: string | null) {
  return crypto.open(sealed, reasonContext(orgId, enrollmentId));
}

export async function listActivityEnrollments(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: ListEnrollmentsInput,
): Promise<{ items: Enrollment[]; total: number }> {
  const activity = await registerActivity(db, actor, input.activityId);
  const page = await listEnrollments(db, actor.orgId, activity, input);
  const crypto = participantCrypto(keys.secretKey);
  return {
    ...page,
    items: page.items.map((e) => ({ ...e, overrideReason: openReason(crypto, actor.orgId, e.id, e.overrideReason) })),
  };
}

export async function editEnrollment(
  db: Executor,
  actor: Actor,
  keys: ParticipantKeys,
  input: UpdateEnrollmentInput,
  now: Date,
): Promise<void> {
  const before = await findEnrollment(db, actor.orgId, input.id);
  if (!before) throw notFound('enrolment');
  if (before.version !== input.version) throw stale('enrolment');
  const droppedOn = input.status === 'dropped' ? (input.droppedOn ?? (await today(db, actor, now))) : null;
  if (droppedOn !== null && droppedOn < before.enrolled_on) {
    throw invalid('A participant cannot drop out before enrolling.', {
      droppedOn: [messageKey('validation.endBeforeStart')],
    });
  }
  const crypto = participantCrypto(keys.secretKey);
  const values = {
    status: input.status,
    droppedOn,
    completionOverride: input.completionOverride,
    overrideReason: input.completionOverride === null ? null : input.overrideReason,
  };
  const changed = changedFields(
    {
      status: before.status,
      droppedOn: before.dropped_on,
      completionOverride: before.completion_override,
      overrideReason: openReason(crypto, actor.orgId, input.id, before.override_reason),
    },
    values,
  );
  if (changed.length === 0) return;
  const sealed = {
    ...values,
    overrideReason:
      values.overrideReason === null
        ? null
        : crypto.encrypt(values.overrideReason, reasonContext(actor.orgId, input.id)),
  };
  if (!(await updateEnrollment(db, actor.orgId, input, sealed))) throw stale('enrolment');
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'enrollment',
    entityId: input.id,
    fields: changed,
  });
}

export async function removeEnrollment(db: Executor, actor: Actor, input: { id: string; version: number }) {
  const before = await findEnrollment(db, actor.orgId, input.id);
  if (!before) throw notFound('enrolment');
  if ((await attendanceCount(db, actor.orgId, before.activity_id, before.participant_id)) > 0) {
    throw new DomainError('CONFLICT', 'Attendance is recorded for this enrolment; mark it dropped instead.');
  }
  if (!(await deleteEnrollment(db, actor.orgId, input.id, input.version))) throw stale('enrolment');
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'enrollment',
    entityId: input.id,
    fields: [],
  });
}

// ---------------------------------------------------------------------------------------------
// The register

async function registerSession(db: Executor, actor: Actor, sessionId: string) {
  const session = await findActivitySession(db, actor.orgId, sessionId);
  if (!session) throw notFound('session');
  const activity = await registerActivity(db, actor, session.activityId);
  return { session, activity };
}

export async function getRegister(db: Executor, actor: Actor, input: RegisterInput): Promise<Register> {
  const { session, activity } = await registerSession(db, actor, input.sessionId);
  const [page, marked] = await Promise.all([
    registerPage(db, actor.orgId, session, input),
    registerMarks(db, actor.orgId, session.id),
  ]);
  return {
    sessionId: session.id,
    activityId: activity.id,
    activityTitle: activity.title,
    date: session.date,
    startTime: session.startTime,
    minutes: session.minutes,
    module: session.module,
    version: session.version,
    total: page.total,
    marked,
    entries: page.entries,
  };
}

/**
 * Saves a register at once: the entries the coordinator touched, and optionally "everyone else
 * present". Refused whole when any entry is wrong or someone saved this register first.
 */
export async function saveRegister(
  db: Executor,
  actor: Actor,
  input: SaveRegisterInput,
): Promise<{ version: number; marked: Register['marked'] }> {
  const { session, activity } = await registerSession(db, actor, input.sessionId);
  if (activity.attendanceMode !== 'register') {
    throw invalid('This activity records head counts only.', {
      entries: [messageKey('validation.wrongAttendanceMode')],
    });
  }
  if (session.version !== input.version) throw stale('register');
  const ids = input.entries.map((e) => e.participantId);
  const statuses = await enrollmentStatuses(db, actor.orgId, activity.id, ids);
  const erased = await erasedParticipantIds(db, actor.orgId, ids);
  const fieldErrors: FieldErrors = {};
  const seen = new Set<string>();
  const writes = input.entries.map((entry, i) => {
    if (seen.has(entry.participantId)) fieldErrors[`entries.${i}.participantId`] = [messageKey('validation.duplicate')];
    seen.add(entry.participantId);
    if (!statuses.has(entry.participantId)) {
      fieldErrors[`entries.${i}.participantId`] = [messageKey('validation.notEnrolled')];
    } else if (erased.has(entry.participantId)) {
      fieldErrors[`entries.${i}.participantId`] = [messageKey('validation.erased')];
    }
    const problem = attendanceMinutesProblem(entry.status, session.minutes, entry.minutes);
    const minutes = minutesForAttendance(entry.status, session.minutes, entry.minutes);
    if (problem) fieldErrors[`entries.${i}.minutes`] = [messageKey(problem.key, { minutes: problem.minutes })];
    return { participantId: entry.participantId, status: entry.status, minutes: minutes ?? 0 };
  });
  if (Object.keys(fieldErrors).length > 0) throw invalid('Some register entries are not valid.', fieldErrors);
  if (!(await markSessionHeld(db, actor.orgId, { id: session.id, version: input.version }))) throw stale('register');
  await upsertAttendance(db, actor.orgId, session, writes);
  if (input.markRest) {
    await markUnmarked(db, actor.orgId, session, input.markRest, input.markRest === 'absent' ? 0 : session.minutes);
  }
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'activity_session',
    entityId: session.id,
    fields: ['attendance'],
  });
  return { version: input.version + 1, marked: await registerMarks(db, actor.orgId, session.id) };
}

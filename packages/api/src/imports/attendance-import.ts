import type { Activity, ActivitySession, AttendanceImportRow, ImportProblem } from '@tessera/domain';
import {
  checkAttendanceRow,
  DomainError,
  importLimits,
  messageKey,
  attendanceMinutesProblem,
  minutesForAttendance,
  readImportHeader,
  rowRecord,
} from '@tessera/domain';
import {
  type AttendanceWrite,
  attendanceOf,
  enrollmentStatuses,
  type Executor,
  findActivityByName,
  findParticipantsByCode,
  insertEnrollments,
  listSessions,
  markSessionHeld,
  type StoredParticipant,
  upsertAttendance,
} from '@tessera/db';
import { chunks, emptySummary, groupBy, type Planner, report } from './progress';

interface Mark {
  line: number;
  activity: Activity;
  session: ActivitySession;
  participantId: string;
  status: AttendanceWrite['status'];
  minutes: number;
}

/** An activity named in the file, looked up once: found, or the problem with its name. */
type Named = { activity: Activity } | { problem: string };

async function lookUpActivity(db: Executor, orgId: string, name: string): Promise<Named> {
  const found = await findActivityByName(db, orgId, name);
  const [activity] = found;
  if (!activity) return { problem: messageKey('validation.unknownActivity') };
  if (found.length > 1) return { problem: messageKey('validation.ambiguousActivity') };
  if (activity.attendanceMode !== 'register') return { problem: messageKey('validation.wrongAttendanceMode') };
  return { activity };
}

async function sessionsByDate(db: Executor, orgId: string, activityId: string) {
  const byDate = new Map<string, ActivitySession[]>();
  for (let offset = 0; ; offset += 500) {
    const page = await listSessions(db, orgId, activityId, { limit: 500, offset });
    for (const session of page.items) byDate.set(session.date, [...(byDate.get(session.date) ?? []), session]);
    if (page.items.length < 500) break;
  }
  return byDate;
}

/**
 * Attendance by activity, session date and participant code, as a register would record it:
 * minutes default to the whole session when present or late and none when absent. Participants
 * not enrolled yet are enrolled (on the first session date the file gives them). Only marks that
 * differ from what is stored are written, and only the sessions they belong to are marked held,
 * so the same file imported twice changes nothing.
 */
export const planAttendanceImport: Planner = async (db, actor, _keys, file, onProgress) => {
  const header = readImportHeader('attendance', file.header, [], file.headerLine);
  const summary = emptySummary(file.rows.length);
  const problems: ImportProblem[] = [...file.problems, ...header.problems];
  if (header.problems.length > 0) return { summary, problems, apply: async () => {} };

  const activities = new Map<string, Named>();
  const sessions = new Map<string, Map<string, ActivitySession[]>>();
  const marks: Mark[] = [];
  const seen = new Set<string>();
  const total = file.rows.length;
  let done = 0;
  for (const chunk of chunks(file.rows, importLimits.chunkRows)) {
    const valid: { line: number; row: AttendanceImportRow }[] = [];
    for (const { line, cells } of chunk) {
      const checked = checkAttendanceRow(rowRecord(header, cells), line);
      if (checked.ok) valid.push({ line, row: checked.value });
      else problems.push(...checked.problems);
    }
    const people: Map<string, StoredParticipant> = await findParticipantsByCode(db, actor.orgId, [
      ...new Set(valid.map((v) => v.row.code)),
    ]);
    for (const { line, row } of valid) {
      let named = activities.get(row.activity);
      if (!named) {
        named = await lookUpActivity(db, actor.orgId, row.activity);
        activities.set(row.activity, named);
      }
      const rowProblems: ImportProblem[] = [];
      let session: ActivitySession | undefined;
      if ('problem' in named) rowProblems.push({ row: line, column: 'activity', message: named.problem });
      else {
        let byDate = sessions.get(named.activity.id);
        if (!byDate) {
          byDate = await sessionsByDate(db, actor.orgId, named.activity.id);
          sessions.set(named.activity.id, byDate);
        }
        const onDate = byDate.get(row.date) ?? [];
        if (onDate.length === 1) session = onDate[0];
        else rowProblems.push({ row: line, column: 'date', message: messageKey('validation.noSession') });
      }
      const person = people.get(row.code);
      if (!person)
        rowProblems.push({ row: line, column: 'code', message: messageKey('validation.unknownParticipant') });
      else if (person.erasedAt !== null) {
        rowProblems.push({ row: line, column: 'code', message: messageKey('validation.erased') });
      }
      const minutes = session ? minutesForAttendance(row.status, session.minutes, row.minutes) : 0;
      const problem = session ? attendanceMinutesProblem(row.status, session.minutes, row.minutes) : null;
      if (problem) {
        rowProblems.push({
          row: line,
          column: 'minutes',
          message: messageKey(problem.key, { minutes: problem.minutes }),
        });
      }
      if (session && person) {
        const key = `${session.id}|${person.id}`;
        if (seen.has(key)) rowProblems.push({ row: line, column: 'code', message: messageKey('validation.duplicate') });
        seen.add(key);
      }
      if (rowProblems.length > 0 || !session || !person || minutes === null || 'problem' in named) {
        problems.push(...rowProblems);
        continue;
      }
      marks.push({ line, activity: named.activity, session, participantId: person.id, status: row.status, minutes });
    }
    done += chunk.length;
    await report(onProgress, 'checking', done, total);
  }

  // Who must be enrolled: per activity, each participant not enrolled yet, on their first date.
  const toEnrol = new Map<string, Map<string, string>>();
  const byActivity = groupBy(marks, (m) => m.activity.id);
  for (const [activityId, activityMarks] of byActivity) {
    const ids = [...new Set(activityMarks.map((m) => m.participantId))];
    const enrolled = await enrollmentStatuses(db, actor.orgId, activityId, ids);
    const fresh = new Map<string, string>();
    for (const m of activityMarks) {
      if (enrolled.has(m.participantId)) continue;
      const first = fresh.get(m.participantId);
      if (!first || m.session.date < first) fresh.set(m.participantId, m.session.date);
    }
    if (fresh.size > 0) toEnrol.set(activityId, fresh);
    summary.enrolled += fresh.size;
  }

  // What differs from the marks stored for each session.
  const changes = new Map<string, { session: ActivitySession; writes: AttendanceWrite[] }>();
  for (const [sessionId, sessionMarks] of groupBy(marks, (m) => m.session.id)) {
    const stored = await attendanceOf(db, actor.orgId, sessionId);
    const writes: AttendanceWrite[] = [];
    for (const m of sessionMarks) {
      const before = stored.get(m.participantId);
      if (before && before.status === m.status && before.minutes === m.minutes) {
        summary.unchanged += 1;
        continue;
      }
      if (before) summary.updated += 1;
      else summary.created += 1;
      writes.push({ participantId: m.participantId, status: m.status, minutes: m.minutes });
    }
    const session = sessionMarks[0]?.session;
    if (session && writes.length > 0) changes.set(sessionId, { session, writes });
  }

  const apply = async (listener: typeof onProgress) => {
    for (const [activityId, fresh] of toEnrol) {
      for (const [date, entries] of groupBy(fresh, ([, d]) => d)) {
        await insertEnrollments(
          db,
          actor.orgId,
          activityId,
          entries.map(([id]) => id),
          date,
        );
      }
    }
    const writes = summary.created + summary.updated;
    let written = 0;
    for (const { session, writes: sessionWrites } of changes.values()) {
      if (!(await markSessionHeld(db, actor.orgId, { id: session.id, version: session.version }))) {
        throw new DomainError(
          'STALE_VERSION',
          'Someone saved a register while the file was imported. Import the file again.',
        );
      }
      for (const chunk of chunks(sessionWrites, importLimits.chunkRows)) {
        await upsertAttendance(db, actor.orgId, session, chunk);
        written += chunk.length;
        await report(listener, 'writing', written, writes);
      }
    }
  };
  return { summary, problems, apply };
};

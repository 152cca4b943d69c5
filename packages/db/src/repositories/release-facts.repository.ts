import type { Indicator } from '@tessera/domain';
import { sql } from 'kysely';
import type { Executor } from '../connection';
import { toIndicator } from './results.repository';

/**
 * What deciding an organisation's people figures together needs (ADR 0012): its activities and
 * which grants fund them, its indicators, and its attendance and enrolments reduced to facts
 * (who, which activity, which day, which groups). These rows never leave the API: only the
 * decision of which counts may be shown does.
 */
export interface ReleaseActivity {
  id: string;
  projectId: string;
  kind: string;
  city: string | null;
  endDate: string;
  plannedMinutes: number;
  completionThreshold: number;
}

/** The groups a participant belongs to, keyed as the results' breakdowns key them. */
export interface ReleasePerson {
  gender: string;
  ageBand: string;
  city: string;
}

export interface AttendanceFact extends ReleasePerson {
  participantId: string;
  activityId: string;
  date: string;
  minutes: number;
}

export interface EnrollmentFact extends ReleasePerson {
  participantId: string;
  activityId: string;
  status: string;
  completionOverride: string | null;
}

export interface ReleaseFacts {
  activities: ReleaseActivity[];
  grantIds: string[];
  projectIds: string[];
  projectGrants: { projectId: string; grantId: string }[];
  indicators: Indicator[];
  attendance: AttendanceFact[];
  enrollments: EnrollmentFact[];
}

export async function releaseFacts(db: Executor, orgId: string): Promise<ReleaseFacts> {
  const [activities, grants, projects, projectGrants, indicators, attendance, enrollments] = await Promise.all([
    db
      .selectFrom('activity')
      .select(['id', 'project_id', 'kind', 'city', 'end_date', 'planned_minutes', 'completion_threshold'])
      .where('org_id', '=', orgId)
      .execute(),
    db.selectFrom('grant').select('id').where('org_id', '=', orgId).execute(),
    db.selectFrom('project').select('id').where('org_id', '=', orgId).execute(),
    db.selectFrom('project_grant').select(['project_id', 'grant_id']).where('org_id', '=', orgId).execute(),
    db.selectFrom('indicator').selectAll().where('org_id', '=', orgId).execute(),
    sql<{
      participant_id: string;
      activity_id: string;
      date: string;
      minutes: number;
      gender: string | null;
      age_band: string | null;
      city: string;
    }>`select att.participant_id, att.activity_id, s.date, sum(att.minutes) as minutes,
        p.gender, p.age_band, coalesce(p.city, '') as city
      from attendance att
      join activity_session s on s.id = att.session_id
      join participant p on p.id = att.participant_id
      where att.org_id = ${orgId}
      group by att.participant_id, att.activity_id, s.date, p.gender, p.age_band, p.city
      order by s.date`.execute(db),
    sql<{
      participant_id: string;
      activity_id: string;
      status: string;
      completion_override: string | null;
      gender: string | null;
      age_band: string | null;
      city: string;
    }>`select e.participant_id, e.activity_id, e.status, e.completion_override,
        p.gender, p.age_band, coalesce(p.city, '') as city
      from enrollment e join participant p on p.id = e.participant_id
      where e.org_id = ${orgId}`.execute(db),
  ]);
  return {
    activities: activities.map((a) => ({
      id: a.id,
      projectId: a.project_id,
      kind: a.kind,
      city: a.city,
      endDate: a.end_date,
      plannedMinutes: Number(a.planned_minutes),
      completionThreshold: Number(a.completion_threshold),
    })),
    grantIds: grants.map((g) => g.id),
    projectIds: projects.map((p) => p.id),
    projectGrants: projectGrants.map((pg) => ({ projectId: pg.project_id, grantId: pg.grant_id })),
    indicators: indicators.map(toIndicator),
    attendance: attendance.rows.map((r) => ({
      participantId: r.participant_id,
      activityId: r.activity_id,
      date: r.date,
      minutes: Number(r.minutes),
      gender: r.gender ?? '',
      ageBand: r.age_band ?? '',
      city: r.city,
    })),
    enrollments: enrollments.rows.map((r) => ({
      participantId: r.participant_id,
      activityId: r.activity_id,
      status: r.status,
      completionOverride: r.completion_override,
      gender: r.gender ?? '',
      ageBand: r.age_band ?? '',
      city: r.city,
    })),
  };
}

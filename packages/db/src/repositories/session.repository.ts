import type { Executor } from '../connection';
import { nowIso } from '../clock';

/** 'full', or half signed in: waiting for the second factor, or for enrolment in one. */
export type SessionStage = 'full' | 'second_factor' | 'enrol';

export interface SessionRecord {
  id: string;
  stage: SessionStage;
  userId: string;
  activeOrgId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertSession(
  db: Executor,
  input: {
    id: string;
    userId: string;
    activeOrgId: string | null;
    expiresAt: Date;
    createdAt?: Date;
    stage?: SessionStage;
  },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: input.id,
      user_id: input.userId,
      active_org_id: input.activeOrgId,
      created_at: nowIso(input.createdAt),
      expires_at: input.expiresAt.toISOString(),
      stage: input.stage ?? 'full',
    })
    .execute();
}

export async function findSession(db: Executor, id: string): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && {
      id: row.id,
      stage: row.stage as SessionStage,
      userId: row.user_id,
      activeOrgId: row.active_org_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    }
  );
}

export async function extendSession(db: Executor, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('session').set({ expires_at: expiresAt.toISOString() }).where('id', '=', id).execute();
}

export async function setSessionOrganization(db: Executor, id: string, orgId: string | null): Promise<void> {
  await db.updateTable('session').set({ active_org_id: orgId }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Revokes every session of a user (password change, removal), optionally keeping one. */
export async function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom('session').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

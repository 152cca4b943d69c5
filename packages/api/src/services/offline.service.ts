import { type Actor, addDays, type Register, todayIn } from '@tessera/domain';
import { type Executor, findOrganizationById, sessionsOn } from '@tessera/db';
import { notFound } from './errors';
import { getRegister } from './participants.service';

/** The most a register page may hold; a longer roster is read in several. */
const pageSize = 500;

export interface OfflineSession {
  id: string;
  activityId: string;
  activityTitle: string;
  city: string | null;
  date: string;
  minutes: number;
  module: string | null;
  held: boolean;
}

export interface OfflineRegisters {
  /** Today and tomorrow in the organisation's time zone. */
  today: string;
  tomorrow: string;
  /** Only sessions whose attendance is taken by register (not head counts). */
  sessions: { session: OfflineSession; register: Register }[];
}

/**
 * What a coordinator's phone keeps for taking attendance without a signal (docs/offline.md):
 * today's and tomorrow's register sessions with their whole rosters. The roster holds what the
 * register screen shows and nothing more: participant ids and CODES, enrolment status and the
 * current marks, with the register's version for the same optimistic check on saving.
 */
export async function offlineRegisters(db: Executor, actor: Actor, now: Date): Promise<OfflineRegisters> {
  const org = await findOrganizationById(db, actor.orgId);
  if (!org) throw notFound('organisation');
  const today = todayIn(org.timeZone, now);
  const tomorrow = addDays(today, 1);
  const rows = [...(await sessionsOn(db, actor.orgId, today)), ...(await sessionsOn(db, actor.orgId, tomorrow))];
  const sessions: OfflineRegisters['sessions'] = [];
  for (const row of rows) {
    if (row.attendance_mode !== 'register') continue;
    const register = await getRegister(db, actor, { sessionId: row.id, search: '', limit: pageSize, offset: 0 });
    while (register.entries.length < register.total) {
      const next = await getRegister(db, actor, {
        sessionId: row.id,
        search: '',
        limit: pageSize,
        offset: register.entries.length,
      });
      if (next.entries.length === 0) break;
      register.entries.push(...next.entries);
    }
    sessions.push({
      session: {
        id: row.id,
        activityId: row.activity_id,
        activityTitle: row.activity_title,
        city: row.city,
        date: row.date,
        minutes: Number(row.minutes),
        module: row.module,
        held: row.held_at !== null,
      },
      register,
    });
  }
  return { today, tomorrow, sessions };
}

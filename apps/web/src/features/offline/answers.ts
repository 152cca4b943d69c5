import type { Register, SaveRegisterInput } from '@tessera/domain';
import { readAppError } from '../../lib/errors';
import { applyOutbox, mergeSave, registerPage } from './overlay';
import { keptAnything, outboxItem, putOutboxItem, readRegister, readSnapshot } from './store';

/**
 * The IndexedDB side of the offline link (./link.ts), loaded on first need: kept answers when
 * the network fails, the outbox for register saves, and the checks on the server's answers.
 */

/** A save kept on the phone: the register screen says "waiting to send" instead of "saved". */
export interface QueuedSave {
  version: number;
  marked: Register['marked'];
  queued: true;
}

/** This phone's date (YYYY-MM-DD): without a signal, "today" is the phone's. */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function keptRegisterWithOutbox(sessionId: string): Promise<Register | null> {
  const register = await readRegister(sessionId);
  if (!register) return null;
  return applyOutbox(register, await outboxItem(sessionId));
}

async function queue(input: SaveRegisterInput, register: Register): Promise<QueuedSave> {
  const item = mergeSave(await outboxItem(input.sessionId), input, register, Date.now());
  await putOutboxItem(item);
  const { flushSoon } = await import('./sender');
  flushSoon();
  const shown = applyOutbox({ ...register, version: item.baseVersion }, item);
  return { version: item.baseVersion, marked: shown.marked, queued: true };
}

/** The kept answer to a call the network could not carry, or undefined when nothing is kept. */
export async function answerOffline(path: string, input: unknown): Promise<unknown> {
  if (!(await keptAnything())) return undefined;
  const snapshot = await readSnapshot();
  if (!snapshot) return undefined;
  switch (path) {
    case 'auth.session':
      return snapshot.session;
    case 'organization.current':
      return snapshot.organization;
    case 'sessions.today': {
      const today = localDate();
      return { date: today, sessions: keptSessionsOn(snapshot.sessions, today) };
    }
    case 'register.get': {
      const query = input as { sessionId: string; search?: string; limit?: number; offset?: number };
      const register = await keptRegisterWithOutbox(query.sessionId);
      return register ? registerPage(register, query) : undefined;
    }
    case 'register.save': {
      const save = input as SaveRegisterInput;
      const register = await readRegister(save.sessionId);
      return register ? queue(save, register) : undefined;
    }
    default:
      return undefined;
  }
}

export function keptSessionsOn(sessions: readonly import('./store').KeptSession[], date: string) {
  return sessions
    .filter((session) => session.date === date)
    .map((session) => ({ ...session, attendanceMode: 'register' as const }));
}

/** A save for a register with marks still waiting joins them (undefined: send it as usual). */
export async function joinWaiting(input: unknown): Promise<QueuedSave | undefined> {
  if (!(await keptAnything())) return undefined;
  const save = input as SaveRegisterInput;
  const waiting = await outboxItem(save.sessionId);
  if (waiting?.state !== 'waiting') return undefined;
  const register = (await readRegister(save.sessionId)) ?? {
    sessionId: save.sessionId,
    activityId: '',
    activityTitle: waiting.activityTitle,
    date: waiting.date,
    startTime: null,
    minutes: 0,
    module: null,
    version: waiting.baseVersion,
    total: 0,
    marked: { present: 0, late: 0, absent: 0 },
    entries: [],
  };
  return queue(save, register);
}

/** The server's answer as the screens should see it; a session that is gone wipes what is kept. */
export async function onServerAnswer(path: string, input: unknown, data: unknown): Promise<unknown> {
  // Nobody signed in: whatever is left (the database, a cache, the worker) goes.
  if (path === 'auth.session' && data === null) {
    await wipeForGoodReason();
    return data;
  }
  // Nothing kept (a visitor, finance, a first visit): nothing to check, and no database is created.
  if (!(await keptAnything())) return data;
  if (path === 'auth.session') {
    const session = data as { user: { id: string }; activeOrgId: string };
    const snapshot = await readSnapshot();
    if (snapshot && (snapshot.userId !== session.user.id || snapshot.orgId !== session.activeOrgId)) {
      await wipeForGoodReason();
    }
    return data;
  }
  if (path === 'register.get') {
    const register = data as Register;
    const item = await outboxItem(register.sessionId);
    const search = (input as { search?: string }).search ?? '';
    // With a search, `total` counts the matches only: "mark the rest" is not counted then.
    return item ? applyOutbox(register, search ? { ...item, markRest: null } : item) : register;
  }
  return data;
}

/** The server no longer knows this session (signed out elsewhere, revoked): wipe and start over. */
export async function onServerError(error: unknown): Promise<void> {
  if (readAppError(error)?.appCode === 'UNAUTHENTICATED') await wipeForGoodReason();
}

/** Wipes; a page the service worker controlled is loaded afresh at sign-in, out of its hands. */
async function wipeForGoodReason(): Promise<void> {
  const { wipeOffline } = await import('./wipe');
  if ((await wipeOffline()).worker) window.location.assign('/sign-in');
}

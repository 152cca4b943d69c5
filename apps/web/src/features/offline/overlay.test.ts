import type { Register } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { alreadyOnServer, applyOutbox, mergeSave, registerPage, saveInput } from './overlay';

function register(overrides: Partial<Register> = {}): Register {
  return {
    sessionId: 's1',
    activityId: 'a1',
    activityTitle: 'Workshop',
    date: '2026-12-04',
    minutes: 120,
    module: null,
    version: 1,
    total: 4,
    marked: { present: 1, late: 0, absent: 0 },
    entries: [
      { participantId: 'p1', code: 'ZR-0001', enrollmentStatus: 'active', status: 'present', minutes: null },
      { participantId: 'p2', code: 'ZR-0002', enrollmentStatus: 'active', status: null, minutes: null },
      { participantId: 'p3', code: 'ZR-0003', enrollmentStatus: 'active', status: null, minutes: null },
      { participantId: 'p4', code: 'XY-0004', enrollmentStatus: 'active', status: null, minutes: null },
    ],
    ...overrides,
  } as Register;
}

describe('an offline save in the outbox', () => {
  it('keeps each person’s latest mark, what the register had before, and the first version', () => {
    const first = mergeSave(
      null,
      {
        sessionId: 's1',
        version: 1,
        entries: [{ participantId: 'p2', status: 'absent', minutes: null }],
        markRest: null,
      },
      register(),
      1000,
    );
    const second = mergeSave(
      first,
      {
        sessionId: 's1',
        version: 1,
        entries: [
          { participantId: 'p2', status: 'present', minutes: 60 },
          { participantId: 'p1', status: 'absent', minutes: 30 },
        ],
        markRest: null,
      },
      register(),
      2000,
    );
    expect(second.baseVersion).toBe(1);
    expect(second.queuedAt).toBe(1000);
    expect(second.entries).toEqual([
      { participantId: 'p2', code: 'ZR-0002', status: 'present', minutes: 60, from: null },
      // Absent carries no minutes, whatever was typed.
      { participantId: 'p1', code: 'ZR-0001', status: 'absent', minutes: null, from: 'present' },
    ]);
    expect(saveInput(second, 3)).toEqual({
      sessionId: 's1',
      version: 3,
      entries: [
        { participantId: 'p2', status: 'present', minutes: 60 },
        { participantId: 'p1', status: 'absent', minutes: null },
      ],
      markRest: null,
    });
  });

  it('shows the register as it will be, counts included, on the version it was taken on only', () => {
    const item = mergeSave(
      null,
      {
        sessionId: 's1',
        version: 1,
        entries: [{ participantId: 'p1', status: 'absent', minutes: null }],
        markRest: 'present',
      },
      register(),
      0,
    );
    const shown = applyOutbox(register(), item);
    expect(shown.entries.map((e) => e.status)).toEqual(['absent', 'present', 'present', 'present']);
    expect(shown.marked).toEqual({ present: 3, late: 0, absent: 1 });
    // Someone saved meanwhile: the server's register is shown as it is, the conflict comes later.
    expect(applyOutbox(register({ version: 2 }), item)).toEqual(register({ version: 2 }));
    expect(applyOutbox(register(), { ...item, state: 'conflict' })).toEqual(register());
  });

  it('pages and searches a kept register by code prefix, as the server does', () => {
    const page = registerPage(register(), { search: 'zr-', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => e.code)).toEqual(['ZR-0002', 'ZR-0003']);
  });

  it('knows when the server already holds every waiting mark (an answer lost on the way back)', () => {
    const item = mergeSave(
      null,
      {
        sessionId: 's1',
        version: 1,
        entries: [{ participantId: 'p2', status: 'late', minutes: null }],
        markRest: null,
      },
      register(),
      0,
    );
    const server = register().entries.map((e) =>
      e.participantId === 'p2' ? { ...e, status: 'late' as const, minutes: 120 } : e,
    );
    expect(alreadyOnServer(item, server, 120)).toBe(true);
    const other = server.map((e) => (e.participantId === 'p2' ? { ...e, minutes: 90 } : e));
    expect(alreadyOnServer(item, other, 120)).toBe(false);
    expect(alreadyOnServer({ ...item, markRest: 'present' }, server, 120)).toBe(false);
  });
});

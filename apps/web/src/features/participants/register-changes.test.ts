import { describe, expect, it } from 'vitest';
import { registerCounts, registerEntries, rowErrors, withMark } from './register-changes';

const unmarked = { participantId: 'p1', code: 'ZR-0001', status: null, minutes: null };
const present = { participantId: 'p2', code: 'ZR-0002', status: 'present' as const, minutes: 300 };

describe('withMark', () => {
  it('records a change and drops it again when set back to what is saved', () => {
    const once = withMark(new Map(), present, { status: 'late', minutes: 240 }, 300);
    expect(once.get('p2')).toEqual({ status: 'late', minutes: 240, code: 'ZR-0002', from: 'present' });
    const back = withMark(once, present, { status: 'present', minutes: null }, 300);
    expect(back.size).toBe(0);
  });

  it('treats late for the whole session as a change from present', () => {
    expect(withMark(new Map(), present, { status: 'late', minutes: null }, 300).size).toBe(1);
  });
});

describe('registerCounts', () => {
  const register = { total: 200, marked: { present: 10, late: 2, absent: 3 } };

  it('moves the server counts by the unsaved changes', () => {
    let changes = withMark(new Map(), unmarked, { status: 'absent', minutes: null }, 300);
    changes = withMark(changes, present, { status: 'late', minutes: 200 }, 300);
    expect(registerCounts(register, changes, false)).toEqual({ present: 9, late: 3, absent: 4, unmarked: 184 });
  });

  it('counts everyone still unmarked present when asked', () => {
    const changes = withMark(new Map(), unmarked, { status: 'absent', minutes: null }, 300);
    expect(registerCounts(register, changes, true)).toEqual({ present: 194, late: 2, absent: 4, unmarked: 0 });
  });

  it('uses the latest saved mark of a loaded row over the one seen when it was changed', () => {
    const changes = withMark(new Map(), unmarked, { status: 'late', minutes: 100 }, 300);
    const counts = registerCounts(register, changes, false, (id) => (id === 'p1' ? 'present' : undefined));
    expect(counts).toEqual({ present: 9, late: 3, absent: 3, unmarked: 185 });
  });
});

describe('registerEntries and rowErrors', () => {
  it('maps entries.N back to the participant of entry N', () => {
    let changes = withMark(new Map(), unmarked, { status: 'present', minutes: null }, 300);
    changes = withMark(changes, present, { status: 'late', minutes: 400 }, 300);
    const { entries, order } = registerEntries(changes);
    expect(entries).toEqual([
      { participantId: 'p1', status: 'present', minutes: null },
      { participantId: 'p2', status: 'late', minutes: 400 },
    ]);
    const error = {
      data: {
        appCode: 'VALIDATION',
        fieldErrors: { 'entries.1.minutes': ['validation.minutesOverSession?minutes=300'] },
      },
    };
    expect([...rowErrors(error, order)]).toEqual([['p2', 'validation.minutesOverSession?minutes=300']]);
  });
});

import { randomUUID } from 'node:crypto';
import { listAuditEvents, type OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import type { BudgetLine } from '@tessera/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, expectTrpcError, fieldErrorsOf } from './helpers';

let opened: OpenedDatabase;
let orgId: string;
let grantId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  grantId = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
});

async function finance() {
  return (await callerFor(opened, orgId, 'finance')).caller;
}

/** The whole budget as a form shows it, with the new amounts typed in by code. */
function revisionOf(view: BudgetLine[], newAmounts: Record<string, number>) {
  return view.map((line) => ({
    budgetLineId: line.id,
    version: line.version,
    amountBeforeMinor: line.amountMinor,
    amountMinor: newAmounts[line.code] ?? line.amountMinor,
  }));
}

describe('budget revisions carry the budget as the user saw it', () => {
  it('records the moves the user made, and the justification matches them', async () => {
    const caller = await finance();
    const view = await caller.budget.lines({ grantId });
    const revisions = await caller.budget.revise({
      grantId,
      date: '2026-03-01',
      justification: 'Move 700.00 from personnel to travel',
      lines: revisionOf(view, { '1': 30_000, '2': 170_000 }),
    });
    expect(revisions.at(-1)?.changes.map((c) => [c.code, c.amountBeforeMinor, c.amountAfterMinor])).toEqual([
      ['1', 100_000, 30_000],
      ['2', 100_000, 170_000],
    ]);
  });

  it('refuses a second revision from a stale view as a conflict naming what changed, and saves nothing of it', async () => {
    const first = await finance();
    const second = await finance();
    const viewOfFirst = await first.budget.lines({ grantId });
    const viewOfSecond = await second.budget.lines({ grantId });
    await first.budget.revise({
      grantId,
      date: '2026-03-01',
      justification: 'Move 20.00 to travel',
      lines: revisionOf(viewOfFirst, { '1': 98_000, '2': 102_000 }),
    });
    const before = await first.budget.lines({ grantId });

    // Once a 200 for both, and a recorded move of 50.00 under a justification of 70.00.
    const conflict = await expectTrpcError(
      second.budget.revise({
        grantId,
        date: '2026-03-02',
        justification: 'Move 70.00 to travel',
        lines: revisionOf(viewOfSecond, { '1': 93_000, '2': 107_000 }),
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    expect(fieldErrorsOf(conflict)).toEqual({
      'lines.0.amountMinor': ['validation.budgetLineChanged?code=1&before=100000&now=98000'],
      'lines.1.amountMinor': ['validation.budgetLineChanged?code=2&before=100000&now=102000'],
    });
    expect(conflict.message).toContain('1');
    expect(await first.budget.lines({ grantId })).toEqual(before);
    expect(await first.budget.revisions({ grantId })).toHaveLength(1);
  });

  it('calls an old view touching another line a conflict, not an unbalanced revision', async () => {
    const first = await finance();
    const stale = await first.budget.lines({ grantId });
    await first.budget.revise({
      grantId,
      date: '2026-03-01',
      justification: 'Move 20.00 to travel',
      lines: revisionOf(stale, { '1': 98_000, '2': 102_000 }),
    });
    const conflict = await expectTrpcError(
      first.budget.revise({
        grantId,
        date: '2026-03-02',
        justification: 'Move 70.00 to the spare line',
        lines: revisionOf(stale, { '1': 93_000, '9': 7_000 }),
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    expect(Object.keys(fieldErrorsOf(conflict) ?? {})).toEqual(['lines.0.amountMinor', 'lines.1.amountMinor']);
  });

  it('names a line added or deleted since the view was opened', async () => {
    const caller = await finance();
    const view = await caller.budget.lines({ grantId });
    await caller.budget.addLine({ grantId, code: '3', category: 'Printing', description: null, amountMinor: 5_000 });
    const added = await expectTrpcError(
      caller.budget.revise({
        grantId,
        date: '2026-03-02',
        justification: 'Move 10.00',
        lines: revisionOf(view, { '1': 99_000, '2': 101_000 }),
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    expect(fieldErrorsOf(added)).toEqual({ lines: ['validation.budgetLineAdded?code=3&now=5000'] });

    const fresh = await caller.budget.lines({ grantId });
    const spare = fresh.find((l) => l.code === '9')!;
    await caller.budget.removeLine({ id: spare.id, version: spare.version });
    const removed = await expectTrpcError(
      caller.budget.revise({
        grantId,
        date: '2026-03-02',
        justification: 'Move 10.00',
        lines: revisionOf(fresh, { '1': 99_000, '2': 101_000 }),
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    const index = fresh.indexOf(spare);
    expect(fieldErrorsOf(removed)).toEqual({
      [`lines.${index}.budgetLineId`]: ['validation.budgetLineRemoved'],
    });
  });

  it('still refuses an unbalanced revision from a fresh view', async () => {
    const caller = await finance();
    const view = await caller.budget.lines({ grantId });
    const unbalanced = await expectTrpcError(
      caller.budget.revise({
        grantId,
        date: '2026-03-02',
        justification: 'More',
        lines: revisionOf(view, { '1': 100_001 }),
      }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(unbalanced)).toEqual({ lines: ['validation.unbalancedRevision'] });
  });
});

describe('original, revised and current budgets in a financial report', () => {
  it('gives each line as first agreed, as revised by the period’s end, and as revised to date', async () => {
    const { caller } = await callerFor(opened, orgId, 'finance', { secretKey: new Uint8Array(32).fill(7) });
    const first = await caller.budget.lines({ grantId });
    await caller.budget.revise({
      grantId,
      date: '2026-05-01',
      justification: 'Move 200.00 to travel',
      lines: revisionOf(first, { '1': 80_000, '2': 120_000 }),
    });
    const second = await caller.budget.lines({ grantId });
    // After the report's period: current, not revised.
    await caller.budget.revise({
      grantId,
      date: '2026-08-01',
      justification: 'Move 100.00 to the spare line',
      lines: revisionOf(second, { '1': 70_000, '9': 10_000 }),
    });
    const pack = await caller.reports.prepare({ grantId, from: '2026-04-01', to: '2026-06-30' });
    const { finance } = await caller.reports.content({ id: pack.id });
    expect(finance.lines.map((l) => [l.code, l.originalBudgetMinor, l.revisedBudgetMinor, l.budgetMinor])).toEqual([
      ['1', 100_000, 80_000, 70_000],
      ['2', 100_000, 120_000, 120_000],
      ['9', 0, 0, 10_000],
    ]);
    expect(finance.total).toMatchObject({
      originalBudgetMinor: 200_000,
      revisedBudgetMinor: 200_000,
      budgetMinor: 200_000,
    });
  });
});

describe('a revision is saved once per form (issue 11 item 1)', () => {
  it('answers a retry and a double submit with the first result, not a conflict, and records one move', async () => {
    const caller = await finance();
    const view = await caller.budget.lines({ grantId });
    const input = {
      grantId,
      date: '2026-03-01',
      justification: 'Move 20.00 to travel',
      lines: revisionOf(view, { '1': 98_000, '2': 102_000 }),
      idempotencyKey: randomUUID(),
    };
    const [a, b] = await Promise.all([caller.budget.revise(input), caller.budget.revise(input)]);
    const retried = await caller.budget.revise(input);
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
    expect(retried).toEqual(a);
    expect((await caller.budget.lines({ grantId })).map((line) => [line.code, line.amountMinor])).toEqual(
      expect.arrayContaining([
        ['1', 98_000],
        ['2', 102_000],
      ]),
    );
    expect(await listAuditEvents(opened.db, orgId, { entity: 'budget_revision', limit: 50 })).toHaveLength(1);

    // The same form again with a new key is a second revision from a stale view: a conflict.
    await expectTrpcError(
      caller.budget.revise({ ...input, idempotencyKey: randomUUID() }),
      'CONFLICT',
      'STALE_VERSION',
    );
  });

  it('refuses the key of a revision of another grant instead of answering it', async () => {
    const caller = await finance();
    const other = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
    const view = await caller.budget.lines({ grantId });
    const idempotencyKey = randomUUID();
    await caller.budget.revise({
      grantId,
      date: '2026-03-01',
      justification: 'Move 20.00 to travel',
      lines: revisionOf(view, { '1': 98_000, '2': 102_000 }),
      idempotencyKey,
    });
    const otherView = await caller.budget.lines({ grantId: other });
    await expectTrpcError(
      caller.budget.revise({
        grantId: other,
        date: '2026-03-01',
        justification: 'Move 20.00 to travel',
        lines: revisionOf(otherView, { '1': 98_000, '2': 102_000 }),
        idempotencyKey,
      }),
      'NOT_FOUND',
    );
    expect(await caller.budget.revisions({ grantId: other })).toHaveLength(0);
  });
});

import { randomUUID } from 'node:crypto';
import { listAuditEvents, type OpenedDatabase } from '@tessera/db';
import { createTestFunder, createTestGrantWithMoney } from '@tessera/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization } from './helpers';

/**
 * Issue 11 item 1: every money record is made exactly once per form submission. The form sends a
 * key made when it opens; a retry, a double click (two requests at once) or a resubmitted form
 * with that key gets the record the first request made, and nothing more is written (no second
 * record, no second audit event). Another key makes another record.
 */
type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

let opened: OpenedDatabase;
let orgId: string;
let finance: Caller;
let money: Awaited<ReturnType<typeof createTestGrantWithMoney>>;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
  finance = (await callerFor(opened, orgId, 'finance')).caller;
  money = await createTestGrantWithMoney(opened.db, orgId);
});

interface Case {
  name: string;
  entity: string;
  make: (key: string | undefined) => Promise<{ id: string }>;
  count: () => Promise<number>;
}

let lineCodes = 0;
const nextLineCode = () => {
  lineCodes += 1;
  return `L${lineCodes}`;
};

const cases: Case[] = [
  {
    name: 'an expenditure',
    entity: 'expenditure',
    make: async (key) =>
      (
        await finance.expenditures.create({
          grantId: money.grantId,
          budgetLineId: money.lineA.id,
          date: '2026-03-02',
          payee: 'Print shop',
          description: 'Leaflets',
          currency: 'USD',
          amountMinor: 12_345,
          rate: null,
          receiptReference: 'R-1',
          idempotencyKey: key,
        })
      ).expenditure,
    count: async () => (await finance.expenditures.list({ grantId: money.grantId })).total,
  },
  {
    name: 'a tranche',
    entity: 'tranche',
    make: (key) =>
      finance.tranches.create({
        grantId: money.grantId,
        expectedDate: '2026-06-01',
        expectedAmountMinor: 50_000,
        receivedDate: null,
        receivedAmountMinor: null,
        receivedBaseMinor: null,
        note: null,
        idempotencyKey: key,
      }),
    count: async () => (await finance.tranches.list({ grantId: money.grantId })).length,
  },
  {
    name: 'a budget line',
    entity: 'budget_line',
    make: (key) =>
      finance.budget.addLine({
        grantId: money.grantId,
        code: nextLineCode(),
        category: 'Equipment',
        description: null,
        amountMinor: 0,
        idempotencyKey: key,
      }),
    count: async () => (await finance.budget.lines({ grantId: money.grantId })).length,
  },
  {
    name: 'a grant (with a reference, which a retry must not find taken)',
    entity: 'grant',
    make: async (key) => {
      const funder = await createTestFunder(opened.db, orgId, { name: `Funder ${key ?? randomUUID()}` });
      return finance.grants.create({
        funderId: funder.id,
        title: 'Safety fund',
        reference: key ? `REF-${key.slice(0, 8)}` : `REF-${randomUUID().slice(0, 8)}`,
        currency: 'EUR',
        amountMinor: 1_000_000,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        costShareMinor: null,
        restrictions: null,
        notes: null,
        status: 'active',
        idempotencyKey: key,
      });
    },
    count: async () => (await finance.grants.list({ search: '' })).length,
  },
];

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('is made once for a retry and for two requests at once, and again for a new key', async () => {
    const before = await c.count();
    const key = randomUUID();
    const first = await c.make(key);
    const retry = await c.make(key);
    expect(retry.id).toBe(first.id);
    // A double click: two requests with the same key at the same time.
    const other = randomUUID();
    const [a, b] = await Promise.all([c.make(other), c.make(other)]);
    expect(a.id).toBe(b.id);
    expect(await c.count()).toBe(before + 2);
    // One audit event each: the replay wrote nothing.
    const events = await listAuditEvents(opened.db, orgId, { entity: c.entity, limit: 50 });
    expect(events.filter((e) => e.entityId === first.id && e.action === 'create')).toHaveLength(1);
    expect(events.filter((e) => e.entityId === a.id && e.action === 'create')).toHaveLength(1);
    // The key is not a field of the record in its audit trail.
    expect(JSON.stringify(events)).not.toMatch(/idempotencyKey/);
    // Without a key (the CLI, imports) every call makes a record, as before.
    await c.make(undefined);
    expect(await c.count()).toBe(before + 3);
  });
});

it('refuses a key that is not one a form makes, on its field', async () => {
  await expect(
    finance.tranches.create({
      grantId: money.grantId,
      expectedDate: '2026-06-01',
      expectedAmountMinor: 50_000,
      receivedDate: null,
      receivedAmountMinor: null,
      receivedBaseMinor: null,
      note: null,
      idempotencyKey: 'x; drop table',
    }),
  ).rejects.toThrow(/idempotencyKey/);
});

import type { OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization } from './helpers';

/**
 * Issue 11 item 8: a financial report carries the period's list of expenditure and says which
 * exchange rates were used. Payees, descriptions and receipt references are ledger data (finance
 * and admin): every other reader of the pack gets the list without them, and a participant code
 * in them never leaves.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

const secretKey = new Uint8Array(32).fill(9);
const span = { from: '2026-01-01', to: '2026-12-31' };

let opened: OpenedDatabase;
let finance: Caller;
let coordinator: Caller;
let viewer: Caller;
let grantId: string;
let packId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  const options = { secretKey, now: () => new Date('2026-11-21T10:00:00Z') };
  finance = (await callerFor(opened, orgId, 'finance', options)).caller;
  coordinator = (await callerFor(opened, orgId, 'coordinator', options)).caller;
  viewer = (await callerFor(opened, orgId, 'viewer', options)).caller;
  const money = await createTestGrantWithMoney(opened.db, orgId);
  grantId = money.grantId;
  await finance.expenditures.create({
    grantId,
    budgetLineId: money.lineA.id,
    date: '2026-03-01',
    payee: 'Print House Skopje',
    description: 'Hotline cards',
    amountMinor: 500,
    currency: 'USD',
    receiptReference: 'F-77',
  });
  const refund = await finance.expenditures.create({
    grantId,
    budgetLineId: money.lineB.id,
    date: '2026-04-02',
    payee: 'Bus company',
    description: 'Travel refund',
    amountMinor: 300,
    currency: 'USD',
  });
  // A description written before the free-text rule, naming a participant's code.
  await opened.db
    .updateTable('expenditure')
    .set({ description: 'Travel refund for U-7KQ2M-9XD4T' })
    .where('id', '=', refund.expenditure.id)
    .execute();
  packId = (await finance.reports.prepare({ grantId, ...span })).id;
});

afterAll(async () => {
  await opened?.close();
});

describe('the list of expenditure in a report pack', () => {
  it('gives finance the period’s payments with payee, description, rate and receipt, and a code masked', async () => {
    const content = await finance.reports.content({ id: packId });
    // The fixture's own payment (2026-02-01), then the two above, oldest first.
    expect(content.finance.expenditures?.map((e) => e.date)).toEqual(['2026-02-01', '2026-03-01', '2026-04-02']);
    expect(content.finance.expenditures).toContainEqual({
      date: '2026-03-01',
      lineCode: '1',
      payee: 'Print House Skopje',
      description: 'Hotline cards',
      amountMinor: 500,
      currency: 'USD',
      rateToGrant: '1',
      rateSource: 'same',
      amountGrantMinor: 500,
      receiptReference: 'F-77',
    });
    expect(content.finance.expenditures?.[2]).toMatchObject({ lineCode: '2', description: 'Travel refund for x' });
    expect(content.finance.rateSources).toEqual({ same: 3, table: 0, typed: 0 });
    expect(JSON.stringify(content)).not.toContain('7KQ2M');
  });

  it('keeps payees, descriptions and receipt references from coordinators and viewers', async () => {
    for (const reader of [coordinator, viewer]) {
      const content = await reader.reports.content({ id: packId });
      expect(content.finance.expenditures?.map((e) => [e.payee, e.description, e.receiptReference])).toEqual([
        [null, null, null],
        [null, null, null],
        [null, null, null],
      ]);
      expect(content.finance.expenditures?.map((e) => e.amountGrantMinor)).toEqual([10_000, 500, 300]);
      expect(JSON.stringify(content)).not.toContain('Print House');
    }
  });

  it('is frozen whole when a coordinator submits, and still cut for each reader of the sent pack', async () => {
    const pack = await coordinator.reports.get({ id: packId });
    await coordinator.reports.submit({ id: packId, version: pack.version, submittedDate: '2026-11-20' });
    await finance.expenditures.create({
      grantId,
      budgetLineId: (await finance.budget.lines({ grantId }))[0]!.id,
      date: '2026-05-05',
      payee: 'Spent after sending',
      description: 'Not in the sent pack',
      amountMinor: 100,
      currency: 'USD',
    });
    const sent = await finance.reports.content({ id: packId });
    expect(sent.finance.expenditures?.map((e) => e.payee)).toEqual(['Venue', 'Print House Skopje', 'Bus company']);
    const asViewer = await viewer.reports.content({ id: packId });
    expect(asViewer.finance.expenditures?.map((e) => e.payee)).toEqual([null, null, null]);
  });
});

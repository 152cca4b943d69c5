import { insertExpenditure } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization } from './helpers';

/**
 * Issue 11 item 4: overspending and negative balances are alarms on the finance dashboard (and,
 * from the same budget vs actual, on the grant page). The test grant: USD 2,000.00 awarded, line 1
 * budgeted 1,000.00 with 100.00 spent, USD 1,000.00 received.
 */
describe('money alarms on the finance dashboard', () => {
  it('names the line over budget and the cash spent beyond what was received, with the exact amounts', async () => {
    const opened = await createTestDatabase();
    try {
      const orgId = (await createTestOrganization(opened.db)).id;
      const money = await createTestGrantWithMoney(opened.db, orgId);
      const finance = (await callerFor(opened, orgId, 'finance')).caller;
      expect((await finance.grants.dashboard()).alarms).toEqual([]);
      // USD 1,500.00 more on line 1: 1,600.00 spent of 1,000.00, and 600.00 more than received.
      await insertExpenditure(opened.db, orgId, {
        grantId: money.grantId,
        budgetLineId: money.lineA.id,
        date: '2026-03-01',
        payee: 'Venue',
        description: 'Hall rent for the year',
        amountMinor: 150_000,
        currency: 'USD',
        rateToGrant: '1',
        rateSource: 'same',
        amountGrantMinor: 150_000,
        amountBaseMinor: 9_225_000,
        receiptReference: null,
      });
      const { alarms } = await finance.grants.dashboard();
      expect(alarms.map((a) => [a.grantId, a.currency, a.alarm])).toEqual([
        [money.grantId, 'USD', { kind: 'lineOverspent', budgetLineId: money.lineA.id, code: '1', overMinor: 60_000 }],
        [money.grantId, 'USD', { kind: 'negativeCash', overMinor: 60_000 }],
      ]);
      // Viewers read the same dashboard.
      const viewer = (await callerFor(opened, orgId, 'viewer')).caller;
      expect((await viewer.grants.dashboard()).alarms).toHaveLength(2);
    } finally {
      await opened.close();
    }
  });
});

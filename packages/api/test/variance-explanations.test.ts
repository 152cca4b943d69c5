import type { OpenedDatabase } from '@tessera/db';
import { createTestGrantWithMoney } from '@tessera/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createTestOrganization, expectTrpcError, fieldErrorsOf } from './helpers';

/**
 * Issue 11 item 8: the organisation explains each budget line's variance on the pack page; the
 * explanations are saved with the pack at its version (like the narrative), held to the
 * free-text rule (they leave the organisation in the EU-style financial report) and frozen with
 * the pack at submission.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

const secretKey = new Uint8Array(32).fill(5);
const span = { from: '2026-01-01', to: '2026-12-31' };

let opened: OpenedDatabase;
let finance: Caller;
let viewer: Caller;
let grantId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const orgId = (await createTestOrganization(opened.db)).id;
  const options = { secretKey, now: () => new Date('2026-11-21T10:00:00Z') };
  finance = (await callerFor(opened, orgId, 'finance', options)).caller;
  viewer = (await callerFor(opened, orgId, 'viewer', options)).caller;
  grantId = (await createTestGrantWithMoney(opened.db, orgId)).grantId;
});

afterAll(async () => {
  await opened?.close();
});

describe('variance explanations of a report pack', () => {
  it('are saved with the pack at its version, in the budget’s order, and shown in its content', async () => {
    const pack = await finance.reports.prepare({ grantId, ...span });
    const saved = await finance.reports.saveExplanations({
      id: pack.id,
      version: pack.version,
      explanations: [
        { code: '2', body: 'No travel: the trainings moved online.' },
        { code: '1', body: 'The coordinator started in March.' },
        { code: '9', body: '   ' },
      ],
    });
    expect(saved.version).toBe(pack.version + 1);
    expect(saved.varianceExplanations).toEqual([
      { code: '1', body: 'The coordinator started in March.' },
      { code: '2', body: 'No travel: the trainings moved online.' },
    ]);
    // A later save changes only the lines it names; an empty body removes one.
    const again = await finance.reports.saveExplanations({
      id: pack.id,
      version: saved.version,
      explanations: [{ code: '2', body: '' }],
    });
    expect(again.varianceExplanations).toEqual([{ code: '1', body: 'The coordinator started in March.' }]);
    const content = await viewer.reports.content({ id: pack.id });
    expect(content.pack.varianceExplanations).toEqual(again.varianceExplanations);
  });

  it('refuses a save at a stale version as a conflict, changing nothing', async () => {
    const pack = await finance.reports.prepare({ grantId, ...span });
    // The narrative and the explanations share the pack's version.
    const narrated = await finance.reports.saveNarrative({
      id: pack.id,
      version: pack.version,
      sections: [{ key: 'summary', body: 'On track.' }],
    });
    await expectTrpcError(
      finance.reports.saveExplanations({
        id: pack.id,
        version: pack.version,
        explanations: [{ code: '1', body: 'Overwritten?' }],
      }),
      'CONFLICT',
      'STALE_VERSION',
    );
    const unchanged = await finance.reports.get({ id: pack.id });
    expect(unchanged.version).toBe(narrated.version);
    expect(unchanged.varianceExplanations).toEqual(pack.varianceExplanations);
  });

  it('refuses a participant code in the text, and an unknown line, as field errors', async () => {
    const pack = await finance.reports.prepare({ grantId, ...span });
    const coded = await expectTrpcError(
      finance.reports.saveExplanations({
        id: pack.id,
        version: pack.version,
        explanations: [
          { code: '1', body: 'Salaries as planned.' },
          { code: '2', body: 'Bus fares for U-7KQ2M-9XD4T were refunded.' },
        ],
      }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(coded)).toEqual({ 'explanations.1.body': ['validation.mentionsCode?code=U-7KQ2M-9XD4T'] });
    const unknown = await expectTrpcError(
      finance.reports.saveExplanations({
        id: pack.id,
        version: pack.version,
        explanations: [{ code: '7.7', body: 'No such line.' }],
      }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect(fieldErrorsOf(unknown)).toEqual({ 'explanations.0.code': ['validation.invalidChoice'] });
    expect((await finance.reports.get({ id: pack.id })).version).toBe(pack.version);
  });

  it('are frozen with the pack at submission: kept as sent, out of the clear column, and no longer editable', async () => {
    const pack = await finance.reports.prepare({ grantId, ...span });
    const saved = await finance.reports.saveExplanations({
      id: pack.id,
      version: pack.version,
      explanations: [{ code: '2', body: 'Travel was cheaper than planned.' }],
    });
    const submitted = await finance.reports.submit({
      id: pack.id,
      version: saved.version,
      submittedDate: '2026-11-20',
    });
    expect(submitted.frozenAt).not.toBeNull();
    expect(submitted.varianceExplanations).toEqual(saved.varianceExplanations);
    const content = await finance.reports.content({ id: pack.id });
    expect(content.pack.varianceExplanations).toEqual(saved.varianceExplanations);
    const row = await opened.db
      .selectFrom('report_pack')
      .select('variance_explanations')
      .where('id', '=', pack.id)
      .executeTakeFirstOrThrow();
    expect(row.variance_explanations).toBe('[]');
    const refused = await expectTrpcError(
      finance.reports.saveExplanations({
        id: pack.id,
        version: submitted.version,
        explanations: [{ code: '2', body: 'Changed after sending.' }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(refused)).toEqual({ id: ['validation.packSubmitted'] });
    // A new version of the period starts from the explanations as sent.
    const next = await finance.reports.prepare({ grantId, ...span });
    expect(next.edition).toBe(2);
    expect(next.varianceExplanations).toEqual(saved.varianceExplanations);
  });

  it('may not be written by a viewer', async () => {
    const pack = await finance.reports.prepare({ grantId, ...span });
    await expectTrpcError(
      viewer.reports.saveExplanations({ id: pack.id, version: pack.version, explanations: [] }),
      'FORBIDDEN',
    );
  });
});

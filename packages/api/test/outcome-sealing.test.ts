import { existsSync, statSync } from 'node:fs';
import { insertOutcome, newId } from '@tessera/db';
import { createTestProgramme } from '@tessera/db/testing';
import { describe, expect, it } from 'vitest';
import { sealOutcomeDescriptions } from '../src/services/outcome-descriptions';
import { rawBytes, useFileDatabases } from './file-database';
import { callerFor } from './helpers';

const fileDatabase = useFileDatabases('tessera-outcome-');

describe('outcome descriptions', () => {
  it('are sealed in the file, read back in clear by the roles that may, and cleared by erasure', async () => {
    const { dir, db, orgId } = await fileDatabase();
    const admin = (await callerFor(db, orgId, 'admin')).caller;
    const p = await createTestProgramme(db.db, orgId);
    const participantId = p.participantIds[0]!;
    const created = await admin.outcomes.create({
      participantId,
      activityId: p.activityId,
      kind: 'employment',
      date: '2026-04-02',
      scoreBefore: null,
      scoreAfter: null,
      description: 'OutcomeMarker hired at the Vexlo bakery',
    });
    expect(created.description).toBe('OutcomeMarker hired at the Vexlo bakery');
    const updated = await admin.outcomes.update({
      id: created.id,
      version: created.version,
      activityId: p.activityId,
      kind: 'employment',
      date: '2026-04-02',
      scoreBefore: null,
      scoreAfter: null,
      description: 'OutcomeMarker2 moved to the Vexlo laundry',
    });
    expect(updated.description).toBe('OutcomeMarker2 moved to the Vexlo laundry');
    expect(await admin.outcomes.list({ participantId })).toEqual([
      expect.objectContaining({ description: 'OutcomeMarker2 moved to the Vexlo laundry' }),
    ]);
    const stored = await db.db.selectFrom('outcome_record').selectAll().where('id', '=', created.id).executeTakeFirst();
    expect(stored?.description).toBeNull();
    expect(stored?.description_enc).toMatch(/^v1\./);
    expect(rawBytes(dir)).not.toMatch(/OutcomeMarker|Vexlo/);

    // Bound to its row: copied onto another outcome it does not open.
    const other = await admin.outcomes.create({
      participantId,
      activityId: null,
      kind: 'certificate',
      date: '2026-04-03',
      scoreBefore: null,
      scoreAfter: null,
      description: null,
    });
    await db.db
      .updateTable('outcome_record')
      .set({ description_enc: stored?.description_enc ?? null })
      .where('id', '=', other.id)
      .execute();
    await expect(admin.outcomes.list({ participantId })).rejects.toThrow(/SECRET_KEY/);
    await db.db.updateTable('outcome_record').set({ description_enc: null }).where('id', '=', other.id).execute();

    await admin.participants.erase({ id: participantId, version: 1 });
    const after = await db.db.selectFrom('outcome_record').selectAll().where('id', '=', created.id).executeTakeFirst();
    expect(after).toMatchObject({ description: null, description_enc: null });
    expect((await admin.outcomes.list({ participantId }))[0]?.description ?? null).toBeNull();
  });

  it('written in clear before sealing are sealed at start, and the clear copy leaves the file', async () => {
    const { dir, file, db, orgId } = await fileDatabase();
    const secretKey = new Uint8Array(32).fill(3);
    const admin = (await callerFor(db, orgId, 'admin', { secretKey })).caller;
    const p = await createTestProgramme(db.db, orgId);
    // As an older version stored it: the text in the clear column.
    const id = await insertOutcome(db.db, orgId, {
      id: newId(),
      participantId: p.participantIds[0]!,
      activityId: null,
      kind: 'employment',
      date: '2026-04-02',
      scoreBefore: null,
      scoreAfter: null,
      descriptionEnc: null,
    });
    await db.db
      .updateTable('outcome_record')
      .set({ description: 'LegacyMarker hired at the Quoddle shop' })
      .where('id', '=', id)
      .execute();
    expect(rawBytes(dir)).toContain('LegacyMarker');
    // Not yet sealed, the API still reads it.
    expect((await admin.outcomes.list({ participantId: p.participantIds[0]! }))[0]?.description).toBe(
      'LegacyMarker hired at the Quoddle shop',
    );

    expect(await sealOutcomeDescriptions(db.db, secretKey)).toEqual({ sealed: 1, purged: true });
    expect(await sealOutcomeDescriptions(db.db, secretKey)).toEqual({ sealed: 0, purged: true });
    const stored = await db.db.selectFrom('outcome_record').selectAll().where('id', '=', id).executeTakeFirst();
    expect(stored?.description).toBeNull();
    expect(stored?.description_enc).toMatch(/^v1\./);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    expect(rawBytes(dir)).not.toMatch(/LegacyMarker|Quoddle/);
    expect((await admin.outcomes.list({ participantId: p.participantIds[0]! }))[0]?.description).toBe(
      'LegacyMarker hired at the Quoddle shop',
    );
  });
});

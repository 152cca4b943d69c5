import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  getInstanceSetting,
  listSealedValues,
  migrateToLatest,
  newId,
  type OpenedDatabase,
  openDatabase,
  sealedColumns,
} from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '@tessera/db';
import { participantCrypto } from '../src/participant-crypto';
import { seedDemo } from '../src/seed-demo';
import {
  databaseNeedsItsKey,
  rotatedSecret,
  rotateSecretKey,
  SecretKeyMismatch,
  secretKeyCheckValue,
  verifySecretKey,
} from '../src/services/key-rotation.service';
import { reasonContext } from '../src/services/participants.service';
import { contentContext, fileContext } from '../src/services/report-freeze.service';
import { callerForUser } from './helpers';

/**
 * Issue 12 item 2: the key and the data belong together. A key that is not the database's is
 * refused; a rotation re-seals every sealed value under the new key in one transaction, and a
 * failure inside it leaves everything under the old key.
 */
const keyA = new Uint8Array(32).fill(7);
const freshB = new Uint8Array(32).fill(9);
let dir: string;
let opened: OpenedDatabase;
let orgId: string;
/** Plain text of every sealed value, by `table.column:id`, taken under key A before any rotation. */
let plainBefore: Map<string, string>;

function contextOf(value: Awaited<ReturnType<typeof listSealedValues>>[number]): string {
  switch (value.table) {
    case 'participant':
      return `${value.orgId}/participant/${value.id}/${value.column.replace(/_enc$/, '')}`;
    case 'enrollment':
      return reasonContext(value.orgId, value.id);
    case 'outcome_record':
      return `${value.orgId}/outcome_record/${value.id}/description`;
    case 'report_pack':
      return contentContext(value.orgId, value.id);
    case 'report_pack_file':
      return fileContext(value.orgId, value.packId, value.id);
    case 'user_second_factor':
      return `user_second_factor:${value.id}:${value.column === 'secret_sealed' ? 'secret' : 'pending'}`;
  }
}

async function openAll(secret: Uint8Array): Promise<Map<string, string>> {
  const crypto = participantCrypto(secret);
  const plain = new Map<string, string>();
  for (const value of await listSealedValues(opened.db)) {
    plain.set(`${value.table}.${value.column}:${value.id}`, crypto.decrypt(value.value, contextOf(value)));
  }
  return plain;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-rotate-'));
  opened = openDatabase(path.join(dir, 'rotate.sqlite'));
  await migrateToLatest(opened.db);
  await seedDemo(opened.db, new Date('2026-11-21T10:00:00Z'), keyA);
  const org = await findOrganizationBySlug(opened.db, 'demo');
  if (!org) throw new Error('demo organisation missing');
  orgId = org.id;
  // The demo has no sensitive attribute, completion override or submitted pack: seal one of each
  // as the services do.
  const crypto = participantCrypto(keyA);
  const enrollment = await opened.db
    .selectFrom('enrollment')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  await opened.db
    .updateTable('enrollment')
    .set({ override_reason: crypto.encrypt('Completed the module at home', reasonContext(orgId, enrollment.id)) })
    .where('id', '=', enrollment.id)
    .execute();
  const participant = await opened.db
    .selectFrom('participant')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  await opened.db
    .updateTable('participant')
    .set({
      sensitive_enc: crypto.encrypt(
        JSON.stringify({ health: 'undisclosed' }),
        `${orgId}/participant/${participant.id}/sensitive`,
      ),
    })
    .where('id', '=', participant.id)
    .execute();
  const grant = await opened.db.selectFrom('grant').select('id').where('org_id', '=', orgId).executeTakeFirstOrThrow();
  const packId = newId();
  const now = new Date().toISOString();
  await opened.db
    .insertInto('report_pack')
    .values({
      id: packId,
      org_id: orgId,
      grant_id: grant.id,
      period_start: '2026-01-01',
      period_end: '2026-06-30',
      status: 'submitted',
      submitted_date: '2026-07-01',
      deadline_id: null,
      narrative: '[]',
      version: 1,
      created_at: now,
      updated_at: now,
      replaces_id: null,
      frozen_content: crypto.encrypt('{"frozen":true}', contentContext(orgId, packId)),
      frozen_at: now,
    })
    .execute();
  const fileId = newId();
  await opened.db
    .insertInto('report_pack_file')
    .values({
      id: fileId,
      org_id: orgId,
      pack_id: packId,
      format: 'pdf',
      locale: 'en',
      file_name: 'pack.pdf',
      content_type: 'application/pdf',
      sealed: crypto.encrypt(Buffer.from('%PDF-1.7 sent').toString('base64'), fileContext(orgId, packId, fileId)),
      size: 13,
      sha256: '0'.repeat(64),
      created_at: now,
    })
    .execute();
  // The demo's admin and finance have TOTP secrets sealed by the seed; one is moving to a new
  // phone (a pending secret), so both columns are there.
  const factor = await opened.db
    .selectFrom('user_second_factor')
    .select('user_id')
    .where('secret_sealed', 'is not', null)
    .executeTakeFirstOrThrow();
  await opened.db
    .updateTable('user_second_factor')
    .set({
      pending_secret_sealed: crypto.encrypt('JBSWY3DPEHPK3PXP', `user_second_factor:${factor.user_id}:pending`),
    })
    .where('user_id', '=', factor.user_id)
    .execute();
  expect(await verifySecretKey(opened.db, keyA)).toBe('recorded');
  plainBefore = await openAll(keyA);
}, 300_000);

afterAll(async () => {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the key check', () => {
  it('covers every sealed column in this test database', async () => {
    const columns = new Set((await listSealedValues(opened.db)).map((v) => `${v.table}.${v.column}`));
    expect([...columns].sort()).toEqual([...sealedColumns].sort());
  });

  it('refuses another key, and says a database with sealed data needs its own', async () => {
    await expect(verifySecretKey(opened.db, new Uint8Array(32).fill(1))).rejects.toThrow(SecretKeyMismatch);
    await expect(verifySecretKey(opened.db, new Uint8Array(32).fill(1))).rejects.toThrow(/SECRET_KEY_FILE/);
    expect(await verifySecretKey(opened.db, keyA)).toBe('matches');
    expect(await databaseNeedsItsKey(opened.db)).toBe(true);
  });

  it('refuses a wrong key on a database sealed before the check value existed', async () => {
    const check = await getInstanceSetting(opened.db, 'secret_key_check');
    await opened.db.deleteFrom('instance_setting').execute();
    try {
      await expect(verifySecretKey(opened.db, new Uint8Array(32).fill(1))).rejects.toThrow(SecretKeyMismatch);
      expect(await getInstanceSetting(opened.db, 'secret_key_check')).toBeNull();
    } finally {
      await verifySecretKey(opened.db, keyA);
    }
    expect(await getInstanceSetting(opened.db, 'secret_key_check')).toBe(check);
  });
});

describe('rotating the key', () => {
  const keyB = rotatedSecret(keyA, freshB);

  it('rolls everything back when the transaction fails before commit', async () => {
    const rawBefore = await listSealedValues(opened.db);
    await expect(
      rotateSecretKey(opened.db, keyA, keyB, {
        beforeCommit: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(await listSealedValues(opened.db)).toEqual(rawBefore);
    expect(await getInstanceSetting(opened.db, 'secret_key_check')).toBe(secretKeyCheckValue(keyA));
    expect(await openAll(keyA)).toEqual(plainBefore);
    await expect(verifySecretKey(opened.db, keyB)).rejects.toThrow(SecretKeyMismatch);
  });

  it('re-seals every value, after which reads work with the new key and the old one is refused', async () => {
    const result = await rotateSecretKey(opened.db, keyA, keyB);
    expect(result.total).toBe(plainBefore.size);
    expect(await openAll(keyB)).toEqual(plainBefore);
    await expect(openAll(keyA)).rejects.toThrow();
    expect(await verifySecretKey(opened.db, keyB)).toBe('matches');
    await expect(verifySecretKey(opened.db, keyA)).rejects.toThrow(SecretKeyMismatch);

    // Through the API, as a coordinator: every participant and every outcome opens.
    const user = await opened.db
      .selectFrom('user')
      .innerJoin('membership', 'membership.user_id', 'user.id')
      .select('user.id')
      .where('membership.org_id', '=', orgId)
      .where('membership.role', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    const withB = await callerForUser(opened, user.id, orgId, { secretKey: keyB });
    const withA = await callerForUser(opened, user.id, orgId, { secretKey: keyA });
    const participants = await opened.db.selectFrom('participant').select('id').where('org_id', '=', orgId).execute();
    expect(participants.length).toBeGreaterThan(0);
    let opensWithB = 0;
    for (const { id } of participants) {
      await withB.participants.get({ id });
      await withB.outcomes.list({ participantId: id });
      opensWithB += 1;
    }
    expect(opensWithB).toBe(participants.length);
    const sealedOne = (await listSealedValues(opened.db)).find((v) => v.table === 'participant');
    if (!sealedOne) throw new Error('no sealed participant');
    await expect(withA.participants.get({ id: sealedOne.id })).rejects.toThrow();
  });

  it('keeps unique identifier codes: the same answers give the same code under the rotated key', () => {
    const answers = 'M|1990|S|A';
    expect(participantCrypto(keyB).uicCode(orgId, answers)).toBe(participantCrypto(keyA).uicCode(orgId, answers));
    // A second rotation still carries the first key's code root.
    const keyC = rotatedSecret(keyB, new Uint8Array(32).fill(11));
    expect(participantCrypto(keyC).uicCode(orgId, answers)).toBe(participantCrypto(keyA).uicCode(orgId, answers));
  });
});

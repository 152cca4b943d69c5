import { statSync } from 'node:fs';
import { openDatabase } from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { purgeErasedValues } from '../src/services/participants.service';
import { rawBytes, useFileDatabases } from './file-database';
import { callerFor } from './helpers';

const fileDatabase = useFileDatabases('tessera-erase-');

describe('erasure and the write-ahead log', () => {
  it('checkpoints and truncates the WAL before participants.erase answers', async () => {
    const { dir, file, db, orgId } = await fileDatabase();
    const admin = (await callerFor(db, orgId, 'admin')).caller;
    const created = await admin.participants.create({ code: 'WALCANARY-0042', city: 'Walcanary town' });
    expect(rawBytes(dir)).toContain('WALCANARY-0042');
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    await admin.participants.erase({ id: created.id, version: 1 });
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(rawBytes(dir)).not.toContain('WALCANARY');
    expect(rawBytes(dir)).not.toContain('Walcanary town');
  });

  it('warns without personal data when another reader keeps the WAL busy, and purges once it is gone', async () => {
    const { dir, file, db, orgId } = await fileDatabase();
    const admin = (await callerFor(db, orgId, 'admin')).caller;
    const created = await admin.participants.create({ code: 'BUSYCANARY-7', city: 'Busycanary town' });
    // Another process's connection (a CLI run, a backup) in the middle of a read.
    const reader = openDatabase(file);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reading = () => {};
    const began = new Promise<void>((resolve) => {
      reading = resolve;
    });
    const readerDone = reader.db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await trx.selectFrom('participant').select('id').execute();
        reading();
        await held;
      });
    await began;

    const warnings: string[] = [];
    const admin2 = (await callerFor(db, orgId, 'admin', { warn: (m) => warnings.push(m) })).caller;
    // The erasure itself stands: it committed before the purge was tried.
    await admin2.participants.erase({ id: created.id, version: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/write-ahead log/);
    expect(warnings.join(' ')).not.toMatch(/BUSYCANARY|Busycanary|created|\b[0-9a-f]{8}-/i);
    expect((await admin.participants.get({ id: created.id })).erased).toBe(true);
    expect(rawBytes(dir)).toContain('BUSYCANARY-7');

    release();
    await readerDone;
    await reader.close();
    expect(await purgeErasedValues(db.db, (m) => warnings.push(m))).toBe(true);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(rawBytes(dir)).not.toContain('BUSYCANARY');
  });
});

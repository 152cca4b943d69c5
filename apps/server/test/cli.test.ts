import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaller, createInnerContext, demoPassword } from '@tessera/api';
import { findOrganizationBySlug, findSecondFactor, findUserByEmail, listMembers, openDatabase } from '@tessera/db';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

function cli(databaseUrl: string, args: string[], stdin = '') {
  const result = spawnSync(tsx, ['src/cli.ts', ...args], {
    cwd: serverDir,
    input: stdin,
    // The key beside the database: the default (./data/secret.key) would land in the repository.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SECRET_KEY_FILE: path.join(path.dirname(databaseUrl), 'secret.key'),
      NODE_ENV: 'production',
    },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function withDb<T>(file: string, fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const opened = openDatabase(file);
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

describe('admin CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-cli-'));
  const file = path.join(dir, 'cli.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help listing every command', () => {
    const { code, out } = cli(file, ['help']);
    expect(code).toBe(0);
    for (const command of ['migrate', 'seed-demo', 'user:create', 'user:set-role', 'user:reset-second-factor'])
      expect(out).toContain(command);
  });

  it('migrates, then reports nothing to do', () => {
    expect(cli(file, ['migrate']).out).toContain('applied 2026-11-21-0001-foundation');
    expect(cli(file, ['migrate']).out).toContain('up to date');
  });

  it('seeds the demo once; a second run changes nothing', () => {
    expect(cli(file, ['seed-demo']).out).toMatch(/Demo data loaded/);
    expect(cli(file, ['seed-demo']).out).toMatch(/nothing changed/);
  });

  it('seals an outcome description left in clear by an older version when it migrates', async () => {
    const id = await withDb(file, async (db) => {
      const row = await db.selectFrom('outcome_record').select('id').executeTakeFirstOrThrow();
      await db
        .updateTable('outcome_record')
        .set({ description: 'ClearMarker found work', description_enc: null })
        .where('id', '=', row.id)
        .execute();
      return row.id;
    });
    const { code, out } = cli(file, ['migrate']);
    expect(code).toBe(0);
    expect(out).toContain('sealed 1 outcome descriptions written in clear');
    const stored = await withDb(file, (db) =>
      db
        .selectFrom('outcome_record')
        .select(['description', 'description_enc'])
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    expect(stored?.description).toBeNull();
    expect(stored?.description_enc).toMatch(/^v1\./);
  });

  it('creates a user with a password from stdin that then signs in', async () => {
    const { code, out } = cli(
      file,
      ['user:create', '--email', 'Lena@Example.test', '--org', 'demo', '--role', 'finance'],
      'a long enough secret\n',
    );
    expect(code).toBe(0);
    expect(out).toContain('Created lena@example.test as finance in demo');
    expect(out).not.toContain('a long enough secret');
    await withDb(file, async (db) => {
      const caller = createCaller(createInnerContext({ db }));
      await expect(
        caller.auth.signIn({ email: 'lena@example.test', password: 'a long enough secret' }),
      ).resolves.toBeDefined();
    });
  });

  it('generates and prints a password once when stdin is empty', async () => {
    const { code, out } = cli(file, [
      'user:create',
      '--email',
      'omar@example.test',
      '--org',
      'demo',
      '--role',
      'viewer',
    ]);
    expect(code).toBe(0);
    const password = out.match(/shown once[^:]*: ([a-z2-7]{16})/)?.[1];
    expect(password).toBeDefined();
    await withDb(file, async (db) => {
      const caller = createCaller(createInnerContext({ db }));
      await expect(caller.auth.signIn({ email: 'omar@example.test', password: password! })).resolves.toBeDefined();
    });
  });

  it('adds an existing account without touching or inventing its password', async () => {
    const quiet = cli(file, ['user:create', '--email', 'lena@example.test', '--org', 'network', '--role', 'viewer']);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toContain('Added existing user lena@example.test as viewer in network');
    expect(quiet.out).not.toMatch(/Password/);
    const piped = cli(
      file,
      ['user:create', '--email', 'omar@example.test', '--org', 'network', '--role', 'viewer'],
      'another secret value',
    );
    expect(piped.out).toContain('password was not changed');
    await withDb(file, async (db) => {
      const caller = createCaller(createInnerContext({ db }));
      await expect(
        caller.auth.signIn({ email: 'lena@example.test', password: 'a long enough secret' }),
      ).resolves.toBeDefined();
    });
  });

  it('changes a role and refuses to demote the last admin', async () => {
    expect(
      cli(file, ['user:set-role', '--email', 'omar@example.test', '--org', 'demo', '--role', 'coordinator']).code,
    ).toBe(0);
    await withDb(file, async (db) => {
      const demo = await findOrganizationBySlug(db, 'demo');
      const members = await listMembers(db, demo!.id);
      expect(members.find((m) => m.email === 'omar@example.test')?.role).toBe('coordinator');
    });
    const last = cli(file, ['user:set-role', '--email', 'admin@demo.test', '--org', 'demo', '--role', 'viewer']);
    expect(last.code).toBe(1);
    expect(last.err).toContain('at least one admin');
  });

  it('resets a lost second factor: codes gone, every session signed out, audited, and the next sign-in enrols again', async () => {
    const before = await withDb(file, async (db) => {
      const caller = createCaller(createInnerContext({ db }));
      const signedIn = await caller.auth.signIn({ email: 'admin@demo.test', password: demoPassword });
      const user = await findUserByEmail(db, 'admin@demo.test');
      return { stage: signedIn.stage, userId: user!.id, factor: await findSecondFactor(db, user!.id) };
    });
    // The demo admin holds a confirmed authenticator: the password alone only half signs in.
    expect(before.stage).toBe('second_factor');
    expect(before.factor?.secretSealed).toBeTruthy();

    const reset = cli(file, ['user:reset-second-factor', '--email', 'Admin@Demo.test']);
    expect(reset.err).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('admin@demo.test: second factor and recovery codes removed');

    await withDb(file, async (db) => {
      expect(await findSecondFactor(db, before.userId)).toBeUndefined();
      const codes = await db
        .selectFrom('recovery_code')
        .select('user_id')
        .where('user_id', '=', before.userId)
        .execute();
      expect(codes).toEqual([]);
      const sessions = await db.selectFrom('session').select('id').where('user_id', '=', before.userId).execute();
      expect(sessions).toEqual([]);
      const demo = await findOrganizationBySlug(db, 'demo');
      const events = await db
        .selectFrom('audit_event')
        .select(['user_id', 'action', 'entity'])
        .where('org_id', '=', demo!.id)
        .where('entity', '=', 'second_factor')
        .where('entity_id', '=', before.userId)
        .execute();
      expect(events).toEqual([{ user_id: null, action: 'delete', entity: 'second_factor' }]);
      const caller = createCaller(createInnerContext({ db }));
      const again = await caller.auth.signIn({ email: 'admin@demo.test', password: demoPassword });
      expect(again.stage).toBe('enrol');
    });

    const unknown = cli(file, ['user:reset-second-factor', '--email', 'nobody@example.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No account with the email nobody@example.test');
    expect(unknown.err).not.toMatch(/\n\s+at /);
  });

  it('lists grants with their money, as a table and as JSON', () => {
    const table = cli(file, ['grants', '--org', 'demo']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/S-MK100-26-GR-014 .* active\s+USD\s+24000\.00\s+11500\.00\s+12500\.00\s+47\.9%/);
    const json = JSON.parse(cli(file, ['grants', '--org', 'demo', '--json']).out) as Record<string, unknown>[];
    expect(json.find((g) => g.reference === 'BCRN-SG-2026-07')).toEqual({
      reference: 'BCRN-SG-2026-07',
      title: 'Digital safety workshops in Strumica, Bitola and Skopje',
      funder: 'Balkan Community Rights Network',
      status: 'active',
      currency: 'EUR',
      amount: '8000.00',
      spent: '3250.00',
      remaining: '4750.00',
      percentSpent: 40.6,
    });
    expect(cli(file, ['grants', '--org', 'network', '--json']).out.trim()).toBe('[]');
  });

  it('imports exchange rates from CSV, all or nothing, and idempotently', () => {
    const dir = path.dirname(file);
    const good = path.join(dir, 'rates.csv');
    const bad = path.join(dir, 'bad-rates.csv');
    writeFileSync(good, 'date,from,to,rate\n2026-06-01,SEK,MKD,5.42\n2026-06-01,GBP,MKD,72.1\n');
    writeFileSync(bad, 'date,from,to,rate\n2026-06-02,SEK,MKD,5.43\n2026-13-01,SEK,MKD,1\n');
    expect(cli(file, ['rates', 'import', '--org', 'demo', '--file', good]).out).toContain(
      '2 new, 0 changed, 0 already there',
    );
    expect(cli(file, ['rates', 'import', '--org', 'demo', '--file', good]).out).toContain(
      '0 new, 0 changed, 2 already there',
    );
    const refused = cli(file, ['rates', 'import', '--org', 'demo', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('nothing was imported');
    expect(refused.err).toContain('row 3: date: invalid date');
    expect(cli(file, ['rates', 'import', '--org', 'demo', '--file', path.join(dir, 'missing.csv')]).err).toContain(
      'Cannot read',
    );
  });

  it('refuses a report whose --out names another kind of file than --format writes, writing nothing', async () => {
    // The grant's whole span: a pack's period comes from the grant's lattice (ADR 0012).
    const span = await withDb(file, (db) =>
      db
        .selectFrom('grant')
        .select(['start_date', 'end_date'])
        .where('reference', '=', 'S-MK100-26-GR-014')
        .executeTakeFirstOrThrow(),
    );
    const report = (format: string, out: string) =>
      cli(file, [
        'report',
        '--grant',
        'S-MK100-26-GR-014',
        '--from',
        span.start_date,
        '--to',
        span.end_date,
        '--format',
        format,
        '--out',
        path.join(dir, out),
      ]);
    const cases = [
      ['pdf', 'pack.xlsx', '.pdf'],
      ['xlsx', 'pack.pdf', '.xlsx'],
      ['csv', 'pack.csv', '.zip'],
      ['eu', 'eu.pdf', '.xlsx'],
      ['sf425', 'sf425', '.pdf'],
    ] as const;
    for (const [format, out, expected] of cases) {
      const run = report(format, out);
      expect(run.code, `${format} into ${out}`).toBe(2);
      expect(run.err).toContain(`--out ${out} does not match --format ${format}`);
      expect(run.err).toContain(`Give --out ending in ${expected}.`);
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dir, out))).toBe(false);
    }
    const sameInCapitals = report('pdf', 'PACK.PDF');
    expect(sameInCapitals.code, sameInCapitals.err).toBe(0);
    expect(existsSync(path.join(dir, 'PACK.PDF'))).toBe(true);
  });

  it('explains bad arguments without a stack trace', () => {
    const badRole = cli(
      file,
      ['user:create', '--email', 'x@example.test', '--org', 'demo', '--role', 'boss'],
      'a long enough secret',
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toContain('Invalid --role');
    const shortPassword = cli(
      file,
      ['user:create', '--email', 'y@example.test', '--org', 'demo', '--role', 'viewer'],
      'short',
    );
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.err).toContain('10 to 256 characters');
    const noOrg = cli(
      file,
      ['user:create', '--email', 'z@example.test', '--org', 'nowhere', '--role', 'viewer'],
      'a long enough secret',
    );
    expect(noOrg.code).toBe(1);
    expect(noOrg.err).toContain('No organisation with slug "nowhere"');
    const missing = cli(file, ['user:set-role', '--email', 'x@example.test']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/required option/);
    for (const run of [badRole, shortPassword, noOrg, missing]) expect(run.err).not.toMatch(/\n\s+at /);
  });
});

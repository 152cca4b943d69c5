import { can, type Permission, type Role, roles } from '@tessera/domain';
import type { OpenedDatabase } from '@tessera/db';
import { createTestFunder } from '@tessera/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { anonymousCaller, callerFor, createTestDatabase, createTestOrganization, createTestUser } from './helpers';

type Caller = Awaited<ReturnType<typeof callerFor>>['caller'];

/** Every organisation-scoped procedure with a call that is valid apart from who makes it. */
const calls: Record<string, (caller: Caller, ids: { funderId: string; memberId: string }) => Promise<unknown>> = {
  'organization.current': (c) => c.organization.current(),
  'organization.audit': (c) => c.organization.audit({ limit: 5 }),
  'members.list': (c) => c.members.list(),
  'members.add': (c) => c.members.add({ email: `p${Math.random()}@example.test`, displayName: 'P', role: 'viewer' }),
  'members.setRole': (c, ids) => c.members.setRole({ userId: ids.memberId, role: 'viewer' }),
  'members.remove': (c, ids) => c.members.remove({ userId: ids.memberId }),
  'funders.list': (c) => c.funders.list({}),
  'funders.get': (c, ids) => c.funders.get({ id: ids.funderId }),
  'funders.create': (c) => c.funders.create({ name: 'New', kind: 'other' }),
  'funders.update': (c, ids) => c.funders.update({ id: ids.funderId, version: 1, name: 'Renamed', kind: 'other' }),
  'funders.archive': (c, ids) => c.funders.archive({ id: ids.funderId, version: 1 }),
  'funders.restore': (c, ids) => c.funders.restore({ id: ids.funderId, version: 1 }),
};

/** Procedures open without an organisation role, and why. */
const unscoped: Record<string, 'public' | 'signed-in'> = {
  'auth.signIn': 'public',
  'auth.session': 'public',
  'auth.signOut': 'signed-in',
  'auth.switchOrganization': 'signed-in',
  'auth.setLocale': 'signed-in',
  'auth.changePassword': 'signed-in',
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { meta?: { permission?: Permission } } }
>;

function codeOf(error: unknown): string {
  return error instanceof TRPCError ? error.code : 'UNEXPECTED';
}

let opened: OpenedDatabase;
let orgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
});

async function freshIds() {
  const funder = await createTestFunder(opened.db, orgId, { name: 'Target' });
  const member = await createTestUser(opened.db, orgId, 'viewer');
  return { funderId: funder.id, memberId: member.id };
}

describe('every procedure declares who may call it', () => {
  it('is either listed as unscoped or names a permission covered by this matrix', () => {
    for (const [path, procedure] of Object.entries(procedures)) {
      if (path in unscoped) {
        expect(procedure._def.meta?.permission, path).toBeUndefined();
      } else {
        expect(procedure._def.meta?.permission, `${path} has no permission`).toBeDefined();
        expect(calls[path], `${path} is missing from the permission matrix`).toBeDefined();
      }
    }
  });
});

describe('signed-in procedures without a session', () => {
  const signedIn: Record<string, (caller: Caller) => Promise<unknown>> = {
    'auth.signOut': (c) => c.auth.signOut(),
    'auth.switchOrganization': (c) => c.auth.switchOrganization({ orgId }),
    'auth.setLocale': (c) => c.auth.setLocale({ locale: 'sv' }),
    'auth.changePassword': (c) => c.auth.changePassword({ currentPassword: 'x', newPassword: 'long enough now' }),
  };

  it('covers every signed-in procedure', () => {
    expect(Object.keys(signedIn).sort()).toEqual(
      Object.entries(unscoped)
        .filter(([, kind]) => kind === 'signed-in')
        .map(([path]) => path)
        .sort(),
    );
  });

  it.each(Object.keys(signedIn))('%s answers 401', async (path) => {
    const outcome = await signedIn[path]!(anonymousCaller(opened) as Caller).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    expect(outcome).toBe('UNAUTHORIZED');
  });
});

describe.each(Object.keys(calls))('%s', (path) => {
  const permission = () => procedures[path]!._def.meta!.permission!;

  it.each(roles)('as %s', async (role: Role) => {
    const { caller } = await callerFor(opened, orgId, role);
    const outcome = await calls[path]!(caller, await freshIds()).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    if (can(role, permission())) expect(outcome).toBe('OK');
    else expect(outcome).toBe('FORBIDDEN');
  });

  it('without a session', async () => {
    const outcome = await calls[path]!(anonymousCaller(opened) as Caller, await freshIds()).then(
      () => 'OK',
      (e: unknown) => codeOf(e),
    );
    expect(outcome).toBe('UNAUTHORIZED');
  });

  it('as an admin of another organisation, never reaching this one’s records', async () => {
    const otherOrg = await createTestOrganization(opened.db);
    const { caller } = await callerFor(opened, otherOrg.id, 'admin');
    const ids = await freshIds();
    const outcome = await calls[path]!(caller, ids).then(
      (result) => result,
      (e: unknown) => codeOf(e),
    );
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(ids.funderId);
    expect(text).not.toContain(ids.memberId);
    expect(text).not.toContain(orgId);
    if (
      [
        'funders.get',
        'funders.update',
        'funders.archive',
        'funders.restore',
        'members.setRole',
        'members.remove',
      ].includes(path)
    ) {
      expect(outcome).toBe('NOT_FOUND');
    }
  });
});

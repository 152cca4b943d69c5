import { listAuditEvents, type OpenedDatabase } from '@tessera/db';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { callerFor, createTestDatabase, createTestOrganization, expectTrpcError } from './helpers';

let opened: OpenedDatabase;
let orgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db)).id;
});

describe('members', () => {
  it('adds a new person with a one-time password that signs them in', async () => {
    const { caller } = await callerFor(opened, orgId, 'admin');
    const added = await caller.members.add({
      email: 'New.Person@Example.test',
      displayName: 'New Person',
      role: 'coordinator',
    });
    expect(added.member).toMatchObject({ email: 'new.person@example.test', role: 'coordinator' });
    expect(added.temporaryPassword).toMatch(/^[a-z2-7]{16}$/);
    const signIn = createCaller(createInnerContext({ db: opened.db }));
    await expect(
      signIn.auth.signIn({ email: 'new.person@example.test', password: added.temporaryPassword! }),
    ).resolves.toBeDefined();
  });

  it('adds an existing account without a new password, and refuses a duplicate', async () => {
    const other = await createTestOrganization(opened.db);
    const { user: existing } = await callerFor(opened, other.id, 'viewer');
    const { caller } = await callerFor(opened, orgId, 'admin');
    const added = await caller.members.add({ email: existing.email, displayName: 'Ignored', role: 'finance' });
    expect(added.temporaryPassword).toBeNull();
    const dup = await expectTrpcError(
      caller.members.add({ email: existing.email, displayName: 'Again', role: 'viewer' }),
      'CONFLICT',
      'CONFLICT',
    );
    expect((dup.cause as { fieldErrors?: unknown }).fieldErrors).toEqual({ email: ['validation.alreadyMember'] });
  });

  it('changes and removes roles, effective at once, and audits both', async () => {
    const { caller } = await callerFor(opened, orgId, 'admin');
    const { caller: finance, user } = await callerFor(opened, orgId, 'finance');
    await finance.funders.create({ name: 'Allowed', kind: 'other' });
    await caller.members.setRole({ userId: user.id, role: 'viewer' });
    await expectTrpcError(finance.funders.create({ name: 'Now refused', kind: 'other' }), 'FORBIDDEN', 'FORBIDDEN');
    await caller.members.remove({ userId: user.id });
    await expectTrpcError(finance.funders.list({}), 'FORBIDDEN', 'NO_ORGANIZATION');
    const audit = await listAuditEvents(opened.db, orgId, { entity: 'membership', entityId: user.id, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['delete', 'role_change']);
  });

  it('never leaves an organisation without an admin', async () => {
    const { caller, user } = await callerFor(opened, orgId, 'admin');
    await expectTrpcError(caller.members.setRole({ userId: user.id, role: 'viewer' }), 'CONFLICT', 'LAST_ADMIN');
    await expectTrpcError(caller.members.remove({ userId: user.id }), 'CONFLICT', 'LAST_ADMIN');
    const { user: second } = await callerFor(opened, orgId, 'admin');
    await caller.members.setRole({ userId: second.id, role: 'viewer' });
    expect((await caller.members.list()).find((m) => m.userId === second.id)?.role).toBe('viewer');
  });

  it('cannot touch a member of another organisation', async () => {
    const other = await createTestOrganization(opened.db);
    const { user: outsider } = await callerFor(opened, other.id, 'admin');
    const { caller } = await callerFor(opened, orgId, 'admin');
    await expectTrpcError(caller.members.setRole({ userId: outsider.id, role: 'viewer' }), 'NOT_FOUND', 'NOT_FOUND');
    await expectTrpcError(caller.members.remove({ userId: outsider.id }), 'NOT_FOUND', 'NOT_FOUND');
  });

  it('validates the new member field by field', async () => {
    const { caller } = await callerFor(opened, orgId, 'admin');
    const error = await expectTrpcError(
      caller.members.add({ email: 'not-an-email', displayName: '', role: 'boss' as 'admin' }),
      'BAD_REQUEST',
    );
    const issues = (error.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
    expect(Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      email: 'validation.invalidEmail',
      displayName: 'validation.required',
      role: 'validation.invalidChoice',
    });
  });
});

import { findSession, listAuditEvents, type OpenedDatabase } from '@tessera/db';
import { createTestFunder } from '@tessera/db/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { sessionIdFromToken } from '../src/services/auth.service';
import {
  anonymousCaller,
  callerForUser,
  createTestDatabase,
  createTestOrganization,
  createTestUser,
  expectTrpcError,
  userWithPassword,
} from './helpers';

const password = 'correct horse battery';
let opened: OpenedDatabase;
let orgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db, { name: 'Zora' })).id;
});

function signInContext(clientAddress = '10.0.0.1', now = () => new Date()) {
  const cookies: { token: string | null; expiresAt: Date | null; cleared: boolean } = {
    token: null,
    expiresAt: null,
    cleared: false,
  };
  const ctx = createInnerContext({
    db: opened.db,
    clientAddress,
    now,
    setSessionCookie: (token, expiresAt) => Object.assign(cookies, { token, expiresAt }),
    clearSessionCookie: () => Object.assign(cookies, { cleared: true }),
  });
  return { caller: createCaller(ctx), cookies };
}

describe('sign in and out', () => {
  it('signs in with the right password, sets a cookie, stores only the token hash, and audits it', async () => {
    const user = await userWithPassword(opened, orgId, 'coordinator', password);
    const { caller, cookies } = signInContext();
    const result = await caller.auth.signIn({ email: user.email.toUpperCase(), password });
    expect(result.userId).toBe(user.id);
    expect(cookies.token).toMatch(/^[a-z2-7]{32}$/);
    expect(await findSession(opened.db, cookies.token!)).toBeUndefined();
    const session = await findSession(opened.db, sessionIdFromToken(cookies.token!));
    expect(session?.activeOrgId).toBe(orgId);
    const audit = await listAuditEvents(opened.db, orgId, { limit: 10 });
    expect(audit.map((a) => a.action)).toContain('sign_in');

    const me = await createCaller(createInnerContext({ db: opened.db, sessionToken: cookies.token })).auth.session();
    expect(me?.user.email).toBe(user.email);
    expect(me?.memberships).toEqual([{ orgId, orgSlug: expect.any(String), orgName: 'Zora', role: 'coordinator' }]);
  });

  it('gives one generic message for a wrong password and for an unknown account', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const wrong = await expectTrpcError(
      signInContext().caller.auth.signIn({ email: user.email, password: 'nope' }),
      'UNAUTHORIZED',
      'INVALID_CREDENTIALS',
    );
    const unknown = await expectTrpcError(
      signInContext().caller.auth.signIn({ email: 'ghost@example.test', password: 'nope' }),
      'UNAUTHORIZED',
      'INVALID_CREDENTIALS',
    );
    expect(wrong.message).toBe(unknown.message);
  });

  it('slows down repeated failures for one account from many addresses, except where the owner signed in before', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    // The owner signed in from home once: that address is trusted for this account.
    await signInContext('10.0.9.9').caller.auth.signIn({ email: user.email, password });
    for (let i = 0; i < 10; i += 1) {
      await expectTrpcError(
        signInContext(`10.0.1.${i}`).caller.auth.signIn({ email: user.email, password: 'bad' }),
        'UNAUTHORIZED',
      );
    }
    // A new address, even with the right password, must wait.
    const limited = await expectTrpcError(
      signInContext('10.0.2.1').caller.auth.signIn({ email: user.email, password }),
      'TOO_MANY_REQUESTS',
      'RATE_LIMITED',
    );
    expect((limited.cause as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
    // The owner at home does not.
    await expect(signInContext('10.0.9.9').caller.auth.signIn({ email: user.email, password })).resolves.toMatchObject({
      userId: user.id,
    });
    // Once the wait has passed, the right password works from the new address too.
    const later = () => new Date(Date.now() + 10_000);
    await expect(
      signInContext('10.0.2.1', later).caller.auth.signIn({ email: user.email, password }),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it('counts concurrent guesses: a burst from many addresses cannot slip past the account limit', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInContext(`10.3.0.${i}`)
          .caller.auth.signIn({ email: user.email, password: `guess-${i}` })
          .then(
            () => 'OK',
            (e: { cause?: { code?: string } }) => e.cause?.code ?? 'UNEXPECTED',
          ),
      ),
    );
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(20);
  });

  it('counts concurrent guesses from one address against the pair limit', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signInContext('10.4.0.1')
          .caller.auth.signIn({ email: user.email, password: `guess-${i}` })
          .then(
            () => 'OK',
            (e: { cause?: { code?: string } }) => e.cause?.code ?? 'UNEXPECTED',
          ),
      ),
    );
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('throttles guesses at the current password on a password change', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const caller = await callerForUser(opened, user.id, orgId);
    for (let i = 0; i < 5; i += 1) {
      await expectTrpcError(
        caller.auth.changePassword({ currentPassword: `guess-${i}`, newPassword: 'a brand new passphrase' }),
        'BAD_REQUEST',
        'VALIDATION',
      );
    }
    await expectTrpcError(
      caller.auth.changePassword({ currentPassword: password, newPassword: 'a brand new passphrase' }),
      'TOO_MANY_REQUESTS',
      'RATE_LIMITED',
    );
  });

  it('slows down one address trying many accounts', async () => {
    for (let i = 0; i < 20; i += 1) {
      await expectTrpcError(
        signInContext('10.9.9.9').caller.auth.signIn({ email: `guess${i}@example.test`, password: 'bad' }),
        'UNAUTHORIZED',
      );
    }
    await expectTrpcError(
      signInContext('10.9.9.9').caller.auth.signIn({ email: 'guess99@example.test', password: 'bad' }),
      'TOO_MANY_REQUESTS',
      'RATE_LIMITED',
    );
  });

  it('signs out: the session is gone and the cookie cleared', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const { caller, cookies } = signInContext();
    await caller.auth.signIn({ email: user.email, password });
    const token = cookies.token!;
    const signedIn = signInContext();
    const ctx = createInnerContext({
      db: opened.db,
      sessionToken: token,
      clearSessionCookie: () => Object.assign(signedIn.cookies, { cleared: true }),
    });
    await createCaller(ctx).auth.signOut();
    expect(signedIn.cookies.cleared).toBe(true);
    expect(await findSession(opened.db, sessionIdFromToken(token))).toBeUndefined();
    await expectTrpcError(
      createCaller(createInnerContext({ db: opened.db, sessionToken: token })).funders.list({}),
      'UNAUTHORIZED',
      'UNAUTHENTICATED',
    );
  });

  it('expires sessions and renews live ones past half their life', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const start = new Date('2026-03-01T08:00:00Z');
    const { caller, cookies } = signInContext('10.0.0.1', () => start);
    await caller.auth.signIn({ email: user.email, password });
    const token = cookies.token!;
    const at = (iso: string) => {
      const renewed: { expiresAt: Date | null } = { expiresAt: null };
      const ctx = createInnerContext({
        db: opened.db,
        sessionToken: token,
        now: () => new Date(iso),
        setSessionCookie: (_t, e) => (renewed.expiresAt = e),
      });
      return { caller: createCaller(ctx), renewed };
    };
    const early = at('2026-03-01T09:00:00Z');
    await early.caller.funders.list({});
    expect(early.renewed.expiresAt).toBeNull();
    const late = at('2026-03-01T15:00:00Z');
    await late.caller.funders.list({});
    expect(late.renewed.expiresAt?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    await expectTrpcError(at('2026-03-02T03:00:01Z').caller.funders.list({}), 'UNAUTHORIZED', 'UNAUTHENTICATED');
    expect(await findSession(opened.db, sessionIdFromToken(token))).toBeUndefined();
  });

  it('ends every session at its maximum age, however busy', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const start = new Date('2026-03-01T08:00:00Z');
    const { caller, cookies } = signInContext('10.0.0.2', () => start);
    await caller.auth.signIn({ email: user.email, password });
    let now = start.getTime();
    // Used every 5 hours for a week: renewed each time, but never past 7 days from sign-in.
    for (let hour = 5; hour < 7 * 24; hour += 5) {
      now = start.getTime() + hour * 3600_000;
      const ctx = createInnerContext({ db: opened.db, sessionToken: cookies.token, now: () => new Date(now) });
      await createCaller(ctx).funders.list({});
    }
    const afterWeek = createInnerContext({
      db: opened.db,
      sessionToken: cookies.token,
      now: () => new Date(start.getTime() + 7 * 24 * 3600_000 + 1000),
    });
    await expectTrpcError(createCaller(afterWeek).funders.list({}), 'UNAUTHORIZED', 'UNAUTHENTICATED');
  });

  it('replaces the browser’s previous session when signing in again', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const first = signInContext('10.0.0.3');
    await first.caller.auth.signIn({ email: user.email, password });
    const oldToken = first.cookies.token!;
    const again = createCaller(
      createInnerContext({ db: opened.db, sessionToken: oldToken, clientAddress: '10.0.0.3' }),
    );
    await again.auth.signIn({ email: user.email, password });
    expect(await findSession(opened.db, sessionIdFromToken(oldToken))).toBeUndefined();
  });

  it('refuses a password change with the wrong current password and revokes other sessions on success', async () => {
    const user = await userWithPassword(opened, orgId, 'finance', password);
    const first = await callerForUser(opened, user.id, orgId);
    const second = await callerForUser(opened, user.id, orgId);
    const error = await expectTrpcError(
      first.auth.changePassword({ currentPassword: 'wrong', newPassword: 'a new long passphrase' }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    expect((error.cause as { fieldErrors?: unknown }).fieldErrors).toEqual({
      currentPassword: ['validation.wrongPassword'],
    });
    await expectTrpcError(
      first.auth.changePassword({ currentPassword: password, newPassword: 'short' }),
      'BAD_REQUEST',
    );
    await first.auth.changePassword({ currentPassword: password, newPassword: 'a new long passphrase' });
    await expect(first.funders.list({})).resolves.toBeDefined();
    await expectTrpcError(second.funders.list({}), 'UNAUTHORIZED');
    const { caller } = signInContext('10.1.1.1');
    await expect(caller.auth.signIn({ email: user.email, password: 'a new long passphrase' })).resolves.toBeDefined();
  });

  it('stores the chosen language', async () => {
    const user = await createTestUser(opened.db, orgId, 'viewer');
    const caller = await callerForUser(opened, user.id, orgId);
    await caller.auth.setLocale({ locale: 'mk' });
    expect((await caller.auth.session())?.user.locale).toBe('mk');
    const audit = await listAuditEvents(opened.db, orgId, { entity: 'user', entityId: user.id, limit: 5 });
    expect(audit.map((a) => [a.action, a.fields])).toEqual([['update', ['locale']]]);
    await expectTrpcError(caller.auth.setLocale({ locale: 'de' as 'mk' }), 'BAD_REQUEST');
  });

  it('stores the choice of US formats for English, audited by name only', async () => {
    const user = await createTestUser(opened.db, orgId, 'viewer');
    const caller = await callerForUser(opened, user.id, orgId);
    expect((await caller.auth.session())?.user.usFormats).toBe(false);
    await caller.auth.setUsFormats({ usFormats: true });
    expect((await caller.auth.session())?.user.usFormats).toBe(true);
    await caller.auth.setUsFormats({ usFormats: true });
    const audit = await listAuditEvents(opened.db, orgId, { entity: 'user', entityId: user.id, limit: 5 });
    expect(audit.map((a) => [a.action, a.fields])).toEqual([['update', ['usFormats']]]);
    await caller.auth.setUsFormats({ usFormats: false });
    expect((await caller.auth.session())?.user.usFormats).toBe(false);
  });

  it('answers null, not an error, to a visitor without a session', async () => {
    expect(await anonymousCaller(opened).auth.session()).toBeNull();
    expect(await anonymousCaller(opened, { sessionToken: 'forged' }).auth.session()).toBeNull();
  });
});

describe('organisations', () => {
  it('switches between the organisations a user belongs to, and only those', async () => {
    const other = await createTestOrganization(opened.db, { name: 'Network' });
    const stranger = await createTestOrganization(opened.db, { name: 'Stranger' });
    const user = await createTestUser(opened.db, orgId, 'admin');
    const { insertMembership } = await import('@tessera/db');
    await insertMembership(opened.db, other.id, user.id, 'viewer');
    const caller = await callerForUser(opened, user.id, orgId);
    expect((await caller.organization.current()).name).toBe('Zora');
    await caller.auth.switchOrganization({ orgId: other.id });
    expect((await caller.organization.current()).name).toBe('Network');
    // As a viewer in the new organisation, the admin-only member list is closed.
    await expectTrpcError(caller.members.list(), 'FORBIDDEN', 'FORBIDDEN');
    await expectTrpcError(caller.auth.switchOrganization({ orgId: stranger.id }), 'FORBIDDEN', 'FORBIDDEN');
    expect((await caller.organization.current()).name).toBe('Network');
  });

  it('moves a session to another organisation when its member is removed from the current one', async () => {
    const other = await createTestOrganization(opened.db, { name: 'Network' });
    const admin = await createTestUser(opened.db, other.id, 'admin');
    const user = await createTestUser(opened.db, orgId, 'finance');
    const { insertMembership } = await import('@tessera/db');
    await insertMembership(opened.db, other.id, user.id, 'viewer');
    const caller = await callerForUser(opened, user.id, other.id);
    const networkAdmin = await callerForUser(opened, admin.id, other.id);
    await networkAdmin.members.remove({ userId: user.id });
    expect((await caller.auth.session())?.activeOrgId).toBe(orgId);
    expect((await caller.organization.current()).name).toBe('Zora');
    await expect(caller.funders.list({})).resolves.toMatchObject({ total: 0 });
  });

  it('a member of two organisations reaches only the active one’s records', async () => {
    const other = await createTestOrganization(opened.db, { name: 'Network' });
    const user = await createTestUser(opened.db, orgId, 'admin');
    const { insertMembership } = await import('@tessera/db');
    await insertMembership(opened.db, other.id, user.id, 'admin');
    const zoraFunder = await createTestFunder(opened.db, orgId, { name: 'Zora funder' });
    const caller = await callerForUser(opened, user.id, other.id);
    await expectTrpcError(caller.funders.get({ id: zoraFunder.id }), 'NOT_FOUND', 'NOT_FOUND');
    await expectTrpcError(
      caller.funders.update({ id: zoraFunder.id, version: 1, name: 'Moved', kind: 'other' }),
      'NOT_FOUND',
      'NOT_FOUND',
    );
    expect((await caller.funders.list({ status: 'all' })).total).toBe(0);
    await caller.auth.switchOrganization({ orgId });
    expect((await caller.funders.get({ id: zoraFunder.id })).name).toBe('Zora funder');
  });
});

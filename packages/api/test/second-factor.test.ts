import {
  findSecondFactor,
  listAuditEvents,
  type OpenedDatabase,
  setOrganizationSecondFactorRequired,
} from '@tessera/db';
import { Secret, TOTP } from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { createUserWithMembership } from '../src/services/admin.service';
import {
  callerFor,
  callerForUser,
  createTestDatabase,
  createTestOrganization,
  expectTrpcError,
  fieldErrorsOf,
  userWithPassword,
} from './helpers';

const password = 'correct horse battery';
const secretKey = new Uint8Array(32).fill(3);
let opened: OpenedDatabase;
let orgId: string;
let orgSlug: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  const org = await createTestOrganization(opened.db, { name: 'Zora' });
  orgId = org.id;
  orgSlug = org.slug;
});

/** A browser: keeps the session cookie between calls, as the HTTP host does. */
function browser(address = '10.1.0.1', clock: () => Date = () => new Date()) {
  const jar = { token: null as string | null };
  const caller = () =>
    createCaller(
      createInnerContext({
        db: opened.db,
        clientAddress: address,
        now: clock,
        secretKey,
        sessionToken: jar.token,
        setSessionCookie: (token) => {
          jar.token = token;
        },
        clearSessionCookie: () => {
          jar.token = null;
        },
      }),
    );
  return { jar, caller };
}

function codeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}

/** Enrols a user through the API as they would: sign in, scan, confirm. Returns the secret and codes. */
async function enrol(email: string, address = '10.1.0.1') {
  const b = browser(address);
  const signedIn = await b.caller().auth.signIn({ email, password });
  const enrolment = await b.caller().auth.beginEnrolment();
  const { recoveryCodes } = await b.caller().auth.confirmEnrolment({ code: codeAt(enrolment.secret, new Date()) });
  return { signedIn, enrolment, recoveryCodes, b };
}

describe('enrolment', () => {
  it('is forced at sign-in for admin and finance when the organisation requires it, not for others', async () => {
    await setOrganizationSecondFactorRequired(opened.db, orgId, true);
    const finance = await userWithPassword(opened, orgId, 'finance', password);
    const coordinator = await userWithPassword(opened, orgId, 'coordinator', password);
    expect((await browser().caller().auth.signIn({ email: coordinator.email, password })).stage).toBe('full');

    const b = browser();
    expect((await b.caller().auth.signIn({ email: finance.email, password })).stage).toBe('enrol');
    // Half signed in: nothing opens but the enrolment.
    expect(await b.caller().auth.session()).toBeNull();
    expect(await b.caller().auth.pendingStage()).toEqual({ stage: 'enrol' });
    await expectTrpcError(b.caller().organization.current(), 'UNAUTHORIZED');

    const enrolment = await b.caller().auth.beginEnrolment();
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Tessera:.*secret=/);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const wrong = await expectTrpcError(b.caller().auth.confirmEnrolment({ code: '000000' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(wrong)).toEqual({ code: ['validation.wrongCode'] });

    const { recoveryCodes } = await b.caller().auth.confirmEnrolment({ code: codeAt(enrolment.secret, new Date()) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect((await b.caller().auth.session())?.user.email).toBe(finance.email);
    expect(await b.caller().auth.secondFactorStatus()).toEqual({
      enrolled: true,
      recoveryCodesLeft: 10,
      required: true,
    });

    // Sealed at rest: neither the secret nor the codes are in the database in clear.
    const stored = await findSecondFactor(opened.db, finance.id);
    expect(stored?.secretSealed).toMatch(/^v1\./);
    const dump = JSON.stringify(await opened.db.selectFrom('user_second_factor').selectAll().execute());
    const codes = JSON.stringify(await opened.db.selectFrom('recovery_code').selectAll().execute());
    expect(dump).not.toContain(enrolment.secret);
    for (const code of recoveryCodes) expect(codes).not.toContain(code.replace(/-/g, ''));
  });

  it('lets a signed-in user re-enrol on a new phone; the old secret works until the new one is confirmed', async () => {
    const user = await userWithPassword(opened, orgId, 'coordinator', password);
    const first = await enrol(user.email);
    const again = await first.b.caller().auth.beginEnrolment();
    expect(again.secret).not.toBe(first.enrolment.secret);
    // Not confirmed yet: the old phone still signs in.
    const later = new Date(Date.now() + 60_000);
    const b = browser('10.1.0.1', () => later);
    await b.caller().auth.signIn({ email: user.email, password });
    await b.caller().auth.verifySecondFactor({ code: codeAt(first.enrolment.secret, later) });
    await first.b.caller().auth.confirmEnrolment({ code: codeAt(again.secret, new Date()) });
    const after = new Date(Date.now() + 120_000);
    const c = browser('10.1.0.1', () => after);
    await c.caller().auth.signIn({ email: user.email, password });
    await expectTrpcError(
      c.caller().auth.verifySecondFactor({ code: codeAt(first.enrolment.secret, after) }),
      'BAD_REQUEST',
    );
    await c.caller().auth.verifySecondFactor({ code: codeAt(again.secret, after) });
  });
});

describe('signing in with a second factor', () => {
  it('asks for the code after the password, and only a right code opens a full session under a new token', async () => {
    const user = await userWithPassword(opened, orgId, 'admin', password);
    const { enrolment } = await enrol(user.email);
    const later = new Date(Date.now() + 60_000);
    const b = browser('10.1.0.2', () => later);
    expect((await b.caller().auth.signIn({ email: user.email, password })).stage).toBe('second_factor');
    const pendingToken = b.jar.token;
    expect(await b.caller().auth.session()).toBeNull();
    await expectTrpcError(b.caller().members.list(), 'UNAUTHORIZED');
    // May not swap the factor it is being asked for.
    await expectTrpcError(b.caller().auth.beginEnrolment(), 'UNAUTHORIZED');

    const wrong = await expectTrpcError(b.caller().auth.verifySecondFactor({ code: '000000' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(wrong)).toEqual({ code: ['validation.wrongCode'] });
    await b.caller().auth.verifySecondFactor({ code: codeAt(enrolment.secret, later) });
    expect(b.jar.token).not.toBe(pendingToken);
    expect((await b.caller().auth.session())?.user.id).toBe(user.id);
    // The half-signed-in token is gone.
    b.jar.token = pendingToken;
    expect(await b.caller().auth.pendingStage()).toBeNull();
    const audit = await listAuditEvents(opened.db, orgId, { limit: 20 });
    expect(audit.some((a) => a.action === 'sign_in' && a.fields.includes('second_factor'))).toBe(true);
  });

  it('refuses a code used once already (replay), also when two requests race with it', async () => {
    const user = await userWithPassword(opened, orgId, 'admin', password);
    const { enrolment } = await enrol(user.email);
    const later = new Date(Date.now() + 90_000);
    const code = codeAt(enrolment.secret, later);
    const a = browser('10.1.0.3', () => later);
    const b = browser('10.1.0.4', () => later);
    await a.caller().auth.signIn({ email: user.email, password });
    await b.caller().auth.signIn({ email: user.email, password });
    const outcomes = await Promise.all(
      [a, b].map((x) =>
        x
          .caller()
          .auth.verifySecondFactor({ code })
          .then(
            () => 'OK',
            (e: { cause?: { fieldErrors?: Record<string, string[]> } }) => e.cause?.fieldErrors?.code?.[0] ?? 'other',
          ),
      ),
    );
    expect(outcomes.sort()).toEqual(['OK', 'validation.codeUsed']);
  });

  it('takes each recovery code once (a lost phone), then the user re-enrols', async () => {
    const user = await userWithPassword(opened, orgId, 'finance', password);
    const { recoveryCodes } = await enrol(user.email);
    const b = browser('10.1.0.5');
    await b.caller().auth.signIn({ email: user.email, password });
    const result = await b.caller().auth.verifySecondFactor({ recoveryCode: recoveryCodes[3]!.toUpperCase() });
    expect(result).toEqual({ method: 'recovery_code', recoveryCodesLeft: 9 });
    const fresh = await b.caller().auth.beginEnrolment();
    const confirmed = await b.caller().auth.confirmEnrolment({ code: codeAt(fresh.secret, new Date()) });
    expect(confirmed.recoveryCodes).toHaveLength(10);

    const c = browser('10.1.0.5');
    await c.caller().auth.signIn({ email: user.email, password });
    // The spent code, and every code of the old set, no longer open anything.
    await expectTrpcError(c.caller().auth.verifySecondFactor({ recoveryCode: recoveryCodes[3]! }), 'BAD_REQUEST');
    await expectTrpcError(c.caller().auth.verifySecondFactor({ recoveryCode: recoveryCodes[4]! }), 'BAD_REQUEST');
    await c.caller().auth.verifySecondFactor({ recoveryCode: confirmed.recoveryCodes[0]! });
  });

  it('throttles guessed codes apart from passwords: a right password does not reset the count', async () => {
    const user = await userWithPassword(opened, orgId, 'admin', password);
    const { enrolment } = await enrol(user.email);
    const b = browser('10.1.0.6');
    for (let i = 0; i < 5; i += 1) {
      await b.caller().auth.signIn({ email: user.email, password });
      await expectTrpcError(b.caller().auth.verifySecondFactor({ code: `00000${i}` }), 'BAD_REQUEST');
    }
    await b.caller().auth.signIn({ email: user.email, password });
    await expectTrpcError(
      b.caller().auth.verifySecondFactor({ code: codeAt(enrolment.secret, new Date(Date.now() + 30_000)) }),
      'TOO_MANY_REQUESTS',
      'RATE_LIMITED',
    );
  });
});

describe('admin controls', () => {
  it('an admin resets a member’s second factor: audited, the member’s sessions end, they enrol afresh', async () => {
    await setOrganizationSecondFactorRequired(opened.db, orgId, true);
    const { caller: admin, user: adminUser } = await callerFor(opened, orgId, 'admin');
    const member = await userWithPassword(opened, orgId, 'finance', password);
    const { b } = await enrol(member.email);
    expect((await admin.members.list()).find((m) => m.userId === member.id)?.hasSecondFactor).toBe(true);

    await admin.members.resetSecondFactor({ userId: member.id });
    expect(await findSecondFactor(opened.db, member.id)).toBeUndefined();
    expect(await b.caller().auth.session()).toBeNull();
    expect((await admin.members.list()).find((m) => m.userId === member.id)?.hasSecondFactor).toBe(false);
    const audit = await listAuditEvents(opened.db, orgId, { limit: 20 });
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'delete', entity: 'second_factor', entityId: member.id, userId: adminUser.id }),
    );
    expect((await browser().caller().auth.signIn({ email: member.email, password })).stage).toBe('enrol');
  });

  it('an admin turns the requirement on and off; it is audited and shown on the organisation', async () => {
    const { caller: admin } = await callerFor(opened, orgId, 'admin');
    expect((await admin.organization.current()).requireSecondFactor).toBe(false);
    await admin.organization.setSecondFactorRequired({ required: true });
    expect((await admin.organization.current()).requireSecondFactor).toBe(true);
    const audit = await listAuditEvents(opened.db, orgId, { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'update', entity: 'organization', fields: ['requireSecondFactor'] });
  });
});

describe('password strength wherever a password is set', () => {
  it.each([['aaaaaaaaaa'], ['password123'], ['qwertyuiopasdf']])(
    'refuses %s as a new password with a field error, and costs no guess',
    async (weak) => {
      const user = await userWithPassword(opened, orgId, 'viewer', password);
      const caller = await callerForUser(opened, user.id, orgId);
      const error = await expectTrpcError(
        caller.auth.changePassword({ currentPassword: password, newPassword: weak }),
        'BAD_REQUEST',
        'VALIDATION',
      );
      expect(fieldErrorsOf(error)).toEqual({ newPassword: ['validation.weakPassword'] });
    },
  );

  it('refuses the user’s own email as a password, and accepts a few unrelated words', async () => {
    const user = await userWithPassword(opened, orgId, 'viewer', password);
    const caller = await callerForUser(opened, user.id, orgId);
    await expectTrpcError(
      caller.auth.changePassword({ currentPassword: password, newPassword: user.email }),
      'BAD_REQUEST',
      'VALIDATION',
    );
    await expect(
      caller.auth.changePassword({ currentPassword: password, newPassword: 'lantern orbit quietly' }),
    ).resolves.toEqual({ ok: true });
  });

  it('refuses a weak password given to the operator’s user:create', async () => {
    await expect(
      createUserWithMembership(opened.db, {
        email: 'maja.petrovska@example.org',
        orgSlug,
        role: 'viewer',
        password: 'petrovska2026',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { password: ['validation.weakPassword'] } });
  });
});

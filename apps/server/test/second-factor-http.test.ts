import { confirmSecondFactor, findUserByEmail, savePendingSecondFactor } from '@tessera/db';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantCrypto } from '../../../packages/api/src/participant-crypto';
import { sealContext } from '../../../packages/api/src/services/second-factor.service';
import { type RunningServer, signInWithPasswordOnly, startServer } from './helpers';

/**
 * Over real HTTP: a password alone opens a half-signed-in session that no API procedure and no
 * file route accepts; the code from the app replaces it with a full session under a new cookie.
 */
let server: RunningServer;
const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const json = { 'content-type': 'application/json', 'x-tessera-request': '1' };

beforeAll(async () => {
  server = await startServer();
  const admin = await findUserByEmail(server.opened.db, 'admin@demo.test');
  if (!admin) throw new Error('demo admin missing');
  // The key the test server runs with (helpers.ts): the secret is sealed exactly as enrolment does.
  const crypto = participantCrypto(new Uint8Array(32).fill(7));
  await savePendingSecondFactor(server.opened.db, admin.id, crypto.encrypt(secret, sealContext(admin.id, 'pending')));
  await confirmSecondFactor(server.opened.db, admin.id, crypto.encrypt(secret, sealContext(admin.id, 'secret')), 0);
});

afterAll(async () => {
  await server.close();
});

async function trpcQuery(path: string, cookie: string): Promise<Response> {
  return fetch(`${server.url}/trpc/${path}`, { headers: { cookie } });
}

describe('a half-signed-in session', () => {
  it('opens nothing until the code is given, then a new cookie opens everything', async () => {
    const pending = await signInWithPasswordOnly(server.url, 'admin@demo.test');
    expect(pending).toMatch(/=/);

    const session = await (await trpcQuery('auth.session', pending)).json();
    expect(session.result.data).toBeNull();
    expect((await trpcQuery('members.list', pending)).status).toBe(401);
    expect((await trpcQuery('auth.pendingStage', pending).then((r) => r.json())).result.data).toEqual({
      stage: 'second_factor',
    });
    const template = await fetch(`${server.url}/files/imports/participants/template.csv`, {
      headers: { cookie: pending },
    });
    expect(template.status).toBe(401);

    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const verified = await fetch(`${server.url}/trpc/auth.verifySecondFactor`, {
      method: 'POST',
      headers: { ...json, cookie: pending },
      body: JSON.stringify({ code }),
    });
    expect(verified.status).toBe(200);
    const full = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(full).not.toBe(pending);
    expect((await trpcQuery('members.list', full)).status).toBe(200);
    expect(
      (await fetch(`${server.url}/files/imports/participants/template.csv`, { headers: { cookie: full } })).status,
    ).toBe(200);
    // The half-signed-in cookie is gone for good.
    expect((await trpcQuery('auth.pendingStage', pending).then((r) => r.json())).result.data).toBeNull();
  });
});

import type { OpenedDatabase } from '@tessera/db';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { createTestDatabase, createTestOrganization, expectTrpcError, userWithPassword } from './helpers';

/**
 * Scenarios of abuse against the real throttle on a migrated SQLite: an attacker elsewhere must
 * never lock the owner out of their usual address; spraying and distributed guessing are slowed.
 */
const password = 'correct horse battery';
let opened: OpenedDatabase;
let orgId: string;

beforeEach(async () => {
  opened = await createTestDatabase();
  orgId = (await createTestOrganization(opened.db, { name: 'Zora' })).id;
});

function attempt(address: string, email: string, guess: string, at: Date = new Date()): Promise<string> {
  const caller = createCaller(createInnerContext({ db: opened.db, clientAddress: address, now: () => at }));
  return caller.auth.signIn({ email, password: guess }).then(
    () => 'OK',
    (e: { cause?: { code?: string } }) => e.cause?.code ?? 'UNEXPECTED',
  );
}

describe('an attacker elsewhere', () => {
  it('cannot lock the owner out of an address they signed in from before, whatever the attack', async () => {
    const owner = await userWithPassword(opened, orgId, 'admin', password);
    expect(await attempt('192.0.2.10', owner.email, password)).toBe('OK');
    await fc.assert(
      fc.asyncProperty(
        // Bursts of wrong guesses: from one address, a few, or a fresh address each time.
        fc.array(fc.record({ addresses: fc.integer({ min: 1, max: 40 }), guesses: fc.integer({ min: 1, max: 40 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (bursts) => {
          for (const [b, burst] of bursts.entries()) {
            await Promise.all(
              Array.from({ length: burst.guesses }, (_, i) =>
                attempt(`198.51.${b}.${i % burst.addresses}`, owner.email, `guess-${b}-${i}`),
              ),
            );
          }
          expect(await attempt('192.0.2.10', owner.email, password)).toBe('OK');
        },
      ),
      { numRuns: 8 },
    );
  });

  it('cannot lock the owner out by guessing from the owner’s own network next door either', async () => {
    const owner = await userWithPassword(opened, orgId, 'admin', password);
    expect(await attempt('192.0.2.10', owner.email, password)).toBe('OK');
    for (let i = 0; i < 8; i += 1) await attempt('192.0.2.11', owner.email, `guess-${i}`);
    expect(await attempt('192.0.2.11', owner.email, password)).toBe('RATE_LIMITED');
    expect(await attempt('192.0.2.10', owner.email, password)).toBe('OK');
  });

  it('gets a bounded number of guesses from many fresh addresses in one window, batched or not', async () => {
    const owner = await userWithPassword(opened, orgId, 'admin', password);
    const start = Date.now();
    const outcomes: string[] = [];
    // 60 guesses over 14 minutes from 60 addresses, in batches of 6 at once.
    for (let batch = 0; batch < 10; batch += 1) {
      const at = new Date(start + batch * 84_000);
      outcomes.push(
        ...(await Promise.all(
          Array.from({ length: 6 }, (_, i) => attempt(`203.0.113.${batch * 6 + i}`, owner.email, 'nope', at)),
        )),
      );
    }
    const evaluated = outcomes.filter((o) => o === 'INVALID_CREDENTIALS').length;
    // 10 free, then 2 s, 4 s, 8 s … between guesses: far fewer than were tried.
    expect(evaluated).toBeGreaterThanOrEqual(10);
    expect(evaluated).toBeLessThanOrEqual(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED').length).toBe(60 - evaluated);
  });
});

describe('password spraying from one address', () => {
  it('is slowed after 20 failures across accounts, and the sprayer’s own account waits too', async () => {
    const users = await Promise.all(
      Array.from({ length: 3 }, () => userWithPassword(opened, orgId, 'viewer', password)),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt('203.0.113.99', `sprayed${i}@example.test`, 'Summer2026!')),
    );
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(10);
    expect(await attempt('203.0.113.99', users[0]!.email, password)).toBe('RATE_LIMITED');
    // Other addresses are untouched.
    expect(await attempt('203.0.113.100', users[0]!.email, password)).toBe('OK');
  });
});

describe('the owner mistyping', () => {
  it('waits after five wrong passwords from one address, and a success resets the count', async () => {
    const owner = await userWithPassword(opened, orgId, 'viewer', password);
    for (let i = 0; i < 4; i += 1)
      expect(await attempt('192.0.2.20', owner.email, `typo-${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await attempt('192.0.2.20', owner.email, password)).toBe('OK');
    for (let i = 0; i < 5; i += 1)
      expect(await attempt('192.0.2.20', owner.email, `typo-${i}`)).toBe('INVALID_CREDENTIALS');
    await expectTrpcError(
      createCaller(createInnerContext({ db: opened.db, clientAddress: '192.0.2.20' })).auth.signIn({
        email: owner.email,
        password,
      }),
      'TOO_MANY_REQUESTS',
      'RATE_LIMITED',
    );
  });
});

import { countOrganizations, findOrganizationBySlug, listFunders, listMembers } from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/context';
import { createCaller } from '../src/root';
import { demoPassword, demoUsers, seedDemo } from '../src/seed-demo';
import { createTestDatabase } from './helpers';

describe('demo data', () => {
  it('loads the demo organisation with one user per role, its funders, and is idempotent', async () => {
    const opened = await createTestDatabase();
    const first = await seedDemo(opened.db);
    expect(first.created).toBeGreaterThan(0);
    const demo = await findOrganizationBySlug(opened.db, 'demo');
    expect(demo?.name).toBe('Zora Collective');
    const members = await listMembers(opened.db, demo!.id);
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'coordinator', 'finance', 'viewer']);
    const funders = await listFunders(opened.db, demo!.id, {
      search: '',
      status: 'all',
      sort: 'name',
      direction: 'asc',
      limit: 50,
      offset: 0,
    });
    expect(funders.items.map((f) => f.kind).sort()).toEqual([
      'foundation',
      'foundation',
      'government',
      'network',
      'private',
    ]);
    expect(funders.items.filter((f) => f.archivedAt !== null)).toHaveLength(1);

    const again = await seedDemo(opened.db);
    expect(again.created).toBe(0);
    expect(await countOrganizations(opened.db)).toBe(2);
    expect((await listMembers(opened.db, demo!.id)).length).toBe(members.length);

    for (const user of demoUsers) {
      const caller = createCaller(
        createInnerContext({ db: opened.db, clientAddress: `10.1.0.${demoUsers.indexOf(user)}` }),
      );
      await expect(caller.auth.signIn({ email: user.email, password: demoPassword })).resolves.toBeDefined();
    }
  });
});

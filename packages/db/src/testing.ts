import type { Locale, Role } from '@tessera/domain';
import { migrateToLatest, type OpenedDatabase, openDatabase } from './connection';
import { insertFunder } from './repositories/funder.repository';
import { insertOrganization } from './repositories/organization.repository';
import { insertMembership, insertUser } from './repositories/user.repository';

/**
 * A fresh, migrated in-memory SQLite database with the same pragmas as production.
 * Each test file (or test) takes its own, so tests never share state.
 */
export async function createTestDatabase(): Promise<OpenedDatabase> {
  const opened = openDatabase(':memory:');
  await migrateToLatest(opened.db);
  return opened;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export async function createTestOrganization(
  db: OpenedDatabase['db'],
  overrides: { slug?: string; name?: string } = {},
) {
  return insertOrganization(db, {
    slug: overrides.slug ?? unique('org'),
    name: overrides.name ?? 'Test organisation',
    country: 'MK',
    baseCurrency: 'MKD',
    defaultLocale: 'en',
    suppressionThreshold: 5,
    timeZone: 'Europe/Skopje',
  });
}

/** A user with a membership; the hash is a placeholder that no password matches. */
export async function createTestUser(
  db: OpenedDatabase['db'],
  orgId: string | null,
  role: Role,
  overrides: { email?: string; passwordHash?: string; locale?: Locale } = {},
) {
  const user = await insertUser(db, {
    email: overrides.email ?? `${unique(role)}@example.test`,
    displayName: `Test ${role}`,
    passwordHash: overrides.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$invalid$invalid',
    locale: overrides.locale ?? 'en',
  });
  if (orgId) await insertMembership(db, orgId, user.id, role);
  return user;
}

/** A funder with only a name and kind; every optional field empty unless overridden. */
export async function createTestFunder(
  db: OpenedDatabase['db'],
  orgId: string,
  overrides: Partial<import('@tessera/domain').CreateFunderInput> = {},
) {
  return insertFunder(db, orgId, {
    name: 'Test funder',
    kind: 'other',
    country: null,
    website: null,
    contactName: null,
    contactEmail: null,
    notes: null,
    ...overrides,
  });
}

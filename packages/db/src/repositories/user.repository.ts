import type { Locale, Member, Membership, Role } from '@tessera/domain';
import type { Executor } from '../connection';
import { newId, nowIso } from '../clock';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  /** English with US dates and numbers instead of British (issue 15 item 8). */
  usFormats: boolean;
  disabled: boolean;
}

/** Only the authentication path reads the hash; nothing else selects it. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

const userColumns = ['id', 'email', 'display_name', 'locale', 'us_formats', 'disabled_at'] as const;

function toUser(row: {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  us_formats: number;
  disabled_at: string | null;
}): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale as Locale,
    usFormats: Number(row.us_formats) === 1,
    disabled: row.disabled_at !== null,
  };
}

export async function insertUser(
  db: Executor,
  input: { email: string; displayName: string; passwordHash: string; locale: Locale },
): Promise<UserRecord> {
  const now = nowIso();
  const id = newId();
  await db
    .insertInto('user')
    .values({
      id,
      email: input.email,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      locale: input.locale,
      created_at: now,
      updated_at: now,
      disabled_at: null,
      last_org_id: null,
    })
    .execute();
  return {
    id,
    email: input.email,
    displayName: input.displayName,
    locale: input.locale,
    usFormats: false,
    disabled: false,
  };
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('user').select(userColumns).where('email', '=', email).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserById(db: Executor, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('user').select(userColumns).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findCredentialsByEmail(db: Executor, email: string): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('user')
    .select([...userColumns, 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function findCredentialsById(db: Executor, id: string): Promise<UserCredentials | undefined> {
  const row = await db
    .selectFrom('user')
    .select([...userColumns, 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function updateUserPassword(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('user')
    .set({ password_hash: passwordHash, updated_at: nowIso() })
    .where('id', '=', userId)
    .execute();
}

export async function setLastOrganization(db: Executor, userId: string, orgId: string): Promise<void> {
  await db.updateTable('user').set({ last_org_id: orgId }).where('id', '=', userId).execute();
}

export async function findLastOrganization(db: Executor, userId: string): Promise<string | null> {
  const row = await db.selectFrom('user').select('last_org_id').where('id', '=', userId).executeTakeFirst();
  return row?.last_org_id ?? null;
}

export async function updateUserUsFormats(db: Executor, userId: string, usFormats: boolean): Promise<void> {
  await db
    .updateTable('user')
    .set({ us_formats: usFormats ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', userId)
    .execute();
}

export async function updateUserLocale(db: Executor, userId: string, locale: Locale): Promise<void> {
  await db.updateTable('user').set({ locale, updated_at: nowIso() }).where('id', '=', userId).execute();
}

export async function listMembershipsOfUser(db: Executor, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.org_id')
    .select(['membership.org_id', 'membership.role', 'organization.slug', 'organization.name'])
    .where('membership.user_id', '=', userId)
    .orderBy('organization.name')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, orgSlug: r.slug, orgName: r.name, role: r.role as Role }));
}

export async function findMembership(db: Executor, orgId: string, userId: string): Promise<{ role: Role } | undefined> {
  const row = await db
    .selectFrom('membership')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { role: row.role as Role };
}

export async function listMembers(db: Executor, orgId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .leftJoin('user_second_factor', 'user_second_factor.user_id', 'user.id')
    .select([
      'user.id',
      'user.email',
      'user.display_name',
      'membership.role',
      'membership.created_at',
      'user_second_factor.secret_sealed',
    ])
    .where('membership.org_id', '=', orgId)
    .orderBy('user.display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    addedAt: r.created_at,
    hasSecondFactor: r.secret_sealed !== null && r.secret_sealed !== undefined,
  }));
}

export async function insertMembership(db: Executor, orgId: string, userId: string, role: Role): Promise<void> {
  await db.insertInto('membership').values({ org_id: orgId, user_id: userId, role, created_at: nowIso() }).execute();
}

export async function updateMembershipRole(db: Executor, orgId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('membership').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function deleteMembership(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('membership').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

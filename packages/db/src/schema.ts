import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The database as Kysely sees it. Hand-written (see docs/decisions/0005-database.md); the
 * repository tests select every column through it on a migrated database, so drift fails a test.
 * Timestamps are ISO-8601 UTC strings; dates are YYYY-MM-DD strings; ids are UUIDv7 text.
 */
export interface Database {
  organization: OrganizationTable;
  user: UserTable;
  membership: MembershipTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  funder: FunderTable;
  audit_event: AuditEventTable;
}

export interface OrganizationTable {
  id: string;
  slug: string;
  name: string;
  country: string;
  base_currency: string;
  default_locale: string;
  suppression_threshold: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
  last_org_id: string | null;
}

export interface MembershipTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  id: string;
  user_id: string;
  active_org_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** SHA-256 of the lower-cased email and of the client address: no personal data in clear. */
  account_key: string;
  address_key: string;
  at: string;
  succeeded: number;
}

export interface FunderTable {
  id: string;
  org_id: string;
  name: string;
  kind: string;
  country: string | null;
  website: string | null;
  contact_name: string | null;
  contact_email: string | null;
  notes: string | null;
  search_text: string;
  version: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEventTable {
  id: string;
  org_id: string | null;
  user_id: string | null;
  at: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON array of field names; never values. */
  fields: string;
}

export type OrganizationRow = Selectable<OrganizationTable>;
export type UserRow = Selectable<UserTable>;
export type FunderRow = Selectable<FunderTable>;
export type NewFunderRow = Insertable<FunderTable>;

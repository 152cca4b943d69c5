import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  login_trusted_address: LoginTrustedAddressTable;
  user_second_factor: UserSecondFactorTable;
  recovery_code: RecoveryCodeTable;
  funder: FunderTable;
  audit_event: AuditEventTable;
  grant: GrantTable;
  grant_status_change: GrantStatusChangeTable;
  budget_line: BudgetLineTable;
  budget_revision: BudgetRevisionTable;
  budget_revision_line: BudgetRevisionLineTable;
  tranche: TrancheTable;
  expenditure: ExpenditureTable;
  match_contribution: MatchContributionTable;
  match_evidence: MatchEvidenceTable;
  funder_template: FunderTemplateTable;
  receipt: ReceiptTable;
  exchange_rate: ExchangeRateTable;
  reporting_deadline: ReportingDeadlineTable;
  partner: PartnerTable;
  project: ProjectTable;
  project_partner: ProjectPartnerTable;
  project_grant: ProjectGrantTable;
  activity: ActivityTable;
  activity_session: ActivitySessionTable;
  head_count: HeadCountTable;
  output: OutputTable;
  participant: ParticipantTable;
  enrollment: EnrollmentTable;
  attendance: AttendanceTable;
  indicator: IndicatorTable;
  indicator_value: IndicatorValueTable;
  outcome_record: OutcomeRecordTable;
  report_pack: ReportPackTable;
  report_pack_file: ReportPackFileTable;
  instance_setting: InstanceSettingTable;
}

/** Settings of the installation, not of one organisation (the secret key's check value). */
export interface InstanceSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface OrganizationTable {
  id: string;
  slug: string;
  name: string;
  country: string;
  base_currency: string;
  default_locale: string;
  suppression_threshold: number;
  /** IANA zone for "today" (deadlines, burn rate). */
  time_zone: Generated<string>;
  /** 'sequential' or 'uic' (see packages/domain/src/participants.ts). */
  participant_code_scheme: Generated<string>;
  participant_code_prefix: Generated<string>;
  participant_code_next: Generated<number>;
  /** JSON array of question labels, in order. */
  uic_questions: Generated<string>;
  /** JSON array of { key, label, sensitive }. */
  participant_attributes: Generated<string>;
  settings_version: Generated<number>;
  /** 1: admins and finance must use a second factor (enrol at their next sign-in). */
  require_second_factor: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: string;
  us_formats: Generated<number>;
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
  /** 'full', or half signed in: 'second_factor' (code awaited) or 'enrol' (must enrol first). */
  stage: Generated<string>;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** SHA-256 of the lower-cased email and of the client address: no personal data in clear. */
  account_key: string;
  address_key: string;
  at: string;
  succeeded: number;
}

/** Addresses that signed in to an account successfully (keyed hashes, like login_attempt). */
export interface LoginTrustedAddressTable {
  account_key: string;
  address_key: string;
  last_success_at: string;
}

/**
 * A user's TOTP secret. SEALED with the server key (participantCrypto, context
 * `user_second_factor:<userId>:secret` and `…:pending`): key rotation must re-seal
 * `secret_sealed` and `pending_secret_sealed`.
 */
export interface UserSecondFactorTable {
  user_id: string;
  secret_sealed: string | null;
  pending_secret_sealed: string | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  last_used_step: number | null;
  confirmed_at: string | null;
  updated_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  /** SHA-256 hex of the normalised code (80 random bits; a slow hash adds nothing). */
  code_hash: string;
  used_at: string | null;
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
  /** The record's short name when the event was written (never a participant's); null before issue 15. */
  label: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Money columns hold integer minor units (see @tessera/domain money.ts). */
export interface GrantTable {
  id: string;
  org_id: string;
  funder_id: string;
  title: string;
  reference: string | null;
  currency: string;
  amount_minor: number;
  start_date: string;
  end_date: string;
  cost_share_minor: number | null;
  restrictions: string | null;
  notes: string | null;
  status: string;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** The form submission that made it (migration 2026-12-03-0001); null when made otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface GrantStatusChangeTable {
  id: string;
  org_id: string;
  grant_id: string;
  status: string;
  date: string;
  note: string | null;
  user_id: string | null;
  created_at: string;
}

export interface BudgetLineTable {
  id: string;
  org_id: string;
  grant_id: string;
  code: string;
  category: string;
  description: string | null;
  original_amount_minor: number;
  amount_minor: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** The form submission that made it (migration 2026-12-03-0001); null when made otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BudgetRevisionTable {
  id: string;
  org_id: string;
  grant_id: string;
  date: string;
  justification: string;
  user_id: string | null;
  created_at: string;
  /** The form submission that made it (migration 2026-12-03-0001); null when made otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BudgetRevisionLineTable {
  revision_id: string;
  budget_line_id: string;
  amount_before_minor: number;
  amount_after_minor: number;
}

export interface TrancheTable {
  id: string;
  org_id: string;
  grant_id: string;
  expected_date: string;
  expected_amount_minor: number;
  received_date: string | null;
  received_amount_minor: number | null;
  received_base_minor: number | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The form submission that made it (migration 2026-12-03-0001); null when made otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ExpenditureTable {
  id: string;
  org_id: string;
  grant_id: string;
  budget_line_id: string;
  date: string;
  payee: string;
  description: string;
  amount_minor: number;
  currency: string;
  rate_to_grant: string;
  rate_source: string;
  amount_grant_minor: number;
  amount_base_minor: number | null;
  receipt_reference: string | null;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** The form submission that made it (migration 2026-12-03-0001); null when made otherwise. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Cost share and match contributed towards a grant (migration 2026-12-03-0003). */
export interface MatchContributionTable {
  id: string;
  org_id: string;
  grant_id: string;
  kind: 'cash' | 'inKind';
  source: string;
  date: string;
  amount_minor: number;
  description: string | null;
  evidence_reference: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FunderTemplateTable {
  id: string;
  org_id: string;
  funder_id: string | null;
  grant_id: string | null;
  name: string;
  language: string;
  kind: string;
  file_name: string;
  size: number;
  content: Uint8Array;
  tags: string;
  created_at: string;
}

export interface MatchEvidenceTable {
  contribution_id: string;
  org_id: string;
  file_name: string;
  content_type: string;
  size: number;
  content: Uint8Array;
  created_at: string;
}

export interface ReceiptTable {
  expenditure_id: string;
  org_id: string;
  file_name: string;
  content_type: string;
  size: number;
  content: Uint8Array;
  created_at: string;
}

export interface ExchangeRateTable {
  id: string;
  org_id: string;
  date: string;
  from_currency: string;
  to_currency: string;
  rate: string;
  source: string;
  created_at: string;
}

export interface ReportingDeadlineTable {
  id: string;
  org_id: string;
  grant_id: string;
  kind: string;
  period_start: string;
  period_end: string;
  due_date: string;
  submitted_date: string | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PartnerTable {
  id: string;
  org_id: string;
  name: string;
  city: string | null;
  country: string | null;
  website: string | null;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectTable {
  id: string;
  org_id: string;
  title: string;
  summary: string | null;
  start_date: string;
  end_date: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectPartnerTable {
  org_id: string;
  project_id: string;
  partner_id: string;
  role: string;
}

export interface ProjectGrantTable {
  org_id: string;
  project_id: string;
  grant_id: string;
}

export interface ActivityTable {
  id: string;
  org_id: string;
  project_id: string;
  kind: string;
  title: string;
  reference: string | null;
  city: string | null;
  start_date: string;
  end_date: string;
  planned_minutes: number;
  completion_threshold: number;
  attendance_mode: string;
  description: string | null;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ActivitySessionTable {
  id: string;
  org_id: string;
  activity_id: string;
  date: string;
  start_time: string | null;
  minutes: number;
  module: string | null;
  note: string | null;
  held_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HeadCountTable {
  org_id: string;
  session_id: string;
  gender: string;
  age_band: string;
  count: number;
}

export interface OutputTable {
  id: string;
  org_id: string;
  activity_id: string;
  kind: string;
  title: string;
  quantity: number;
  date: string;
  link: string | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Pseudonymous. The `_enc` columns hold ciphertext only; the key never enters the database. */
export interface ParticipantTable {
  id: string;
  org_id: string;
  code: string;
  code_scheme: string;
  gender: string;
  age_band: string;
  city: string | null;
  attributes: string;
  sensitive_enc: string | null;
  contact_enc: string | null;
  notes_enc: string | null;
  consent_date: string | null;
  consent_scope: string;
  erased_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EnrollmentTable {
  id: string;
  org_id: string;
  activity_id: string;
  participant_id: string;
  status: string;
  enrolled_on: string;
  dropped_on: string | null;
  completion_override: string | null;
  override_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AttendanceTable {
  org_id: string;
  session_id: string;
  activity_id: string;
  participant_id: string;
  status: string;
  minutes: number;
  updated_at: string;
}

export interface IndicatorTable {
  id: string;
  org_id: string;
  project_id: string | null;
  grant_id: string | null;
  level: string;
  result_statement: string | null;
  code: string;
  name: string;
  definition: string | null;
  unit: string;
  type: string;
  direction: string;
  baseline_value: number | null;
  baseline_year: number | null;
  baseline_comment: string | null;
  life_target: number | null;
  /** JSON [{ periodStart, periodEnd, target }]. */
  targets: string;
  data_source: string | null;
  collection_method: string | null;
  frequency: string | null;
  responsible: string | null;
  /** JSON array. */
  disaggregation: string;
  source: string;
  /** JSON measure specs. */
  numerator: string | null;
  denominator: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorValueTable {
  id: string;
  org_id: string;
  indicator_id: string;
  period_start: string;
  period_end: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OutcomeRecordTable {
  id: string;
  org_id: string;
  participant_id: string;
  activity_id: string | null;
  kind: string;
  date: string;
  score_before: number | null;
  score_after: number | null;
  /** Clear text written before descriptions were sealed; emptied by the server at start. */
  description: string | null;
  /** Sealed (AES-256-GCM, key outside the database), like a participant's notes. */
  description_enc: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportPackTable {
  id: string;
  org_id: string;
  grant_id: string;
  period_start: string;
  period_end: string;
  status: string;
  submitted_date: string | null;
  deadline_id: string | null;
  /** JSON [{ key, body }]. Emptied at submission: the frozen content holds it, sealed. */
  narrative: string;
  /** JSON [{ code, body }] by budget line code (migration 2026-12-03-0005); emptied at submission likewise. */
  variance_explanations: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
  /** 1, 2, … per grant and period: a new version after a submitted pack. */
  edition: Generated<number>;
  replaces_id: string | null;
  /** Sealed JSON of the content as sent (ReportPackContent). */
  frozen_content: string | null;
  frozen_at: string | null;
}

/** A file exported at submission, kept as sent (its bytes sealed). */
export interface ReportPackFileTable {
  id: string;
  org_id: string;
  pack_id: string;
  format: string;
  locale: string;
  file_name: string;
  content_type: string;
  sealed: string;
  size: number;
  sha256: string;
  created_at: string;
}

export type OrganizationRow = Selectable<OrganizationTable>;
export type UserRow = Selectable<UserTable>;
export type FunderRow = Selectable<FunderTable>;
export type NewFunderRow = Insertable<FunderTable>;
export type PartnerRow = Selectable<PartnerTable>;
export type ProjectRow = Selectable<ProjectTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type ActivitySessionRow = Selectable<ActivitySessionTable>;
export type OutputRow = Selectable<OutputTable>;
export type ParticipantRow = Selectable<ParticipantTable>;
export type EnrollmentRow = Selectable<EnrollmentTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type IndicatorValueRow = Selectable<IndicatorValueTable>;
export type ReportPackRow = Selectable<ReportPackTable>;

import { narrativeSectionKeys } from './report-pack';

/**
 * Every field name the audit log may record, per kind of record. The services' audit calls are
 * typed against this list (see `AuditField`), so a field written anywhere is a field here, and the
 * web app's catalog must give each one a label in every language (tested there). A name ending in
 * `.*` stands for a family: `varianceExplanations.B1` is the explanation of budget line B1.
 * Names only: the audit log never holds a value.
 */
export const auditFieldRegistry = {
  activity: [
    'attendanceMode',
    'city',
    'completionThreshold',
    'description',
    'endDate',
    'kind',
    'plannedMinutes',
    'projectId',
    'reference',
    'startDate',
    'title',
  ],
  activity_session: [
    'attendance',
    'date',
    'headCount',
    'minutes',
    'module',
    'note',
    'schedule',
    'activityId',
    'startTime',
  ],
  budget_line: ['amountMinor', 'category', 'code', 'description', 'grantId'],
  budget_revision: ['date', 'justification', 'lines'],
  enrollment: ['completionOverride', 'droppedOn', 'overrideReason', 'participants', 'status'],
  exchange_rate: ['rate'],
  expenditure: [
    'amountBaseMinor',
    'amountGrantMinor',
    'amountMinor',
    'budgetLineId',
    'confirmOverBudget',
    'confirmRate',
    'currency',
    'date',
    'description',
    'grantId',
    'payee',
    'rate',
    'rateSource',
    'rateToGrant',
    'receipt',
    'receiptReference',
  ],
  funder_template: ['file', 'funderId', 'grantId', 'kind', 'language', 'name'],
  funder: ['archivedAt', 'contactEmail', 'contactName', 'country', 'kind', 'name', 'notes', 'website'],
  grant: [
    'amountMinor',
    'costShareMinor',
    'currency',
    'endDate',
    'funderId',
    'notes',
    'reference',
    'restrictions',
    'startDate',
    'status',
    'title',
  ],
  import: ['participants', 'attendance'],
  indicator: [
    'baselineComment',
    'baselineValue',
    'baselineYear',
    'code',
    'collectionMethod',
    'dataSource',
    'definition',
    'denominator',
    'direction',
    'disaggregation',
    'frequency',
    'grantId',
    'level',
    'lifeTarget',
    'name',
    'numerator',
    'projectId',
    'responsible',
    'resultStatement',
    'source',
    'targets',
    'type',
    'unit',
  ],
  indicator_value: ['comment', 'denominator', 'numerator', 'value'],
  match_contribution: [
    'amountMinor',
    'date',
    'description',
    'evidenceFile',
    'evidenceReference',
    'grantId',
    'kind',
    'source',
  ],
  membership: ['role'],
  organization: [
    'attributes',
    'codePrefix',
    'codeScheme',
    'requireSecondFactor',
    'suppressionThreshold',
    'uicQuestions',
  ],
  outcome_record: ['activityId', 'date', 'description', 'kind', 'scores'],
  output: ['activityId', 'date', 'kind', 'link', 'note', 'quantity', 'title'],
  participant: [
    'ageBand',
    'attributes',
    'city',
    'code',
    'consentDate',
    'consentScope',
    'contact',
    'erased',
    'gender',
    'notes',
    'outcomes',
    'sensitive',
  ],
  partner: ['city', 'country', 'description', 'name', 'website'],
  project: ['endDate', 'grantIds', 'partners', 'startDate', 'summary', 'title'],
  report_pack: [
    'edition',
    'files',
    'frozenContent',
    'period',
    'status',
    'submittedDate',
    ...narrativeSectionKeys.map((key) => `narrative.${key}` as const),
    'varianceExplanations.*',
  ],
  reporting_deadline: ['dueDate', 'grantId', 'kind', 'note', 'periodEnd', 'periodStart', 'submittedDate'],
  tranche: [
    'confirmRate',
    'expectedAmountMinor',
    'expectedDate',
    'grantId',
    'note',
    'receivedAmountMinor',
    'receivedBaseMinor',
    'receivedDate',
  ],
  second_factor: ['recovery_codes', 'second_factor'],
  user: ['displayName', 'email', 'locale', 'usFormats', 'password', 'recovery_code', 'recovery_codes', 'second_factor'],
} as const;

export type AuditEntity = keyof typeof auditFieldRegistry;
export const auditEntities = Object.keys(auditFieldRegistry).sort() as AuditEntity[];

type Expand<F> = F extends `${infer P}.*` ? `${P}.${string}` : F;
/** A field name the audit log may record for this kind of record. */
export type AuditField<E extends AuditEntity> = Expand<(typeof auditFieldRegistry)[E][number]>;

export function isAuditEntity(value: string): value is AuditEntity {
  return Object.hasOwn(auditFieldRegistry, value);
}

/**
 * The registry entry a recorded field name belongs to, and the part a family entry leaves open
 * (`varianceExplanations.B1` → `varianceExplanations.*` and `B1`); null for a name not listed
 * (an event written before the registry, shown as it was recorded).
 */
export function auditFieldEntry(entity: string, field: string): { key: string; rest: string | null } | null {
  if (!isAuditEntity(entity)) return null;
  const entries: readonly string[] = auditFieldRegistry[entity];
  if (entries.includes(field)) return { key: field, rest: null };
  for (const entry of entries) {
    if (entry.endsWith('.*') && field.startsWith(entry.slice(0, -1))) {
      return { key: entry, rest: field.slice(entry.length - 1) };
    }
  }
  return null;
}

export { newId, nowIso } from './clock';
export {
  createMigrator,
  type Db,
  type Executor,
  migrateToLatest,
  type OpenedDatabase,
  type OpenOptions,
  openDatabase,
  purgeWriteAheadLog,
  type WalPurge,
} from './connection';
export {
  type BackupResult,
  backupDatabase,
  createPrivateFile,
  DatabaseFileRefused,
  type DatabaseInspection,
  inspectDatabaseFile,
  type RestoreResult,
  restoreDatabase,
  tableChecksums,
} from './backup';
export { claimExclusiveUse } from './exclusive';
export {
  asDatabaseFault,
  DatabaseFault,
  type DatabaseFaultKind,
  databaseFaultKinds,
  faultKindOf,
  isDatabaseFault,
} from './faults';
export { type DatabaseHealth, probeDatabaseWritable } from './health';
export * from './repositories/attached-file.repository';
export * from './repositories/audit.repository';
export * from './repositories/audit-label.repository';
export * from './repositories/budget.repository';
export * from './repositories/deadline.repository';
export * from './repositories/delivery.repository';
export * from './repositories/exchange-rate.repository';
export * from './repositories/expenditure.repository';
export * from './repositories/free-text.repository';
export * from './repositories/funder.repository';
export * from './repositories/funder-template.repository';
export * from './repositories/grant.repository';
export * from './repositories/login-attempt.repository';
export * from './repositories/match.repository';
export * from './repositories/organization.repository';
export * from './repositories/money-totals.repository';
export * from './repositories/participant.repository';
export * from './repositories/report-freeze.repository';
export * from './repositories/results.repository';
export * from './repositories/release-facts.repository';
export * from './repositories/idempotency.repository';
export * from './repositories/instance-setting.repository';
export * from './repositories/sealed-value.repository';
export * from './repositories/second-factor.repository';
export * from './repositories/session.repository';
export * from './repositories/tranche.repository';
export * from './repositories/user.repository';
export type { Database } from './schema';

export { type Context, createInnerContext } from './context';
export {
  downloadMatchEvidence,
  downloadReceipt,
  ledgerFileUploadActor,
  uploadMatchEvidence,
  uploadReceipt,
} from './files';
export { type AppRouter, appRouter, createCaller } from './root';
export { demoPassword, demoUsers, isDatabaseEmpty, seedDemo } from './seed-demo';
export { demoTotpSecrets } from './seed-demo-security';
export { createUserWithMembership, resetSecondFactorByEmail, setUserRole } from './services/admin.service';
export {
  databaseNeedsItsKey,
  type KeyRotationResult,
  rotatedSecret,
  rotateSecretKey,
  SecretKeyMismatch,
  secretKeyCheckValue,
  verifySecretKey,
} from './services/key-rotation.service';
export { sealOutcomeDescriptions } from './services/outcome-descriptions';
export {
  commitImport,
  type ImportOutcome,
  importActor,
  importTemplateCsv,
  organizationImportTemplateCsv,
  previewImport,
} from './imports/import.service';
export type { ProgressListener } from './imports/progress';
export { type ImportFile, parseImportFile } from './imports/read-file';
export {
  activitiesForCli,
  type GrantLine,
  grantsForCli,
  importForCli,
  importRatesForCli,
  importTemplateForCli,
} from './services/cli.service';
export { rateCsvColumns } from './services/exchange-rates.service';
export { generatePassword } from './services/passwords';
export {
  busyRetryAfterSeconds,
  type StorageErrorCode,
  type StorageFaultAnswer,
  storageErrorCodes,
  storageFaultAnswer,
  storageFaultLog,
} from './storage-faults';
export { type AppErrorCode, type AppErrorData, httpStatusOf } from './trpc';
export {
  checkExportRequest,
  type ExportProgress,
  exportContent,
  renderExport,
  reportActor,
  reportForCli,
  submittedFile,
} from './services/report-export.service';
export { fillExport, templateExportInputs, templateReportForCli } from './services/templates/templates.service';
export { checkTemplate } from './services/templates/template-checks';

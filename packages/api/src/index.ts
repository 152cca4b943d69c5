export { type Context, createInnerContext } from './context';
export { downloadReceipt, uploadReceipt } from './files';
export { type AppRouter, appRouter, createCaller } from './root';
export { demoPassword, demoUsers, isDatabaseEmpty, seedDemo } from './seed-demo';
export { createUserWithMembership, setUserRole } from './services/admin.service';
export { type GrantLine, grantsForCli, importRatesForCli } from './services/cli.service';
export { rateCsvColumns } from './services/exchange-rates.service';
export { generatePassword } from './services/passwords';
export { type AppErrorCode, type AppErrorData, httpStatusOf } from './trpc';

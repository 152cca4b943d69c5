/**
 * Benchmark: API writes over HTTP and admin-CLI imports in separate processes, on one SQLite
 * file at once (issue 12 item 3, docs/operations.md "Busy database and faults"). Prints counts
 * and latencies; asserts nothing (the test `test/busy-database.test.ts` does, on a smaller load).
 *
 *   cd apps/server && npx tsx bench/busy-database.ts [writers] [cli imports] [rows per import] [parallel CLIs]
 */
import { runMixedLoad } from './mixed-load';

const [writers = 4, cliImports = 10, rowsPerImport = 500, cliParallel = 2] = process.argv
  .slice(2)
  .map((arg) => Number.parseInt(arg, 10));

const report = await runMixedLoad({
  writers,
  minRequestsPerWriter: 50,
  cliImports,
  cliParallel,
  rowsPerImport,
});

console.log(
  `load: ${writers} HTTP writers; ${cliImports} CLI imports of ${rowsPerImport} rows, ${cliParallel} at a time`,
);
console.log(`HTTP requests        ${report.requests}`);
console.log(`HTTP failures        ${report.failures}  (statuses: ${JSON.stringify(report.statuses)})`);
console.log(`HTTP busy errors     ${report.busyErrors}`);
console.log(`HTTP latency p50     ${report.p50Ms} ms`);
console.log(`HTTP latency p95     ${report.p95Ms} ms`);
console.log(`CLI imports          ${report.cliRuns}`);
console.log(`CLI failures         ${report.cliFailures}`);
console.log(`CLI busy errors      ${report.cliBusyErrors}`);
console.log(`participants stored  ${report.participantsImported} (expected ${cliImports * rowsPerImport})`);
console.log(`funders stored       ${report.fundersStored} (answered 200: ${report.fundersCreated})`);
console.log(`duration             ${(report.durationMs / 1000).toFixed(1)} s`);
for (const error of report.cliErrors) console.log(`CLI error: ${error}`);

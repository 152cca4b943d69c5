import type { Role } from '@tessera/domain';

/**
 * Who may call what, written by hand from the product's rules, NOT derived from `roles.ts` or
 * from the routers: the permission matrix compares the running API against this table, so a
 * permission given to the wrong role in the code fails a test here. Change a row only when the
 * product rule itself changes, and say which rule in the commit.
 *
 * Each row reads `A C F V`: admin, coordinator, finance, viewer; a letter may call, `.` may not.
 * The rules behind the rows (DESIGN.md "What the data is", README "Organisations and roles"):
 *   - members, roles, the audit log and organisation settings (participant codes, attributes,
 *     the suppression threshold) are the admin's alone;
 *   - money (funders, grants, budget lines, tranches, rates, deadlines) is written by admin and
 *     finance and read by everyone; the ledger (payees, descriptions, receipts) is read by
 *     admin and finance only, and so are cost-share contributions (sources, evidence);
 *   - delivery (partners, projects, activities, sessions, outputs, indicators) is written by
 *     admin and coordinators and read by everyone as counts;
 *   - anything that names a participant (codes, registers, enrolments, outcome records, the
 *     participant settings that shape codes) is need-to-know: admin and coordinators; erasure
 *     is the admin's;
 *   - results and report packs are aggregates, suppressed below k: everyone reads them; whoever
 *     reports (admin, coordinator, finance) prepares, writes and submits a pack.
 */
export const procedurePolicy: Record<string, string> = {
  'organization.current': 'ACFV',
  'organization.audit': 'A...',
  'organization.codeFindings': 'A...',
  // Whether admins and finance must use a second factor is an organisation setting.
  'organization.setSecondFactorRequired': 'A...',

  'members.list': 'A...',
  'members.add': 'A...',
  'members.setRole': 'A...',
  'members.remove': 'A...',
  // A lost phone: the admin removes the member's second factor (audited); they enrol again.
  'members.resetSecondFactor': 'A...',

  'funders.list': 'ACFV',
  'funders.get': 'ACFV',
  'funders.create': 'A.F.',
  'funders.update': 'A.F.',
  'funders.archive': 'A.F.',
  'funders.restore': 'A.F.',

  'grants.list': 'ACFV',
  'grants.get': 'ACFV',
  'grants.dashboard': 'ACFV',
  'grants.budgetVsActual': 'ACFV',
  'grants.create': 'A.F.',
  'grants.update': 'A.F.',
  'grants.changeStatus': 'A.F.',

  'budget.lines': 'ACFV',
  'budget.revisions': 'ACFV',
  'budget.addLine': 'A.F.',
  'budget.updateLine': 'A.F.',
  'budget.removeLine': 'A.F.',
  'budget.revise': 'A.F.',

  'tranches.list': 'ACFV',
  'tranches.create': 'A.F.',
  'tranches.update': 'A.F.',
  'tranches.remove': 'A.F.',

  'expenditures.list': 'A.F.',
  'expenditures.get': 'A.F.',
  'expenditures.create': 'A.F.',
  'expenditures.update': 'A.F.',
  'expenditures.remove': 'A.F.',
  'expenditures.removeReceipt': 'A.F.',
  'match.removeEvidence': 'A.F.',

  // Cost share and match: contributions name their sources and evidence like the ledger does;
  // what they add up to against the required match is a grant figure, read by everyone.
  'match.list': 'A.F.',
  'match.summary': 'ACFV',
  'match.create': 'A.F.',
  'match.update': 'A.F.',
  'match.remove': 'A.F.',

  'exchangeRates.list': 'ACFV',
  'exchangeRates.lookup': 'ACFV',
  'exchangeRates.save': 'A.F.',
  'exchangeRates.remove': 'A.F.',
  'exchangeRates.importCsv': 'A.F.',

  'deadlines.list': 'ACFV',
  'deadlines.create': 'A.F.',
  'deadlines.update': 'A.F.',
  'deadlines.remove': 'A.F.',

  'partners.list': 'ACFV',
  'partners.create': 'AC..',
  'partners.update': 'AC..',
  'partners.delete': 'AC..',

  'projects.list': 'ACFV',
  'projects.get': 'ACFV',
  'projects.create': 'AC..',
  'projects.update': 'AC..',
  'projects.delete': 'AC..',

  'activities.list': 'ACFV',
  'activities.get': 'ACFV',
  'activities.create': 'AC..',
  'activities.update': 'AC..',
  'activities.delete': 'AC..',

  'sessions.list': 'ACFV',
  'sessions.get': 'ACFV',
  'sessions.today': 'ACFV',
  'sessions.headCount': 'ACFV',
  'sessions.create': 'AC..',
  'sessions.generate': 'AC..',
  'sessions.update': 'AC..',
  'sessions.delete': 'AC..',
  'sessions.recordHeadCount': 'AC..',

  'outputs.list': 'ACFV',
  'outputs.create': 'AC..',
  'outputs.update': 'AC..',
  'outputs.delete': 'AC..',

  'participants.settings': 'AC..',
  'participants.saveSettings': 'A...',
  'participants.list': 'AC..',
  'participants.get': 'AC..',
  'participants.findByAnswers': 'AC..',
  'participants.create': 'AC..',
  'participants.update': 'AC..',
  'participants.erase': 'A...',

  'enrollments.list': 'AC..',
  'enrollments.enrol': 'AC..',
  'enrollments.update': 'AC..',
  'enrollments.delete': 'AC..',

  'register.get': 'AC..',
  'register.save': 'AC..',

  'indicators.list': 'ACFV',
  'indicators.get': 'ACFV',
  'indicators.values': 'ACFV',
  'indicators.create': 'AC..',
  'indicators.update': 'AC..',
  'indicators.delete': 'AC..',
  'indicators.setValue': 'AC..',
  'indicators.deleteValue': 'AC..',

  'outcomes.list': 'AC..',
  'outcomes.create': 'AC..',
  'outcomes.update': 'AC..',
  'outcomes.delete': 'AC..',

  'results.project': 'ACFV',
  'results.grant': 'ACFV',
  'results.periods': 'ACFV',

  'reports.list': 'ACFV',
  'reports.get': 'ACFV',
  'reports.content': 'ACFV',
  'reports.files': 'ACFV',
  'reports.prepare': 'ACF.',
  'reports.saveNarrative': 'ACF.',
  'reports.saveExplanations': 'ACF.',
  'reports.submit': 'ACF.',
  // A funder's template is part of reporting: everyone who reads packs sees the templates and
  // the catalogue's starter files; whoever prepares packs keeps and removes templates.
  'templates.list': 'ACFV',
  'templates.preview': 'ACFV',
  'templates.starter': 'ACFV',
  'templates.upload': 'ACF.',
  'templates.remove': 'ACF.',
};

/**
 * The plain HTTP routes (uploads, downloads, imports, report exports), by the same rules. The
 * export job routes answer only the user who started the job; that is tested beside them.
 */
export const routePolicy: Record<string, string> = {
  'POST /files/receipts/:id': 'A.F.',
  'GET /files/receipts/:id': 'A.F.',
  'POST /files/match-evidence/:id': 'A.F.',
  'GET /files/match-evidence/:id': 'A.F.',
  'POST /files/imports/:kind': 'AC..',
  'GET /files/imports/:kind/template.csv': 'AC..',
  'POST /files/reports/:packId/exports': 'ACFV',
  'GET /files/reports/exports/:jobId': 'ACFV',
  'GET /files/reports/exports/:jobId/download': 'ACFV',
  'GET /files/reports/:packId/files/:fileId': 'ACFV',
};

const columns: readonly Role[] = ['admin', 'coordinator', 'finance', 'viewer'];
const letters = 'ACFV';

/** Whether the policy row lets `role` call it; a malformed row is an error, not a "no". */
export function policyAllows(row: string | undefined, role: Role): boolean {
  if (row === undefined || !/^[A.][C.][F.][V.]$/.test(row)) throw new Error(`Not a policy row: ${row}`);
  const at = columns.indexOf(role);
  return row[at] === letters[at];
}

/**
 * Validation messages travel as keys, not sentences, so the same zod schema yields a translated
 * message in the browser form and in the API's field errors. A key may carry parameters:
 * `validation.tooLong?max=200`. The web app's catalogs hold one entry per key.
 */
export const validationKeys = [
  'validation.required',
  'validation.tooLong',
  'validation.tooShort',
  'validation.invalidUrl',
  'validation.invalidEmail',
  'validation.invalidChoice',
  'validation.invalidCountry',
  'validation.invalidCurrency',
  'validation.invalidSlug',
  'validation.invalidNumber',
  'validation.invalid',
  'validation.wrongPassword',
  'validation.alreadyMember',
  'validation.negative',
  'validation.tooPrecise',
  'validation.tooLarge',
  'validation.invalidRate',
  'validation.invalidDate',
  'validation.endBeforeStart',
  'validation.outsideGrantPeriod',
  'validation.unbalancedRevision',
  'validation.fileTooLarge',
  'validation.fileType',
  'validation.templateType',
  'validation.templateMacro',
  'validation.templateExternal',
  'validation.templateEmbedded',
  'validation.templateUnknownTag',
  'validation.templateBrokenLoop',
  'validation.templateUnreadable',
  'validation.noRate',
  'validation.duplicate',
  'validation.currencyLocked',
  'validation.impossibleTransition',
  'validation.lineInUse',
  'validation.wrongGrant',
  'validation.csvColumns',
  'validation.headCountSplit',
  'validation.uicQuestions',
  'validation.uicAnswers',
  'validation.invalidCode',
  'validation.minutesOverSession',
  'validation.lateMinutes',
  'validation.arrivalBeforeStart',
  'validation.arrivalAfterEnd',
  'validation.invalidTime',
  'validation.outsideActivityPeriod',
  'validation.notEnrolled',
  'validation.schemeLocked',
  'validation.unknownActivity',
  'validation.unknownParticipant',
  'validation.noSession',
  'validation.wrongAttendanceMode',
  'validation.unknownAttribute',
  'validation.erased',
  'validation.unknownColumns',
  'validation.missingColumns',
  'validation.tooManyRows',
  'validation.emptyFile',
  'validation.importFileType',
  'validation.archiveTooLarge',
  'validation.archiveTooManyParts',
  'validation.unsafeXml',
  'validation.serverBusy',
  'validation.ambiguousActivity',
  'validation.indicatorScope',
  'validation.percentage',
  'validation.tooMany',
  'validation.positive',
  'validation.invalidYear',
  'validation.packSubmitted',
  'validation.notLatticePeriod',
  'validation.indicatorCode',
  'validation.notFederal',
  'validation.mentionsCode',
  'validation.ambiguousNumber',
  'validation.rateUnconfirmed',
  'validation.overBudget',
  'validation.rateFarOff',
  'validation.ratePair',
  'validation.budgetLineChanged',
  'validation.budgetLineEdited',
  'validation.budgetLineAdded',
  'validation.budgetLineRemoved',
  'validation.overGrantTotal',
  'validation.overOrganizationTotal',
  'validation.weakPassword',
  'validation.wrongCode',
  'validation.codeUsed',
] as const;

export type ValidationKey = (typeof validationKeys)[number];

export function messageKey(key: ValidationKey, params?: Record<string, string | number>): string {
  const entries = Object.entries(params ?? {});
  if (entries.length === 0) return key;
  return `${key}?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

export function parseMessageKey(message: string): { key: string; params: Record<string, string> } {
  const at = message.indexOf('?');
  if (at < 0) return { key: message, params: {} };
  // No prototype: a parameter named __proto__ must stay a plain entry.
  const params: Record<string, string> = Object.create(null);
  for (const pair of message.slice(at + 1).split('&')) {
    const [k = '', v = ''] = pair.split('=');
    if (k) params[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { key: message.slice(0, at), params };
}

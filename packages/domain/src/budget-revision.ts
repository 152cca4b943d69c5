import type { FieldErrors } from './errors';
import type { BudgetLine } from './grants';
import { messageKey } from './messages';

/** One line of a budget as the revision form showed it, with the amount the user typed. */
export interface SeenBudgetLine {
  budgetLineId: string;
  version: number;
  amountBeforeMinor: number;
  amountMinor: number;
}

/**
 * What changed in a grant's budget since the user opened a revision: lines whose version moved
 * (with the amount they showed then and hold now), lines deleted since, and lines added since.
 * Keyed like the revision input (`lines.2.amountMinor`), so the form can point at the line. An
 * empty result means the view is current and its moves can be applied as typed.
 */
export function budgetViewConflicts(seen: readonly SeenBudgetLine[], current: readonly BudgetLine[]): FieldErrors {
  const errors: FieldErrors = {};
  const byId = new Map(current.map((line) => [line.id, line]));
  const seenIds = new Set<string>();
  for (const [index, line] of seen.entries()) {
    seenIds.add(line.budgetLineId);
    const now = byId.get(line.budgetLineId);
    if (!now) {
      // Its code went with it: the form names the line it showed at this index.
      errors[`lines.${index}.budgetLineId`] = [messageKey('validation.budgetLineRemoved')];
      continue;
    }
    if (now.version === line.version && now.amountMinor === line.amountBeforeMinor) continue;
    errors[`lines.${index}.amountMinor`] = [
      now.amountMinor === line.amountBeforeMinor
        ? messageKey('validation.budgetLineEdited', { code: now.code })
        : messageKey('validation.budgetLineChanged', {
            code: now.code,
            before: line.amountBeforeMinor,
            now: now.amountMinor,
          }),
    ];
  }
  const added = current
    .filter((line) => !seenIds.has(line.id))
    .map((line) => messageKey('validation.budgetLineAdded', { code: line.code, now: line.amountMinor }));
  if (added.length > 0) errors.lines = added;
  return errors;
}

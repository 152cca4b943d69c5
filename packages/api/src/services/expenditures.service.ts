import { once, withoutKey } from './idempotency';
import type {
  Actor,
  CreateExpenditureInput,
  Expenditure,
  Grant,
  ListExpendituresInput,
  UpdateExpenditureInput,
} from '@tessera/domain';
import {
  convertMinor,
  DomainError,
  formatMinorPlain,
  messageKey,
  overBudgetBy,
  filledFields,
  isStorableMinor,
  quoteAsRate,
} from '@tessera/domain';
import {
  deleteExpenditure,
  type Executor,
  type ExpenditureValues,
  findBudgetLine,
  findExpenditure,
  insertAuditEvent,
  insertExpenditure,
  listExpenditures,
  sumSpentOnLine,
  updateExpenditure,
} from '@tessera/db';
import { attachFile, detachFile, readAttachedFile } from './attached-files';
import { refuseParticipantCodes } from './free-text';
import { convertAtTypedQuote, refuseQuoteOfOtherPair, refuseUnlikelyRate } from './typed-rates';
import { lookupRate } from './exchange-rates.service';
import { refuseOverMoneyLimits } from './money-limits';
import { requireGrant, requireOrganization } from './grants.service';

export type ExpenditureWarning = 'overspent';

export interface SavedExpenditure {
  expenditure: Expenditure;
  /** Spending over a line is allowed, and said. */
  warnings: ExpenditureWarning[];
}

/**
 * Works out the grant-currency and base-currency amounts of an expenditure: same currency at 1;
 * a typed rate as given; otherwise the exchange-rate table for that date (refused if it has none).
 * The base amount uses the table too and stays empty when no rate is known.
 */
async function computeValues(
  db: Executor,
  actor: Actor,
  grant: Grant,
  input: CreateExpenditureInput,
): Promise<ExpenditureValues> {
  const line = await findBudgetLine(db, actor.orgId, input.budgetLineId);
  if (!line || line.grantId !== grant.id) {
    throw new DomainError('VALIDATION', 'That budget line is not one of this grant’s.', {
      fieldErrors: { budgetLineId: ['validation.wrongGrant'] },
    });
  }
  if (input.date < grant.startDate || input.date > grant.endDate) {
    throw new DomainError(
      'VALIDATION',
      `The date must fall within the grant period (${grant.startDate} – ${grant.endDate}).`,
      {
        fieldErrors: { date: [`validation.outsideGrantPeriod?start=${grant.startDate}&end=${grant.endDate}`] },
      },
    );
  }
  let rateToGrant: string;
  let rateSource: ExpenditureValues['rateSource'];
  if (input.currency === grant.currency) {
    rateToGrant = '1';
    rateSource = 'same';
  } else if (input.rate) {
    refuseQuoteOfOtherPair(input.rate, input.currency, grant.currency, 'rate');
    await refuseUnlikelyRate(
      db,
      actor.orgId,
      input.rate,
      { from: input.currency, to: grant.currency, date: input.date },
      input.confirmRate === true,
      'rate',
    );
    rateToGrant = quoteAsRate(input.rate, input.currency, grant.currency);
    rateSource = 'typed';
  } else {
    const found = await lookupRate(db, actor.orgId, input.currency, grant.currency, input.date);
    if (!found) {
      throw new DomainError(
        'VALIDATION',
        `No ${input.currency}→${grant.currency} rate on or before ${input.date}: type one or add it to the table.`,
        {
          fieldErrors: { rate: [`validation.noRate?from=${input.currency}&to=${grant.currency}`] },
        },
      );
    }
    rateToGrant = found;
    rateSource = 'table';
  }
  // A typed rate that makes the amount too large is the rate's fault; otherwise the amount's.
  // A typed quote converts exactly as typed (a quote per the grant currency divides).
  const amountGrantMinor =
    rateSource === 'typed' && input.rate
      ? convertAtTypedQuote(input.amountMinor, input.currency, grant.currency, input.rate, 'rate')
      : convertWithin(input.amountMinor, input.currency, grant.currency, rateToGrant, 'amountMinor');
  const org = await requireOrganization(db, actor);
  let amountBaseMinor: number | null = null;
  if (input.currency === org.baseCurrency) amountBaseMinor = input.amountMinor;
  else if (grant.currency === org.baseCurrency) amountBaseMinor = amountGrantMinor;
  else {
    const baseRate = await lookupRate(db, actor.orgId, input.currency, org.baseCurrency, input.date);
    amountBaseMinor = baseRate
      ? convertWithin(input.amountMinor, input.currency, org.baseCurrency, baseRate, 'amountMinor')
      : null;
  }
  await refuseOverMoneyLimits(
    db,
    actor,
    grant,
    {
      grant: {
        spentMinor: { amountMinor: amountGrantMinor, field: 'amountMinor' },
        spentBaseMinor: { amountMinor: amountBaseMinor, field: 'amountMinor' },
      },
      organization: { spentMinor: { amountMinor: amountGrantMinor, field: 'amountMinor' } },
      baseCurrency: org.baseCurrency,
    },
    'id' in input && typeof input.id === 'string' ? input.id : '',
  );
  return {
    grantId: grant.id,
    budgetLineId: line.id,
    date: input.date,
    payee: input.payee,
    description: input.description,
    amountMinor: input.amountMinor,
    currency: input.currency,
    rateToGrant,
    rateSource,
    amountGrantMinor,
    amountBaseMinor,
    receiptReference: input.receiptReference,
  };
}

/** A conversion whose result one record can hold, or a field error (never a 500). */
function convertWithin(amountMinor: number, from: string, to: string, rate: string, field: string): number {
  let converted: number | null = null;
  try {
    converted = convertMinor(amountMinor, from, to, rate);
  } catch {
    // RangeError: past what JavaScript holds exactly; refused below like any other too-large amount.
  }
  if (converted === null || !isStorableMinor(converted)) {
    throw new DomainError('VALIDATION', `The amount in ${to} would be too large to hold.`, {
      fieldErrors: { [field]: ['validation.tooLarge'] },
    });
  }
  return converted;
}

/**
 * An expenditure that takes its line past its budget (more than it took before, for an edit) is
 * recorded only once the user has confirmed it (issue 11 item 4): a field error on
 * `confirmOverBudget` names the line and how far past its budget it would go.
 */
async function refuseOverBudget(
  db: Executor,
  actor: Actor,
  currency: string,
  values: ExpenditureValues,
  confirmed: boolean,
  previousMinor = 0,
): Promise<void> {
  if (confirmed) return;
  const line = await findBudgetLine(db, actor.orgId, values.budgetLineId);
  if (!line) return;
  const spentMinor = await sumSpentOnLine(db, line.id);
  const over = overBudgetBy({ budgetMinor: line.amountMinor, spentMinor }, values.amountGrantMinor, previousMinor);
  if (over === null) return;
  throw new DomainError('VALIDATION', `This takes budget line ${line.code} past its budget.`, {
    fieldErrors: {
      confirmOverBudget: [
        messageKey('validation.overBudget', { code: line.code, over: formatMinorPlain(over, currency), currency }),
      ],
    },
  });
}

async function warningsFor(db: Executor, actor: Actor, lineId: string): Promise<ExpenditureWarning[]> {
  const line = await findBudgetLine(db, actor.orgId, lineId);
  return line && (await sumSpentOnLine(db, lineId)) > line.amountMinor ? ['overspent'] : [];
}

async function requireExpenditure(db: Executor, actor: Actor, id: string): Promise<Expenditure> {
  const expenditure = await findExpenditure(db, actor.orgId, id);
  if (!expenditure) throw new DomainError('NOT_FOUND', 'No such expenditure.');
  return expenditure;
}

const staleExpenditure = () =>
  new DomainError('STALE_VERSION', 'Someone else changed this expenditure. Reload, then try again.');

export function listLedger(db: Executor, actor: Actor, input: ListExpendituresInput) {
  return listExpenditures(db, actor.orgId, input);
}

export function getExpenditure(db: Executor, actor: Actor, id: string): Promise<Expenditure> {
  return requireExpenditure(db, actor, id);
}

/** An expenditure's free text: the ledger is read by finance staff. */
function expenditureTexts(input: CreateExpenditureInput): Record<string, string | null> {
  return { payee: input.payee, description: input.description, receiptReference: input.receiptReference };
}

export async function recordExpenditure(
  db: Executor,
  actor: Actor,
  input: CreateExpenditureInput,
): Promise<SavedExpenditure> {
  const { id } = await once(db, actor, 'expenditure', input.idempotencyKey, async () => {
    await refuseParticipantCodes(db, actor, expenditureTexts(input));
    const grant = await requireGrant(db, actor, input.grantId);
    const values = await computeValues(db, actor, grant, input);
    await refuseOverBudget(db, actor, grant.currency, values, input.confirmOverBudget === true);
    const made = await insertExpenditure(db, actor.orgId, values);
    await insertAuditEvent(db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'create',
      entity: 'expenditure',
      entityId: made,
      fields: filledFields(withoutKey(input)),
    });
    return made;
  });
  const expenditure = await requireExpenditure(db, actor, id);
  return { expenditure, warnings: await warningsFor(db, actor, expenditure.budgetLineId) };
}

export async function editExpenditure(
  db: Executor,
  actor: Actor,
  input: UpdateExpenditureInput,
): Promise<SavedExpenditure> {
  await refuseParticipantCodes(db, actor, expenditureTexts(input));
  const before = await requireExpenditure(db, actor, input.id);
  if (before.version !== input.version) throw staleExpenditure();
  if (before.grantId !== input.grantId) {
    throw new DomainError('VALIDATION', 'An expenditure cannot move to another grant.', {
      fieldErrors: { grantId: ['validation.wrongGrant'] },
    });
  }
  const grant = await requireGrant(db, actor, input.grantId);
  const values = await computeValues(db, actor, grant, input);
  const previous = before.budgetLineId === values.budgetLineId ? before.amountGrantMinor : 0;
  await refuseOverBudget(db, actor, grant.currency, values, input.confirmOverBudget === true, previous);
  if (!(await updateExpenditure(db, actor.orgId, input.id, input.version, values))) throw staleExpenditure();
  const changed = (Object.keys(values) as (keyof ExpenditureValues)[]).filter(
    (k) => values[k] !== before[k as keyof Expenditure],
  );
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'update',
    entity: 'expenditure',
    entityId: input.id,
    fields: changed.sort(),
  });
  return {
    expenditure: await requireExpenditure(db, actor, input.id),
    warnings: await warningsFor(db, actor, values.budgetLineId),
  };
}

export async function removeExpenditure(
  db: Executor,
  actor: Actor,
  input: { id: string; version: number },
): Promise<void> {
  await requireExpenditure(db, actor, input.id);
  if (!(await deleteExpenditure(db, actor.orgId, input.id, input.version))) throw staleExpenditure();
  await insertAuditEvent(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'delete',
    entity: 'expenditure',
    entityId: input.id,
  });
}

/** Stores a receipt (PDF or image, checked by its bytes, at most receiptPolicy.maxBytes). */
export async function attachReceipt(
  db: Executor,
  actor: Actor,
  input: { expenditureId: string; fileName: string; content: Uint8Array },
): Promise<Expenditure> {
  await requireExpenditure(db, actor, input.expenditureId);
  await attachFile(db, actor, 'receipt', {
    ownerId: input.expenditureId,
    fileName: input.fileName,
    content: input.content,
  });
  return requireExpenditure(db, actor, input.expenditureId);
}

export async function detachReceipt(db: Executor, actor: Actor, expenditureId: string): Promise<Expenditure> {
  await requireExpenditure(db, actor, expenditureId);
  await detachFile(db, actor, 'receipt', expenditureId);
  return requireExpenditure(db, actor, expenditureId);
}

export function readReceipt(db: Executor, actor: Actor, expenditureId: string) {
  return readAttachedFile(db, actor, 'receipt', expenditureId);
}

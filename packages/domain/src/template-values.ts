import { ageBands, genders } from './delivery';
import type { ReportPackContent } from './report-pack';
import { type Shown, shownExactly } from './suppression';

/**
 * The value of every catalogue tag (template-tags.ts), read ONLY from a report pack's content:
 * the object the screen, the PDF and the XLSX export draw, already suppressed. Counts of people
 * stay `Shown`, so a hidden one prints the neutral mark. Nothing here reads a participant.
 */
export type TemplateValue =
  | { kind: 'text'; value: string | null }
  | { kind: 'number'; value: Shown | null }
  | { kind: 'date'; value: string | null }
  | { kind: 'money'; minor: number | null; currency: string };

export type TemplateRow = Record<string, TemplateValue>;

export interface TemplateValues {
  top: TemplateRow;
  loops: Record<string, TemplateRow[]>;
}

const text = (value: string | null | undefined): TemplateValue => ({ kind: 'text', value: value ?? null });
const num = (value: number | null | undefined): TemplateValue => ({
  kind: 'number',
  value: value === null || value === undefined ? null : shownExactly(value),
});
const shown = (value: Shown | null | undefined): TemplateValue => ({ kind: 'number', value: value ?? null });
const date = (value: string | null | undefined): TemplateValue => ({
  kind: 'date',
  value: value ? value.slice(0, 10) : null,
});
const money = (minor: number | null | undefined, currency: string): TemplateValue => ({
  kind: 'money',
  minor: minor ?? null,
  currency,
});

export function templateValues(content: ReportPackContent): TemplateValues {
  const { grant, finance, reach } = content;
  const cur = finance.currency;
  const base = finance.baseCurrency;
  const top: TemplateRow = {
    'organization.name': text(content.organization.name),
    'organization.country': text(content.organization.country),
    'funder.name': text(grant.funder.name),
    'grant.title': text(grant.title),
    'grant.reference': text(grant.reference),
    'grant.currency': text(grant.currency),
    'grant.amount': money(grant.amountMinor, grant.currency),
    'grant.startDate': date(grant.startDate),
    'grant.endDate': date(grant.endDate),
    'period.from': date(content.period.from),
    'period.to': date(content.period.to),
    generatedAt: date(content.generatedAt),
    'reach.participants': shown(reach.participants),
    'reach.participantHours': shown(reach.participantHours),
    'reach.completions': shown(reach.completions),
    'reach.headCount': shown(reach.headCount),
    'reach.sessionsHeld': num(reach.sessionsHeld),
    'delivery.hours': num(Math.round(content.activities.reduce((s, a) => s + a.hoursDelivered, 0) * 100) / 100),
    'delivery.activities': num(content.activities.length),
    'delivery.outputs': num(content.outputs.reduce((s, o) => s + o.quantity, 0)),
    'finance.currency': text(cur),
    'finance.baseCurrency': text(base),
    'finance.budget': money(finance.total.budgetMinor, cur),
    'finance.spentPeriod': money(finance.total.spentPeriodMinor, cur),
    'finance.spent': money(finance.total.spentToDateMinor, cur),
    'finance.remaining': money(finance.total.remainingMinor, cur),
    'finance.variance': money(finance.total.varianceMinor, cur),
    'finance.received': money(finance.cash.receivedMinor, cur),
    'finance.onHand': money(finance.cash.onHandMinor, cur),
    'finance.spentBase': money(finance.cash.spentBaseMinor, base),
    'finance.receivedBase': money(finance.cash.receivedBaseMinor, base),
  };
  for (const [dimension, prefix, keys] of [
    ['gender', 'reach.gender.', genders],
    ['ageBand', 'reach.ageBand.', ageBands],
  ] as const) {
    // A group with no one in it is not a row of the breakdown: it is 0, which is never hidden.
    for (const key of keys) top[`${prefix}${key}`] = num(0);
    const breakdown = reach.breakdowns.find((b) => b.dimension === dimension);
    for (const row of breakdown?.rows ?? []) top[`${prefix}${row.key}`] = shown(row.participants);
  }
  for (const section of content.pack.narrative) top[`narrative.${section.key}`] = text(section.body);

  const loops: Record<string, TemplateRow[]> = {
    budgetLines: finance.lines.map((l) => ({
      code: text(l.code),
      category: text(l.category),
      description: text(l.description),
      budget: money(l.budgetMinor, cur),
      spentPeriod: money(l.spentPeriodMinor, cur),
      spent: money(l.spentToDateMinor, cur),
      remaining: money(l.remainingMinor, cur),
      variance: money(l.varianceMinor, cur),
    })),
    activities: content.activities.map((a) => ({
      reference: text(a.reference),
      title: text(a.title),
      project: text(a.project),
      city: text(a.city),
      startDate: date(a.startDate),
      endDate: date(a.endDate),
      sessionsHeld: num(a.sessionsHeld),
      hours: num(a.hoursDelivered),
      participants: shown(a.participants),
      completions: shown(a.completions),
      headCount: shown(a.headCount),
    })),
    indicators: content.indicators.map((i) => ({
      code: text(i.code),
      name: text(i.name),
      unit: text(i.unit),
      baseline: num(i.baseline),
      periodTarget: num(i.periodTarget),
      lifeTarget: num(i.lifeTarget),
      actual: shown(i.actual),
      cumulative: shown(i.cumulative),
      comment: text(i.comment),
    })),
    outputs: content.outputs.map((o) => ({
      activity: text(o.activity),
      title: text(o.title),
      quantity: num(o.quantity),
      date: date(o.date),
    })),
    tranches: finance.tranches.map((t) => ({
      expectedDate: date(t.expectedDate),
      expectedAmount: money(t.expectedAmountMinor, cur),
      receivedDate: date(t.receivedDate),
      receivedAmount: money(t.receivedAmountMinor, cur),
    })),
    reachByCity: (reach.breakdowns.find((b) => b.dimension === 'city')?.rows ?? []).map((r) => ({
      city: text(r.key),
      participants: shown(r.participants),
    })),
  };
  return { top, loops };
}

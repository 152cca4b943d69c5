import type { DeadlineKind, ReportingDeadline } from '@tessera/domain';

/** A period to report on: [from, to], inclusive ISO dates. */
export interface Period {
  from: string;
  to: string;
}

/** A reporting period from a grant's deadlines, with the kinds of report due for it. */
export interface DeadlinePeriod extends Period {
  kinds: DeadlineKind[];
  dueDate: string;
}

export function periodKey(period: Period): string {
  return `${period.from}/${period.to}`;
}

/**
 * The grant's reporting periods for quick picks: one per distinct period (a narrative and a
 * financial report due for the same months are one pick), in date order, due date the earliest.
 */
export function deadlinePeriods(deadlines: readonly ReportingDeadline[]): DeadlinePeriod[] {
  const byKey = new Map<string, DeadlinePeriod>();
  for (const d of deadlines) {
    const key = periodKey({ from: d.periodStart, to: d.periodEnd });
    const found = byKey.get(key);
    if (found) {
      if (!found.kinds.includes(d.kind)) found.kinds.push(d.kind);
      if (d.dueDate < found.dueDate) found.dueDate = d.dueDate;
    } else {
      byKey.set(key, { from: d.periodStart, to: d.periodEnd, kinds: [d.kind], dueDate: d.dueDate });
    }
  }
  return [...byKey.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Whether both ends are dates and the period does not end before it starts. */
export function isCompletePeriod(period: { from: string; to: string }): period is Period {
  return isoDate.test(period.from) && isoDate.test(period.to) && period.from <= period.to;
}

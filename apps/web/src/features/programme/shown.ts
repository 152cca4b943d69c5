import { type Shown, shownText } from '@tessera/domain';

/**
 * Counts of people come from the API as `Shown`: the number, or hidden (shown as the neutral mark
 * "x") for roles that may not read the register (see the domain's delivery-figures.ts). These
 * read them for screens.
 */

/** What a stat card's `data-value` holds: the number, or the same mark "x" the card shows. */
export function shownDataValue(shown: Shown): number | string {
  return shown.suppressed ? shownText(shown) : shown.value;
}

/** The number behind a count, for forms that edit it (only roles that see it exactly edit it). */
export function exactCount(shown: Shown | null): number | null {
  return shown && !shown.suppressed ? shown.value : null;
}

/** Whether a count holds anyone: a suppressed count is at least one person. */
export function countsSomeone(shown: Shown): boolean {
  return shown.suppressed || shown.value > 0;
}

/** The first of these counts that is hidden, if any: for the footnote saying why. */
export function firstSuppressed(counts: readonly (Shown | null)[]): Shown | null {
  return counts.find((shown) => shown?.suppressed) ?? null;
}

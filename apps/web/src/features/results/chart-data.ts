import { type IndicatorResultRow, shownText } from '@tessera/domain';

/**
 * One bar of an indicator's chart: the target and the actual of one target period. A hidden
 * actual (for roles that see only aggregates) is drawn as a gap labelled with the mark "x": the
 * point carries no number for it at all, so nothing on the chart (bar height, axis, tooltip) can
 * give the hidden count away.
 */
export interface ChartPoint {
  key: string;
  periodStart: string;
  periodEnd: string;
  target: number | null;
  /** Null where there is no figure, or where it is suppressed. */
  actual: number | null;
  /** The neutral mark "x" where the actual is hidden, else null. */
  suppressedLabel: string | null;
}

export function buildChartData(series: IndicatorResultRow['series']): ChartPoint[] {
  return series.map((point) => {
    const suppressed = point.actual?.suppressed === true;
    return {
      key: `${point.periodStart}/${point.periodEnd}`,
      periodStart: point.periodStart,
      periodEnd: point.periodEnd,
      target: point.target,
      actual: point.actual && !point.actual.suppressed ? point.actual.value : null,
      suppressedLabel: point.actual && suppressed ? shownText(point.actual) : null,
    };
  });
}

/** Whether a chart has anything to draw: a target or an actual (shown or suppressed) somewhere. */
export function hasChartData(points: readonly ChartPoint[]): boolean {
  return points.some((p) => p.target !== null || p.actual !== null || p.suppressedLabel !== null);
}

import { describe, expect, it } from 'vitest';
import { buildChartData, hasChartData } from './chart-data';

describe('buildChartData', () => {
  it('keeps shown actuals and targets, and turns suppressed points into labelled gaps', () => {
    const points = buildChartData([
      { periodStart: '2026-01-01', periodEnd: '2026-06-30', target: 20, actual: { suppressed: false, value: 18 } },
      { periodStart: '2026-07-01', periodEnd: '2026-12-31', target: 10, actual: { suppressed: true, threshold: 5 } },
      { periodStart: '2027-01-01', periodEnd: '2027-06-30', target: null, actual: null },
    ]);
    expect(points.map((p) => [p.actual, p.suppressedLabel, p.target])).toEqual([
      [18, null, 20],
      [null, 'x', 10],
      [null, null, null],
    ]);
    expect(points[1]?.key).toBe('2026-07-01/2026-12-31');
  });

  it('never carries a number for a suppressed point', () => {
    const [point] = buildChartData([
      { periodStart: '2026-01-01', periodEnd: '2026-03-31', target: null, actual: { suppressed: true, threshold: 5 } },
    ]);
    const numbers = Object.values(point ?? {}).filter((v) => typeof v === 'number');
    expect(numbers).toEqual([]);
  });

  it('knows when there is nothing to draw', () => {
    expect(hasChartData(buildChartData([]))).toBe(false);
    expect(
      hasChartData(
        buildChartData([
          {
            periodStart: '2026-01-01',
            periodEnd: '2026-03-31',
            target: null,
            actual: { suppressed: true, threshold: 5 },
          },
        ]),
      ),
    ).toBe(true);
  });
});

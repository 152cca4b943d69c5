import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionMinutes, isCompleted, minutesForAttendance } from './hours';
import { allocateMinor, convertMinor } from './money';
import { enrollmentCompleted } from './participants';
import { suppressCount, suppressTable } from './suppression';

/**
 * Every rule with a boundary, tested right at it and one step either side (issue 19): completion
 * at exactly the threshold share of the planned minutes, rounding of halves (positive and
 * negative), the suppression threshold k, and a register entry's minutes.
 */

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The threshold share of `planned`, worked out here independently of the code under test. */
const needed = (planned: number, threshold: number) => Math.floor((planned * threshold + 99) / 100);

describe('completion at the threshold', () => {
  it('completes at exactly the threshold share and not one minute below', () => {
    expect(isCompleted(480, 600, 80)).toBe(true);
    expect(isCompleted(479, 600, 80)).toBe(false);
    expect(isCompleted(600, 600, 100)).toBe(true);
    expect(isCompleted(599, 600, 100)).toBe(false);
    expect(isCompleted(1, 100, 1)).toBe(true);
    expect(isCompleted(0, 100, 1)).toBe(false);
    // 80 % of 599 minutes is 479.2: 480 minutes reach it, 479 do not.
    expect(isCompleted(480, 599, 80)).toBe(true);
    expect(isCompleted(479, 599, 80)).toBe(false);
    expect(completionMinutes(599, 80)).toBe(480);
  });

  it('holds for any plan whose threshold share is a whole number of minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 2_000 }), (threshold, m) => {
        // planned × threshold is a multiple of 100, so the threshold is exactly `exact` minutes.
        const planned = (m * 100) / gcd(threshold, 100);
        const exact = (planned * threshold) / 100;
        expect(Number.isInteger(exact)).toBe(true);
        expect(isCompleted(exact, planned, threshold)).toBe(true);
        expect(isCompleted(exact - 1, planned, threshold)).toBe(false);
        expect(completionMinutes(planned, threshold)).toBe(exact);
      }),
    );
  });

  it('holds for any plan and threshold, rounding the share up to a whole minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100 }), (planned, threshold) => {
        const at = needed(planned, threshold);
        expect(isCompleted(at, planned, threshold)).toBe(true);
        expect(isCompleted(at - 1, planned, threshold)).toBe(false);
        expect(isCompleted(at + 1, planned, threshold)).toBe(true);
        expect(completionMinutes(planned, threshold)).toBe(at);
      }),
    );
  });

  it('is the same boundary for an enrolment without an override, and never for a drop-out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.boolean(),
        fc.integer({ min: -1, max: 1 }),
        (completionThreshold, m, whole, offset) => {
          // Half the runs on a plan whose threshold is a whole number of minutes, half on any plan.
          const plannedMinutes = whole ? (m * 100) / gcd(completionThreshold, 100) : m * 7 + 3;
          const attendedMinutes = needed(plannedMinutes, completionThreshold) + offset;
          const base = { completionOverride: null, attendedMinutes, plannedMinutes, completionThreshold };
          expect(enrollmentCompleted({ ...base, status: 'enrolled' })).toBe(offset >= 0);
          expect(enrollmentCompleted({ ...base, status: 'dropped' })).toBe(false);
        },
      ),
    );
  });
});

describe('rounding half away from zero (ADR 0007)', () => {
  // At a rate of 0.5, an odd number of minor units converts to an exact half.
  const half = (minor: number) => convertMinor(minor, 'EUR', 'EUR', '0.5');

  it('rounds positive halves up and negative halves down, never to even', () => {
    expect([1, 3, 5, 7].map(half)).toEqual([1, 2, 3, 4]); // 0.5, 1.5, 2.5, 3.5
    expect([-1, -3, -5, -7].map(half)).toEqual([-1, -2, -3, -4]); // −0.5, −1.5, −2.5, −3.5
    // A conversion to a currency with fewer decimals: 1.50 USD → 2 JPY, −2.50 → −3 JPY.
    expect(convertMinor(150, 'USD', 'JPY', '1')).toBe(2);
    expect(convertMinor(250, 'USD', 'JPY', '1')).toBe(3);
    expect(convertMinor(-150, 'USD', 'JPY', '1')).toBe(-2);
    expect(convertMinor(-250, 'USD', 'JPY', '1')).toBe(-3);
    // 1.005 BHD-thousandths to USD cents, either sign.
    expect(convertMinor(5, 'BHD', 'USD', '1')).toBe(1);
    expect(convertMinor(-5, 'BHD', 'USD', '1')).toBe(-1);
  });

  it('rounds just below a half towards zero and just above it away from zero, either sign', () => {
    expect(convertMinor(149, 'USD', 'JPY', '1')).toBe(1);
    expect(convertMinor(-149, 'USD', 'JPY', '1')).toBe(-1);
    expect(convertMinor(151, 'USD', 'JPY', '1')).toBe(2);
    expect(convertMinor(-151, 'USD', 'JPY', '1')).toBe(-2);
    expect(convertMinor(-49, 'USD', 'JPY', '1')).toBe(0);
    expect(convertMinor(-51, 'USD', 'JPY', '1')).toBe(-1);
  });

  it('gives every odd number of halves its half rounded away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (n) => {
        const odd = 2 * n + 1;
        expect(half(odd)).toBe(odd > 0 ? n + 1 : n);
      }),
    );
  });

  it('rounds −x to −(rounding of x), for any amount, currencies and rate', () => {
    const currencies = ['USD', 'EUR', 'MKD', 'JPY', 'BHD'] as const;
    // Rates that make exact halves common (0.5, 0.25, …) as well as any rate at all.
    const rate = fc.oneof(
      fc.constantFrom('0.5', '1.5', '0.25', '0.125', '1'),
      fc
        .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 999_999 }))
        .filter(([w, f]) => w + f > 0)
        .map(([w, f]) => `${w}.${String(f).padStart(6, '0')}`),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.constantFrom(...currencies),
        fc.constantFrom(...currencies),
        rate,
        (x, from, to, r) => {
          // A result past what a number holds exactly is refused, on both sides alike.
          const attempt = (v: number) => {
            try {
              return convertMinor(v, from, to, r);
            } catch (error) {
              if (error instanceof RangeError) return 'too large';
              throw error;
            }
          };
          const positive = attempt(x);
          const negative = attempt(-x);
          if (positive === 'too large') expect(negative).toBe('too large');
          else expect((negative as number) + positive).toBe(0);
        },
      ),
    );
  });

  it('splits −x as the negation of splitting x', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 8 }).filter((w) => w.some(Boolean)),
        (x, weights) => {
          const negative = allocateMinor(-x, weights);
          expect(allocateMinor(x, weights).map((part, i) => (negative[i] ?? 0) + part)).toEqual(weights.map(() => 0));
        },
      ),
    );
  });
});

describe('the suppression threshold k', () => {
  const ks = [2, 3, 5, 7, 10, 50];

  it.each(ks)('hides k−1 and shows k and k+1 (k = %i)', (k) => {
    expect(suppressCount(k - 1, k)).toEqual({ suppressed: true, threshold: k });
    expect(suppressCount(k, k)).toEqual({ suppressed: false, value: k });
    expect(suppressCount(k + 1, k)).toEqual({ suppressed: false, value: k + 1 });
    expect(suppressCount(1, k)).toEqual({ suppressed: true, threshold: k });
    expect(suppressCount(0, k)).toEqual({ suppressed: false, value: 0 });
  });

  it.each(ks)('treats the cells of a table the same way (k = %i)', (k) => {
    const table = suppressTable([[k - 1], [k], [k + 1]], k, { rowTotals: false, columnTotals: false });
    expect(table.cells.map(([c]) => c?.suppressed)).toEqual([true, false, false]);
  });

  it('hides exactly the counts from 1 to k−1, for every k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: -1, max: 1 }), (k, offset) => {
        const value = k + offset;
        expect(suppressCount(value, k).suppressed).toBe(value < k);
      }),
    );
  });
});

describe('a register entry at the length of its session', () => {
  it.each([2, 60, 300, 525_600])('takes 0 and the full %i minutes, and refuses one more', (length) => {
    expect(minutesForAttendance('present', length, 0)).toBe(0);
    expect(minutesForAttendance('late', length, 0)).toBeNull();
    expect(minutesForAttendance('present', length, length)).toBe(length);
    expect(minutesForAttendance('late', length, length)).toBeNull();
    expect(minutesForAttendance('late', length, length - 1)).toBe(length - 1);
    expect(minutesForAttendance('present', length)).toBe(length);
    expect(minutesForAttendance('late', length, length + 1)).toBeNull();
    expect(minutesForAttendance('late', length, -1)).toBeNull();
  });
});

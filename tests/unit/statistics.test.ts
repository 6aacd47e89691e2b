import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  newcombeDifference,
  newcombePercent,
  percentFromCounts,
  proportionToPercent,
  roundHalfAwayFromZero,
  roundRatio,
  wilsonInterval,
  wilsonPercent,
  Z_95,
} from "~/domain/statistics";

describe("roundHalfAwayFromZero", () => {
  it.each([
    // [x, decimals, expected]; the naive Math.round(x * 10^d) / 10^d gets the marked ones wrong.
    [0.05, 1, 0.1],
    [1.005, 2, 1.01], // naive: 1
    [0.285, 2, 0.29], // naive: 0.28
    [2.675, 2, 2.68],
    [4.35, 1, 4.4],
    [83.35, 1, 83.4],
    [12.25, 1, 12.3],
    [12.24, 1, 12.2],
    [2.5, 0, 3],
    [-2.5, 0, -3], // away from zero, not towards +∞ like Math.round
    [-0.05, 1, -0.1],
    [-1.005, 2, -1.01],
    [39.67811, 1, 39.7],
    [1e-7, 1, 0], // exponent notation in toString must not break the string shift
    [1234.5, -1, 1230],
    [1235, -1, 1240],
  ])("%d to %d dp is %d", (x, decimals, expected) => {
    expect(roundHalfAwayFromZero(x, decimals)).toBe(expected);
  });

  it("defaults to 1 decimal place", () => {
    expect(roundHalfAwayFromZero(70.25)).toBe(70.3);
  });

  it("never returns -0 (a published -0.0 would read as a real negative)", () => {
    expect(Object.is(roundHalfAwayFromZero(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0, 1), 0)).toBe(true);
  });

  it("passes non-finite values through and rejects fractional decimals", () => {
    expect(roundHalfAwayFromZero(Number.NaN)).toBeNaN();
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });

  it("is odd-symmetric and lands within half a unit of x (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const r = roundHalfAwayFromZero(x, d);
        expect(roundHalfAwayFromZero(-x, d)).toBe(r === 0 ? 0 : -r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + 1e-9);
      }),
    );
  });
});

describe("percentFromCounts (exact rational rounding)", () => {
  it.each([
    [1, 8, 12.5],
    [1, 16, 6.3], // 6.25 exactly: half goes up
    [1, 32, 3.1], // 3.125
    [3, 32, 9.4], // 9.375
    [5, 6, 83.3],
    [1, 6, 16.7],
    [2, 3, 66.7],
    [1, 3, 33.3],
    [7, 10, 70],
    [0, 5, 0],
    [5, 5, 100],
    [1, 2000, 0.1], // 0.05 exactly
    [1, 2001, 0],
  ])("%d of %d is %d%%", (x, n, expected) => {
    expect(percentFromCounts(x, n)).toBe(expected);
  });

  it("supports other precisions", () => {
    expect(percentFromCounts(1, 16, 0)).toBe(6);
    expect(percentFromCounts(1, 8, 0)).toBe(13);
    expect(percentFromCounts(1, 32, 2)).toBe(3.13);
  });

  it("rejects impossible counts", () => {
    expect(() => percentFromCounts(1, 0)).toThrow(RangeError);
    expect(() => percentFromCounts(11, 10)).toThrow(RangeError);
    expect(() => percentFromCounts(-1, 10)).toThrow(RangeError);
    expect(() => percentFromCounts(1.5, 10)).toThrow(RangeError);
  });

  it("is the nearest 0.1, with exact halves rounded up (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const p = percentFromCounts(x, n);
          // Compare in exact integers: tenths·n vs 1000·x (p·10 is an integer by construction).
          const tenths = Math.round(p * 10);
          expect(Math.abs(p * 10 - tenths)).toBeLessThan(1e-9);
          const twiceError = 2 * (tenths * n - 1000 * x); // 2·n·(p·10 − exact·10)
          expect(twiceError).toBeGreaterThan(-n); // not more than half a tenth below…
          expect(twiceError).toBeLessThanOrEqual(n); // …and at most half above (ties round up)
        },
      ),
    );
  });
});

describe("roundRatio", () => {
  it("rounds negative ratios away from zero", () => {
    expect(roundRatio(-1, 16, 1)).toBe(-0.1); // -0.0625 → -0.1
    expect(roundRatio(-625, 100, 1)).toBe(-6.3);
    expect(Object.is(roundRatio(-1, 100, 1), 0)).toBe(true);
  });
});

describe("wilsonInterval", () => {
  it("reproduces the worked example of the method: 7 of 10 → 70.0 (39.7–89.2)", () => {
    expect(percentFromCounts(7, 10)).toBe(70);
    expect(wilsonPercent(7, 10)).toEqual({ lower: 39.7, upper: 89.2 });
    const { lower, upper } = wilsonInterval(7, 10);
    expect(lower).toBeCloseTo(0.3968, 4);
    expect(upper).toBeCloseTo(0.8922, 4);
  });

  // Newcombe (1998) "Two-sided confidence intervals for the single proportion", Table I, method 3 (score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("matches the published score interval for %d/%d", (x, n, lower, upper) => {
    const w = wilsonInterval(x, n);
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
  });

  it("0 of 10: lower bound exactly 0, upper 27.8", () => {
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonPercent(0, 10)).toEqual({ lower: 0, upper: 27.8 });
  });

  it("10 of 10: upper bound exactly 1, lower 72.2", () => {
    expect(wilsonInterval(10, 10).upper).toBe(1);
    expect(wilsonPercent(10, 10)).toEqual({ lower: 72.2, upper: 100 });
  });

  it("uses z = 1.959964 by default, and a wider z widens the interval", () => {
    expect(Z_95).toBe(1.959964);
    expect(wilsonInterval(7, 10)).toEqual(wilsonInterval(7, 10, 1.959964));
    const wide = wilsonInterval(7, 10, 2.575829);
    expect(wide.lower).toBeLessThan(wilsonInterval(7, 10).lower);
    expect(wide.upper).toBeGreaterThan(wilsonInterval(7, 10).upper);
  });

  it("throws for n = 0 and for impossible counts", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 0)).toThrow(RangeError);
  });

  it("contains its estimate and stays within 0–1, unrounded and as rounded percents (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const p = x / n;
          const w = wilsonInterval(x, n);
          expect(0).toBeLessThanOrEqual(w.lower);
          expect(w.lower).toBeLessThanOrEqual(p);
          expect(p).toBeLessThanOrEqual(w.upper);
          expect(w.upper).toBeLessThanOrEqual(1);
          // Strictly inside when 0 < x < n: the interval has positive width on both sides.
          if (x > 0 && x < n) {
            expect(w.lower).toBeLessThan(p);
            expect(w.upper).toBeGreaterThan(p);
          }
          const percent = percentFromCounts(x, n);
          const wp = wilsonPercent(x, n);
          expect(0).toBeLessThanOrEqual(wp.lower);
          expect(wp.lower).toBeLessThanOrEqual(percent);
          expect(percent).toBeLessThanOrEqual(wp.upper);
          expect(wp.upper).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe("newcombeDifference (method 10), direction p2 − p1 = latest − previous", () => {
  // Newcombe (1998) "Interval estimation for the difference between independent proportions",
  // Table II, method 10. Published as p1 − p2 for (a/m, b/n); our first pair is the PREVIOUS
  // period, so we pass the published second proportion first.
  it.each([
    // [published p1 = x/n, published p2 = x/n, difference, lower, upper]
    [[56, 70], [48, 80], 0.2, 0.0524, 0.3339],
    [[9, 10], [3, 10], 0.6, 0.1705, 0.809],
    [[6, 7], [2, 7], 0.5714, 0.0582, 0.8062],
    [[5, 56], [0, 29], 0.0893, -0.0381, 0.1926],
    [[0, 10], [0, 20], 0, -0.1611, 0.2775],
    [[0, 10], [0, 10], 0, -0.2775, 0.2775],
    [[10, 10], [0, 20], 1, 0.6791, 1],
    [[10, 10], [0, 10], 1, 0.6075, 1],
  ])("%j vs %j", ([a, m], [b, n], difference, lower, upper) => {
    const r = newcombeDifference(b, n, a, m);
    expect(r.difference).toBeCloseTo(difference, 4);
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
    expect(r.significant).toBe(lower > 0 || upper < 0);
  });

  it("reports a fall as a negative difference (swapping periods mirrors the interval)", () => {
    const up = newcombeDifference(48, 80, 56, 70); // 60% → 80%
    const down = newcombeDifference(56, 70, 48, 80); // 80% → 60%
    expect(up.difference).toBeCloseTo(0.2, 12);
    expect(down.difference).toBeCloseTo(-0.2, 12);
    expect(down.lower).toBeCloseTo(-0.3339, 4);
    expect(down.upper).toBeCloseTo(-0.0524, 4);
    expect(down.significant).toBe(true);
  });

  it("is not significant when the interval includes 0", () => {
    expect(newcombeDifference(7, 10, 8, 10).significant).toBe(false);
    expect(newcombeDifference(0, 10, 0, 10).significant).toBe(false);
  });

  it("percent form: difference from exact counts, bounds rounded to 1 dp", () => {
    expect(newcombePercent(48, 80, 56, 70)).toEqual({ difference: 20, lower: 5.2, upper: 33.4, significant: true });
    // 1/3 → 1/2 is +16.666… points: from exact counts, 16.7.
    expect(newcombePercent(1, 3, 1, 2).difference).toBe(16.7);
    expect(newcombePercent(1, 2, 1, 3).difference).toBe(-16.7);
  });

  it("throws when either period has n = 0", () => {
    expect(() => newcombeDifference(0, 0, 1, 2)).toThrow(RangeError);
    expect(() => newcombeDifference(1, 2, 0, 0)).toThrow(RangeError);
  });

  it("contains the difference, stays within −1..1 and mirrors when periods swap (property)", () => {
    const count = fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(count, count, ([x1, n1], [x2, n2]) => {
        const r = newcombeDifference(x1, n1, x2, n2);
        expect(r.difference).toBeCloseTo(x2 / n2 - x1 / n1, 12);
        expect(r.lower).toBeLessThanOrEqual(r.difference + 1e-12);
        expect(r.difference).toBeLessThanOrEqual(r.upper + 1e-12);
        expect(r.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(r.upper).toBeLessThanOrEqual(1 + 1e-12);
        const back = newcombeDifference(x2, n2, x1, n1);
        expect(back.lower).toBeCloseTo(-r.upper, 12);
        expect(back.upper).toBeCloseTo(-r.lower, 12);
        expect(back.significant).toBe(r.significant);
        expect(r.significant).toBe(r.lower > 0 || r.upper < 0);
      }),
    );
  });
});

describe("proportionToPercent", () => {
  it("rounds a proportion to a 1 dp percent", () => {
    expect(proportionToPercent(0.39678)).toBe(39.7);
    expect(proportionToPercent(0.0005)).toBe(0.1);
  });
});

/**
 * Statistics for published KPI figures (the methodology: /methodology, "How sure we are").
 *
 * Pure functions, no I/O. Every published percentage is computed here so that the dashboard,
 * the exports and the public pages can never disagree about a figure.
 *
 * Conventions:
 * - Proportions are 0..1; "percent" helpers return 0..100 rounded to 1 decimal place.
 * - Rounding is half away from zero. Percentages of counts are rounded from the exact rational
 *   (integer arithmetic), so 1 of 16 = 6.25 % is published as 6.3, never 6.2 through float error.
 */

/** The 97.5th percentile of the standard normal distribution, as fixed by the method. */
export const Z_95 = 1.959964;

/**
 * Round half away from zero to `decimals` places.
 *
 * Float inputs such as 1.005 are stored as 1.00499999999999989..., so `Math.round(x * 100) / 100`
 * gives 1.00. We round the shortest decimal representation of `x` instead (what JavaScript prints,
 * "1.005"), by shifting the decimal exponent in the string, which is what a reader expects.
 * For figures derived from counts prefer `percentFromCounts`, which is exact.
 */
export function roundHalfAwayFromZero(x: number, decimals = 1): number {
  if (!Number.isInteger(decimals)) throw new RangeError(`decimals must be an integer, got ${decimals}`);
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = shiftDecimal(Math.abs(x), decimals);
  // shifted >= 0, and Math.round rounds .5 up, i.e. away from zero for non-negative values.
  const rounded = shiftDecimal(Math.round(shifted), -decimals);
  // Normalise -0 to 0: a published "-0.0" would look like a real negative figure.
  return rounded === 0 ? 0 : sign * rounded;
}

/** x × 10^places, via the decimal string so that no binary error is introduced. */
function shiftDecimal(x: number, places: number): number {
  const [mantissa, exponent = "0"] = x.toString().split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * round(numerator / denominator × 10^decimals) half away from zero, divided by 10^decimals,
 * computed exactly with BigInt. Denominator must be positive.
 */
export function roundRatio(numerator: number, denominator: number, decimals = 1): number {
  assertSafeInteger(numerator, "numerator");
  assertSafeInteger(denominator, "denominator");
  if (denominator <= 0) throw new RangeError(`denominator must be positive, got ${denominator}`);
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer`);
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(Math.abs(numerator)) * scale;
  const den = BigInt(denominator);
  // floor((2·num + den) / (2·den)) = floor(num/den + 1/2): halves go up, i.e. away from zero.
  const q = (2n * num + den) / (2n * den);
  const magnitude = Number(q) / Number(scale);
  return numerator < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * 100 × numerator / n, rounded half away from zero to `decimals` places from the exact counts.
 * Examples: 1/8 → 12.5, 1/16 → 6.3, 1/32 → 3.1, 5/6 → 83.3.
 */
export function percentFromCounts(numerator: number, n: number, decimals = 1): number {
  assertCounts(numerator, n);
  return roundRatio(100 * numerator, n, decimals);
}

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * 95 % Wilson score interval for numerator / n, as proportions (0..1), formula as on the methodology page:
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)
 * At 0/n the lower bound is exactly 0 and at n/n the upper bound is exactly 1 (the formula gives
 * those values in exact arithmetic; we set them so float noise cannot publish "-0.0" or "100.1").
 */
export function wilsonInterval(numerator: number, n: number, z = Z_95): Interval {
  assertCounts(numerator, n);
  return wilsonIntervalAt(numerator / n, n, z);
}

/**
 * The same Wilson interval around any proportion p (0..1), not only a count's: the funnel limits
 * of network benchmarking put it around the network's unrounded proportion, at each forum's n.
 * At p = 0 the lower bound is exactly 0, at p = 1 the upper bound exactly 1.
 */
export function wilsonIntervalAt(p: number, n: number, z = Z_95): Interval {
  assertSafeInteger(n, "n");
  if (n <= 0) throw new RangeError(`n must be positive, got ${n}`);
  if (!(Number.isFinite(p) && p >= 0 && p <= 1)) throw new RangeError(`p must be a proportion in 0..1, got ${p}`);
  assertZ(z);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const lower = p === 0 ? 0 : clamp01(centre - half);
  const upper = p === 1 ? 1 : clamp01(centre + half);
  return { lower, upper };
}

/** Wilson interval in percent, each bound rounded half away from zero to 1 dp (published form). */
export function wilsonPercent(numerator: number, n: number, z = Z_95): Interval {
  const { lower, upper } = wilsonInterval(numerator, n, z);
  return { lower: proportionToPercent(lower), upper: proportionToPercent(upper) };
}

export interface DifferenceInterval {
  /** p2 − p1 (latest minus previous). */
  difference: number;
  lower: number;
  upper: number;
  /** True when the interval excludes 0 (judged on the unrounded bounds). */
  significant: boolean;
}

/**
 * Newcombe hybrid score interval (Newcombe 1998, method 10) for the change between two
 * independent proportions, p2 − p1, where (x1, n1) is the PREVIOUS period and (x2, n2) the LATEST.
 * A positive difference therefore means the figure went up.
 *
 * With Wilson intervals (l1, u1) for p1 and (l2, u2) for p2:
 *   lower = (p2 − p1) − √((p2 − l2)² + (u1 − p1)²)
 *   upper = (p2 − p1) + √((u2 − p2)² + (p1 − l1)²)
 * (Newcombe states it for p1 − p2; this is the same interval with the sign flipped.)
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = Z_95): DifferenceInterval {
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p2 - p1;
  const lower = difference - Math.hypot(p2 - w2.lower, w1.upper - p1);
  const upper = difference + Math.hypot(w2.upper - p2, p1 - w1.lower);
  return { difference, lower, upper, significant: lower > 0 || upper < 0 };
}

/**
 * Newcombe interval in percentage points, rounded to 1 dp for publication. The difference is
 * rounded from the exact counts (100·(x2·n1 − x1·n2)/(n1·n2)); significance comes from the
 * unrounded interval, so a bound that rounds to 0.0 can still be significant.
 */
export function newcombePercent(x1: number, n1: number, x2: number, n2: number, z = Z_95): DifferenceInterval {
  const d = newcombeDifference(x1, n1, x2, n2, z);
  return {
    difference: roundRatio(100 * (x2 * n1 - x1 * n2), n1 * n2, 1),
    lower: roundHalfAwayFromZero(100 * d.lower, 1),
    upper: roundHalfAwayFromZero(100 * d.upper, 1),
    significant: d.significant,
  };
}

/** A proportion (0..1) as a percent rounded to 1 dp. */
export function proportionToPercent(p: number): number {
  return roundHalfAwayFromZero(100 * p, 1);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function assertSafeInteger(v: number, name: string): void {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${name} must be an integer, got ${v}`);
}

function assertCounts(numerator: number, n: number): void {
  assertSafeInteger(numerator, "numerator");
  assertSafeInteger(n, "n");
  if (n <= 0) throw new RangeError(`n must be positive, got ${n}`);
  if (numerator < 0 || numerator > n) throw new RangeError(`numerator must be in 0..n, got ${numerator} of ${n}`);
}

function assertZ(z: number): void {
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be positive, got ${z}`);
}

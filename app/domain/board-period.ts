/**
 * Which period a board view opens on when nobody has chosen one. Pure: the caller passes the
 * periods, their headline cells and today's London date, so the answer never depends on when
 * the code happens to run.
 */
import { comparePeriods, periodRange, periodTypeOf } from "./periods";

/** The fields of a published (SDC-1 applied) KPI cell this rule reads. */
export interface HeadlineCell {
  time_period: string;
  segment_type: string;
  percent: number | null;
}

export interface OpeningPeriod {
  /** The period to open on; null when there are no periods at all. */
  period: string | null;
  /** Periods after it that have begun and have responses, but no published headline figure yet. */
  tooFewLater: string[];
}

/**
 * The latest period with published figures, precisely:
 *
 * 1. Candidates are `periods` (labels of one period type, each with at least one response)
 *    whose first day is on or before `today` (a London date, "YYYY-MM-DD"). If none has begun
 *    (a clock behind the data), or `today` is null, every period is a candidate.
 * 2. A candidate is published when at least one of its headline cells (segment type `all`, one
 *    per KPI) has a percent, i.e. is not suppressed: its n is at least 10 (SDC-1 rule 1; the
 *    `all` row is never suppressed by rule 2).
 * 3. The answer is the latest published candidate; when no candidate is published, the latest
 *    candidate (its suppressed tiles then say why nothing is shown); null when there are no periods.
 *
 * So on 2 December, when the stocktake half-year that began the day before has a handful of
 * answers, the board opens on the half-year that ended on 30 November, and the new one is named
 * in `tooFewLater`.
 */
export function latestPublishedPeriod(input: {
  periods: readonly string[];
  headline: readonly HeadlineCell[];
  today: string | null;
}): OpeningPeriod {
  if (input.periods.length === 0) return { period: null, tooFewLater: [] };
  const sorted = [...new Set(input.periods)].sort(comparePeriods);
  const { today } = input;
  const begun = today === null ? sorted : sorted.filter((p) => periodRange(periodTypeOf(p), p).start <= today);
  const candidates = begun.length > 0 ? begun : sorted;
  const published = new Set(input.headline.filter((c) => c.segment_type === "all" && c.percent !== null).map((c) => c.time_period));
  const period = [...candidates].reverse().find((p) => published.has(p)) ?? candidates[candidates.length - 1];
  return { period, tooFewLater: candidates.filter((p) => comparePeriods(p, period) > 0) };
}

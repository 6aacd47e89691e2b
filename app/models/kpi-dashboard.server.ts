/**
 * KPI cells from the monthly summary (kpi-summary.server.ts), SDC-1 applied, and the board
 * dashboard: one period's cells and the change from the period before.
 */
import { sql } from "kysely";
import type { DB } from "~/db.server";
import { ALL_SEGMENT, buildBreakdownCells, buildCell, suppressSmallCells, UNKNOWN_SEGMENT_VALUE, type KpiCell } from "~/domain/kpi-cells";
import { type OptionCounts } from "~/domain/kpi-scoring";
import { type KpiScore } from "~/domain/kpi-scoring";
import { latestPublishedPeriod } from "~/domain/board-period";
import { comparePeriods, londonDate, periodOf, periodRange, PERIOD_TYPES, previousPeriod, type PeriodType } from "~/domain/periods";
import { newcombePercent, type DifferenceInterval } from "~/domain/statistics";
import { AUDIENCES } from "~/domain/survey";
import { RESPONSE_MODES } from "~/domain/response-modes";
import { nextMonth, refreshWith, RESPONDENTS_CODE } from "./kpi-summary.server";
import { indexQuestionCode, KpiRequestError, summaryContext, type KpiResultCell, type SummaryContext } from "./kpi-survey.server";

// ------------------------------------------------------------------------------------------------
// Cells

export interface KpiCellsOptions {
  forumId: string;
  surveyId: string;
  periodType: PeriodType;
  /** A segment code (surveySegments) for breakdown rows; the `all` rows are always included. */
  by?: string;
  /** Period labels of `periodType`; default: every period with at least one response. */
  periods?: string[];
}

/**
 * The published KPI cells of a survey: the `all` row of every applicable KPI for every period,
 * plus, with `by`, one row per segment value with a response in the period (`unknown` included),
 * SDC-1 applied to every row. Ordered by period (oldest first), KPI (register order), then the
 * `all` row and the segment values.
 *
 * Every period is computed under the CURRENT version of each KPI definition (cells carry
 * `kpi_version`): the figures are recounted from the raw monthly counts, which is exactly what
 * makes them comparable across waves. A trend never mixes two definitions.
 */
export async function computeKpiCells(db: DB, options: KpiCellsOptions): Promise<KpiResultCell[]> {
  const ctx = await summaryContext(db, options.forumId, options.surveyId);
  checkCellsOptions(ctx, options);
  await refreshWith(db, ctx);
  const periods = options.periods ?? (await periodsFromSummary(db, ctx, options.periodType));
  return cellsFromSummary(db, ctx, { periodType: options.periodType, periods, by: options.by, includeAll: true });
}

/** The periods of `periodType` with at least one submitted response, oldest first. */
export async function periodsWithResponses(db: DB, forumId: string, surveyId: string, periodType: PeriodType): Promise<string[]> {
  const ctx = await summaryContext(db, forumId, surveyId);
  await refreshWith(db, ctx);
  return periodsFromSummary(db, ctx, periodType);
}

export function checkCellsOptions(ctx: SummaryContext, options: { periodType: PeriodType; by?: string; periods?: string[] }): void {
  if (!PERIOD_TYPES.includes(options.periodType)) {
    throw new KpiRequestError("bad_period", `Unknown period type "${String(options.periodType)}": use ${PERIOD_TYPES.join(", ")}.`);
  }
  if (options.by !== undefined && !ctx.segments.includes(options.by)) {
    throw new KpiRequestError("unknown_segment", `This survey has no segment "${options.by}": use one of ${ctx.segments.join(", ")}.`);
  }
  for (const period of options.periods ?? []) {
    try {
      periodRange(options.periodType, period);
    } catch {
      throw new KpiRequestError("bad_period", `"${period}" is not a ${options.periodType.replace("_", " ")} period.`);
    }
  }
}

export async function periodsFromSummary(db: DB, ctx: SummaryContext, periodType: PeriodType): Promise<string[]> {
  const rows = await db
    .selectFrom("kpi_summary_months")
    .select("month")
    .where("forum_id", "=", ctx.survey.forumId)
    .where("survey_id", "=", ctx.survey.id)
    .where("responses", ">", 0)
    .execute();
  const periods = new Set(rows.map((r) => periodOf(periodType, `${r.month}-01`)));
  return [...periods].sort(comparePeriods);
}

/** The calendar months "YYYY-MM" of a period. */
function monthsOf(periodType: PeriodType, period: string): string[] {
  const { start, end } = periodRange(periodType, period);
  const months: string[] = [];
  for (let month = start.slice(0, 7); month <= end.slice(0, 7); month = nextMonth(month)) months.push(month);
  return months;
}

/** Display order of a breakdown's values: the survey's option order, others by code, `unknown` last. */
function segmentValueOrder(ctx: SummaryContext, segment: string): (a: string, b: string) => number {
  let known: readonly string[] = [];
  if (segment === "language") known = ctx.survey.definition.languages;
  else if (segment === "respondent_role") known = AUDIENCES;
  else if (segment === "mode") known = RESPONSE_MODES;
  else known = (ctx.survey.definition.questions.find((q) => q.code === segment)?.options ?? []).map((o) => o.code);
  const rank = (v: string) => {
    if (v === UNKNOWN_SEGMENT_VALUE) return Number.MAX_SAFE_INTEGER;
    const i = known.indexOf(v);
    return i === -1 ? known.length : i;
  };
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface CellsRequest {
  periodType: PeriodType;
  periods: string[];
  by?: string;
  /** false: breakdown rows only (an export adds the `all` rows once). */
  includeAll: boolean;
  /** Let other requests run between the summary queries (exports). */
  yieldBetweenQueries?: boolean;
}

/** Months read per summary query: a quarter, so each synchronous SQLite step stays short. */
const MONTHS_PER_QUERY = 3;

/** Sums months into periods with SQL and builds the suppressed cells. The summary must be fresh. */
export async function cellsFromSummary(db: DB, ctx: SummaryContext, request: CellsRequest): Promise<KpiResultCell[]> {
  const { periodType, by, includeAll } = request;
  const periods = [...new Set(request.periods)].sort(comparePeriods);
  const segmentTypes = [...(includeAll ? [ALL_SEGMENT] : []), ...(by ? [by] : [])];
  if (periods.length === 0 || ctx.kpis.length === 0 || segmentTypes.length === 0) return [];

  const periodOfMonth = new Map<string, string>();
  for (const period of periods) for (const month of monthsOf(periodType, period)) periodOfMonth.set(month, period);
  const months = [...periodOfMonth.keys()].sort();
  const questionCodes = ctx.kpis.map((k) => (k.kind === "ehcp_quality_index" ? indexQuestionCode(k.id) : k.question));
  const wanted = [...new Set([...questionCodes, RESPONDENTS_CODE])];

  // counts[period][segment_type][segment_value][question_code] = { option: n }
  const counts = new Map<string, Map<string, Map<string, Map<string, Record<string, number>>>>>();
  // A few months per query, each summed into periods in SQL (CASE month … GROUP BY) and the
  // batches added up here: every synchronous step stays short, so a long export yields often.
  for (let i = 0; i < months.length; i += MONTHS_PER_QUERY) {
    if (request.yieldBetweenQueries && i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const batch = months.slice(i, i + MONTHS_PER_QUERY);
    const periodCase = sql<string>`case month ${sql.join(
      batch.map((m) => sql`when ${m} then cast(${periodOfMonth.get(m)} as text)`),
      sql` `,
    )} end`;
    const rows = await db
      .selectFrom("kpi_month_counts")
      .select([
        periodCase.as("period"),
        "segment_type",
        "segment_value",
        "question_code",
        "option_code",
        (eb) => eb.fn.sum<number>("n").as("n"),
      ])
      .where("forum_id", "=", ctx.survey.forumId)
      .where("survey_id", "=", ctx.survey.id)
      .where("segment_type", "in", segmentTypes)
      .where("month", "in", batch)
      .where("question_code", "in", wanted)
      // Positional: PostgreSQL would not match a repeated CASE whose parameters are renumbered.
      .groupBy([sql`1`, "segment_type", "segment_value", "question_code", "option_code"])
      .execute();
    for (const row of rows) {
      const bySegment = getOrSet(counts, row.period, () => new Map());
      const byValue = getOrSet(bySegment, row.segment_type, () => new Map());
      const byQuestion = getOrSet(byValue, row.segment_value, () => new Map());
      const options = getOrSet(byQuestion, row.question_code, () => ({}) as Record<string, number>);
      options[row.option_code] = (options[row.option_code] ?? 0) + Number(row.n);
    }
  }

  // Segment values with at least one response in each period (the breakdown's rows).
  const responded = new Map<string, string[]>();
  if (by) {
    for (const [period, bySegment] of counts) {
      const values = [...(bySegment.get(by)?.entries() ?? [])]
        .filter(([, byQuestion]) => (byQuestion.get(RESPONDENTS_CODE)?.all ?? 0) > 0)
        .map(([value]) => value);
      responded.set(period, values.sort(segmentValueOrder(ctx, by)));
    }
  }

  const cells: KpiCell[] = [];
  const versions: number[] = [];
  for (const period of periods) {
    const context = { time_period: period, time_identifier: periodType, survey: ctx.survey.slug };
    const optionCounts = (segmentType: string, value: string, questionCode: string): OptionCounts =>
      counts.get(period)?.get(segmentType)?.get(value)?.get(questionCode) ?? {};
    for (const kpi of ctx.kpis) {
      const isIndex = kpi.kind === "ehcp_quality_index";
      const code = isIndex ? indexQuestionCode(kpi.id) : kpi.question;
      if (includeAll) {
        const c = optionCounts(ALL_SEGMENT, ALL_SEGMENT, code);
        cells.push(
          buildCell({
            ...context,
            segment_type: ALL_SEGMENT,
            segment_value: ALL_SEGMENT,
            kpi,
            target: kpi.target,
            ...(isIndex ? { score: indexScore(c) } : { counts: c }),
          }),
        );
        versions.push(kpi.version);
      }
      if (by) {
        const values = responded.get(period) ?? [];
        const common = { ...context, segment_type: by, kpi, target: kpi.target, respondedValues: values };
        const perValue = (value: string) => optionCounts(by, value, code);
        const rows = isIndex
          ? buildBreakdownCells({ ...common, scoresByValue: Object.fromEntries(values.map((v) => [v, indexScore(perValue(v))])) })
          : buildBreakdownCells({ ...common, countsByValue: Object.fromEntries(values.map((v) => [v, perValue(v)])) });
        cells.push(...rows);
        for (let i = 0; i < rows.length; i++) versions.push(kpi.version);
      }
    }
  }
  return suppressSmallCells(cells).map((cell, i) => ({ ...cell, kpi_version: versions[i] }));
}

/** An index KPI's score from its per-respondent classes. */
export function indexScore(classes: OptionCounts): KpiScore {
  const positive = classes.positive ?? 0;
  return { n: positive + (classes.in_base ?? 0), numerator: positive, negative: null };
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

// ------------------------------------------------------------------------------------------------
// Change between periods, and the dashboard

export interface KpiChange {
  kpi_id: string;
  segment_type: string;
  segment_value: string;
  time_period: string;
  previous_period: string;
  /**
   * Latest minus previous in percentage points with its Newcombe (method 10) interval, rounded to
   * 1 dp; `significant` when the interval excludes 0. Null when either cell is suppressed.
   */
  change: DifferenceInterval | null;
}

/**
 * The change from the previous period for every cell of `period`, from published (SDC-1) cells:
 * a suppressed cell in either period gives no change, so nothing suppressed leaks through it.
 */
export function changeFromPrevious(cells: readonly KpiCell[], period: string): KpiChange[] {
  const key = (c: { time_period: string; kpi_id: string; segment_type: string; segment_value: string }) =>
    [c.time_period, c.kpi_id, c.segment_type, c.segment_value].join("\u0000");
  const index = new Map(cells.map((c) => [key(c), c]));
  return cells
    .filter((c) => c.time_period === period)
    .map((current) => {
      const previous_period = previousPeriod(current.time_identifier, period);
      const before = index.get(key({ ...current, time_period: previous_period }));
      const usable = (c: KpiCell | undefined): c is KpiCell & { n: number; numerator: number } =>
        c !== undefined && c.n !== null && c.numerator !== null && c.n > 0;
      return {
        kpi_id: current.kpi_id,
        segment_type: current.segment_type,
        segment_value: current.segment_value,
        time_period: period,
        previous_period,
        change: usable(current) && usable(before) ? newcombePercent(before.numerator, before.n, current.numerator, current.n) : null,
      };
    });
}

export interface KpiDashboard {
  /**
   * The period asked for or, by default, latestPublishedPeriod's: the latest period that has begun
   * in which at least one KPI's `all` figure is published (SDC-1), else the latest with
   * responses; null when the survey has none.
   */
  period: string | null;
  previousPeriod: string | null;
  /** Every period with responses, oldest first: what the board may choose from. */
  periods: string[];
  /** Periods after `period` that have responses but no published figure yet (too few answers). */
  tooFewLater: string[];
  /** Cells of `period`: `all` rows and, with `by`, the breakdown. SDC-1 applied. */
  cells: KpiResultCell[];
  /** Change from the previous period for each cell of `period`. */
  changes: KpiChange[];
}

/**
 * Everything the board dashboard shows for one survey: one period's cells (one breakdown) and
 * the change from the period before. Without a period it opens on the latest period that has a
 * published figure (latestPublishedPeriod, as of `now`), so the first days of a new half-year (a
 * handful of answers, all suppressed) never blank the board: the new period is named as having
 * too few answers yet. Without `now`, a period that has not begun is not set aside.
 */
export async function kpiDashboard(
  db: DB,
  options: Omit<KpiCellsOptions, "periods"> & { period?: string; now?: Date },
): Promise<KpiDashboard> {
  const ctx = await summaryContext(db, options.forumId, options.surveyId);
  checkCellsOptions(ctx, { ...options, periods: options.period ? [options.period] : undefined });
  await refreshWith(db, ctx);
  const periods = await periodsFromSummary(db, ctx, options.periodType);
  const opening = options.period
    ? { period: options.period, tooFewLater: [] }
    : await openingPeriod(db, ctx, options.periodType, periods, options.now ? londonDate(options.now) : null);
  const period = opening.period;
  if (period === null) return { period: null, previousPeriod: null, periods, tooFewLater: [], cells: [], changes: [] };
  const before = previousPeriod(options.periodType, period);
  const cells = await cellsFromSummary(db, ctx, {
    periodType: options.periodType,
    periods: [before, period],
    by: options.by,
    includeAll: true,
  });
  return {
    period,
    previousPeriod: before,
    periods,
    tooFewLater: opening.tooFewLater,
    cells: cells.filter((c) => c.time_period === period),
    changes: changeFromPrevious(cells, period),
  };
}

/** The period to open on (latestPublishedPeriod), from the headline cells of every period. */
async function openingPeriod(db: DB, ctx: SummaryContext, periodType: PeriodType, periods: string[], today: string | null) {
  if (periods.length === 0) return { period: null, tooFewLater: [] };
  const headline = await cellsFromSummary(db, ctx, { periodType, periods, includeAll: true });
  return latestPublishedPeriod({ periods, headline, today });
}

/**
 * The KPI engine: every published KPI figure is computed here (the methodology page describes how).
 *
 * Raw answers → monthly summary (SQL aggregates) → periods (sums of months) → scoreCounts /
 * buildCell → suppressSmallCells (SDC-1). Only SDC-1 output leaves this module.
 *
 * The summary. Every period type (quarter, stocktake, academic year) is a union of calendar
 * months, so counts are kept per survey month, in kpi_month_counts: responses per question ×
 * option × segment value (segment_type `all` for the whole month), plus two derived codes:
 * `__respondents` (submitted responses, so a breakdown lists every value that had a response
 * even where a KPI's base is 0) and `__index:<kpi id>` (an index KPI such as K6i, classified per
 * respondent in SQL: positive / in_base / outside_base).
 * - kpi_counted_responses lists the responses the summary counts. A new submission in a counted
 *   month adds only its own counts, so the realistic dashboard case stays cheap however large
 *   the month; a withdrawal, or a change of basis, recounts the whole month.
 * - kpi_summary_months records the basis each month was counted on (the survey's segment
 *   questions and the index definitions); a month counted on another basis is recounted.
 * - Retention (models/retention.server.ts) counts a month, then deletes its raw responses and
 *   seals it: a sealed month is never recounted, so its figures outlive the rows.
 * Submissions, withdrawals and imports mark their month in kpi_stale_months in their own
 * transaction; refreshing a month clears its mark in the transaction that recounts it.
 *
 * Portable SQL for SQLite and PostgreSQL; no row-by-row work in JavaScript.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { sql, type RawBuilder } from "kysely";
import { isPostgres } from "~/models/dialect.server";
import { openDatabase, type DB } from "~/db.server";
import {
  ALL_SEGMENT,
  buildBreakdownCells,
  buildCell,
  EHCP_QUALITY_INDEX_MINIMUM,
  suppressSmallCells,
  UNKNOWN_SEGMENT_VALUE,
  type KpiCell,
  type KpiScore,
  type OptionCounts,
} from "~/domain/kpi-cells";
import { comparePeriods, periodOf, periodRange, PERIOD_TYPES, previousPeriod, type PeriodType } from "~/domain/periods";
import { newcombePercent, type DifferenceInterval } from "~/domain/statistics";
import { tidyCsvChunks } from "~/domain/tidy-csv";
import { AUDIENCES, type SurveyDefinition } from "~/domain/survey";
import { listKpis, type RegisteredKpi } from "./kpi-register.server";
import { markKpisStale } from "./kpi-stale.server";

/** A published cell, plus the version of the KPI definition it was computed under (not a CSV column). */
export type KpiResultCell = KpiCell & { kpi_version: number };

/** Segments that come from the response itself rather than from a segment question. */
export const RESPONSE_SEGMENTS = ["language", "respondent_role"] as const;

/** Derived question code under which an index KPI's per-respondent classes are counted. */
export function indexQuestionCode(kpiId: string): string {
  return `__index:${kpiId}`;
}

export type KpiRequestProblem = "survey_not_found" | "unknown_segment" | "bad_period";

/** A request the engine cannot answer (unknown survey, segment or period): the caller's mistake. */
export class KpiRequestError extends Error {
  constructor(
    readonly problem: KpiRequestProblem,
    message: string,
  ) {
    super(message);
    this.name = "KpiRequestError";
  }
}

// ------------------------------------------------------------------------------------------------
// The survey and what applies to it

export interface KpiSurvey {
  id: string;
  forumId: string;
  slug: string;
  definition: SurveyDefinition;
}

interface SummaryContext {
  survey: KpiSurvey;
  /** Register KPIs (current versions) whose questions the survey's current definition has. */
  kpis: RegisteredKpi[];
  /** Segment questions answered in the survey (not language or respondent_role). */
  segmentQuestions: string[];
  /** Every segment code a breakdown may use, in display order. */
  segments: string[];
  indexes: RegisteredKpi[];
  /** What the summary is built on; a month summarised on another basis is recounted. */
  basis: string;
}

// A published version never changes, so its parsed definition can be kept.
const definitionCache = new Map<string, SurveyDefinition>();

async function loadSurvey(db: DB, forumId: string, surveyId: string): Promise<KpiSurvey> {
  const row = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.forum_id", "surveys.slug", "survey_versions.id as version_id", "survey_versions.definition"])
    .where("surveys.id", "=", surveyId)
    .where("surveys.forum_id", "=", forumId)
    .executeTakeFirst();
  if (!row) throw new KpiRequestError("survey_not_found", "There is no published survey with that id in this forum.");
  let definition = definitionCache.get(row.version_id);
  if (!definition) {
    definition = JSON.parse(row.definition) as SurveyDefinition;
    definitionCache.set(row.version_id, definition);
  }
  return { id: row.id, forumId: row.forum_id, slug: row.slug, definition };
}

/** The survey's segment questions, minus codes the response itself supplies. */
function segmentQuestionCodes(definition: SurveyDefinition): string[] {
  const reserved = new Set<string>([ALL_SEGMENT, ...RESPONSE_SEGMENTS]);
  return definition.questions.filter((q) => q.role === "segment" && !reserved.has(q.code)).map((q) => q.code);
}

/** The segment codes a breakdown of this survey may use: its segment questions, language, respondent_role. */
export function surveySegments(definition: SurveyDefinition): string[] {
  return [...segmentQuestionCodes(definition), ...RESPONSE_SEGMENTS];
}

/**
 * KPIs apply to a survey whose current definition has every question they score. Segment
 * questions are breakdowns, not KPIs: the summary does not count them as answers.
 */
export function kpiApplies(kpi: RegisteredKpi, definition: SurveyDefinition): boolean {
  const codes = new Set(definition.questions.filter((q) => q.role !== "segment").map((q) => q.code));
  if (kpi.kind === "ehcp_quality_index") return (kpi.questions ?? []).length > 0 && (kpi.questions ?? []).every((q) => codes.has(q));
  return codes.has(kpi.question);
}

async function summaryContext(db: DB, forumId: string, surveyId: string): Promise<SummaryContext> {
  const survey = await loadSurvey(db, forumId, surveyId);
  const kpis = (await listKpis(db, forumId)).filter((k) => kpiApplies(k, survey.definition));
  const segmentQuestions = segmentQuestionCodes(survey.definition);
  const indexes = kpis.filter((k) => k.kind === "ehcp_quality_index");
  const sorted = (codes: readonly string[] | undefined) => [...(codes ?? [])].sort();
  const basis = JSON.stringify({
    v: 1,
    segments: sorted(segmentQuestions),
    indexes: indexes
      .map((k) => ({
        id: k.id,
        questions: sorted(k.questions),
        positive: sorted(k.positive),
        excluded: sorted(k.excluded),
        minimum: EHCP_QUALITY_INDEX_MINIMUM,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  });
  return { survey, kpis, segmentQuestions, segments: surveySegments(survey.definition), indexes, basis };
}

/** The KPIs that apply to a survey, current versions, in register order. */
export async function applicableKpis(db: DB, forumId: string, surveyId: string): Promise<RegisteredKpi[]> {
  return (await summaryContext(db, forumId, surveyId)).kpis;
}

/** The segment codes a breakdown of the survey may use. */
export async function kpiSegments(db: DB, forumId: string, surveyId: string): Promise<string[]> {
  return surveySegments((await loadSurvey(db, forumId, surveyId)).definition);
}

// ------------------------------------------------------------------------------------------------
// Refreshing the monthly summary

/** Derived question code (option `all`) counting submitted responses per segment value. */
export const RESPONDENTS_CODE = "__respondents";

/** Above this many new responses a month is recounted whole rather than added to. */
const INCREMENTAL_LIMIT = 500;

export type MonthRefresh = "incremental" | "full" | "skipped";

export interface RefreshReport {
  months: { month: string; refresh: MonthRefresh }[];
}

/**
 * Brings the survey's monthly summary up to date: every stale month (and every month summarised
 * on an older basis) is brought up to date in its own transaction, which also clears its mark.
 * `reconcile` also compares each month's count of submitted responses with the summary's and
 * recounts any month that differs: a safety net for exports, too slow for every page view.
 */
export async function refreshKpiSummary(
  db: DB,
  forumId: string,
  surveyId: string,
  options: { reconcile?: boolean } = {},
): Promise<RefreshReport> {
  const ctx = await summaryContext(db, forumId, surveyId);
  return refreshWith(db, ctx, options);
}

async function refreshWith(db: DB, ctx: SummaryContext, options: { reconcile?: boolean } = {}): Promise<RefreshReport> {
  const surveyId = ctx.survey.id;
  const onOtherBasis = await db
    .selectFrom("kpi_summary_months")
    .select("month")
    .where("survey_id", "=", surveyId)
    .where("basis", "<>", ctx.basis)
    .where("sealed_at", "is", null)
    .execute();
  const extra = onOtherBasis.map((r) => r.month);
  if (options.reconcile) extra.push(...(await unreconciledMonths(db, ctx)));
  if (extra.length > 0)
    await markKpisStale(
      db,
      surveyId,
      extra.map((m) => `${m}-01`),
    );

  const stale = await db.selectFrom("kpi_stale_months").select("month").where("survey_id", "=", surveyId).orderBy("month").execute();
  const report: RefreshReport = { months: [] };
  for (const { month } of stale) report.months.push({ month, refresh: await refreshMonth(db, ctx, month) });
  return report;
}

/**
 * Months whose count of submitted responses differs from the count the summary holds. Month by
 * month, each two index range counts, yielding to the event loop in between, so a large survey
 * never holds up other requests for long.
 */
async function unreconciledMonths(db: DB, ctx: SummaryContext): Promise<string[]> {
  const span = await db
    .selectFrom("responses")
    .select((eb) => [eb.fn.min("submitted_on").as("first"), eb.fn.max("submitted_on").as("last")])
    .where("survey_id", "=", ctx.survey.id)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  const summarised = await db
    .selectFrom("kpi_summary_months")
    .select(["month", "sealed_at"])
    .where("survey_id", "=", ctx.survey.id)
    .execute();
  const months = new Set(summarised.map((r) => r.month));
  if (span?.first && span.last) {
    for (let month = span.first.slice(0, 7); month <= span.last.slice(0, 7); month = nextMonth(month)) months.add(month);
  }
  // A sealed month's raw responses were deleted by retention: its counts are final.
  for (const r of summarised) if (r.sealed_at) months.delete(r.month);
  const differ: string[] = [];
  for (const month of [...months].sort()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if ((await countMonthResponses(db, ctx, month)) !== (await countCounted(db, ctx, month))) differ.push(month);
  }
  return differ;
}

function nextMonth(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${String(year + 1).padStart(4, "0")}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, "0")}`;
}

/** PostgreSQL serialization failures and deadlocks are retried; the work is idempotent. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
}

/**
 * Brings one month up to date in one transaction. The transaction starts by deleting the month's
 * stale mark: if another refresh already cleared it there is nothing to do, and a submission that
 * marks the month while this runs waits for it and leaves its mark for the next refresh.
 * On PostgreSQL the transaction is REPEATABLE READ so every statement sees the same responses;
 * SQLite serialises writers, which gives the same guarantee.
 */
async function refreshMonth(db: DB, ctx: SummaryContext, month: string): Promise<MonthRefresh> {
  if (db.isTransaction) return refreshMonthIn(db, ctx, month);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((trx) => refreshMonthIn(trx, ctx, month));
      if (outcome !== "skipped" && isPostgres(db)) await recheckMonth(db, ctx, month);
      return outcome;
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error)) throw error;
    }
  }
}

/**
 * PostgreSQL only: a submission whose month was already marked takes no lock on the mark, so it
 * can commit just after the refresh's snapshot. If the month's count moved, mark it again.
 */
async function recheckMonth(db: DB, ctx: SummaryContext, month: string): Promise<void> {
  const responses = await countMonthResponses(db, ctx, month);
  const counted = await countCounted(db, ctx, month);
  if (responses !== counted) await markKpisStale(db, ctx.survey.id, [`${month}-01`]);
}

/** The first and last London dates a month can hold, for range conditions on submitted_on. */
function monthSpan(month: string): [string, string] {
  return [`${month}-01`, `${month}-31`];
}

// The survey was checked against its forum in loadSurvey; the refresh's own queries go by
// survey_id alone so that they read the (survey_id, status, submitted_on, id) index, not the table.
async function countMonthResponses(db: DB, ctx: SummaryContext, month: string): Promise<number> {
  const [first, last] = monthSpan(month);
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("survey_id", "=", ctx.survey.id)
    .where("status", "=", "submitted")
    .where("submitted_on", ">=", first)
    .where("submitted_on", "<=", last)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countCounted(db: DB, ctx: SummaryContext, month: string): Promise<number> {
  const [first, last] = monthSpan(month);
  const row = await db
    .selectFrom("kpi_counted_responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("survey_id", "=", ctx.survey.id)
    .where("submitted_on", ">=", first)
    .where("submitted_on", "<=", last)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The month's submitted responses the summary does not count yet. Both sides come from indexes
 * in the same order, so SQLite merges the two ranges in one pass (PostgreSQL hashes or sorts).
 */
async function uncountedResponseIds(db: DB, ctx: SummaryContext, month: string): Promise<string[]> {
  const [first, last] = monthSpan(month);
  const { rows } = await sql<{ submitted_on: string; id: string }>`
    select submitted_on, id from responses
    where survey_id = ${ctx.survey.id} and status = 'submitted' and submitted_on >= ${first} and submitted_on <= ${last}
    except
    select submitted_on, response_id from kpi_counted_responses
    where survey_id = ${ctx.survey.id} and submitted_on >= ${first} and submitted_on <= ${last}
    order by 1, 2`.execute(db);
  return rows.map((r) => r.id);
}

async function refreshMonthIn(trx: DB, ctx: SummaryContext, month: string): Promise<MonthRefresh> {
  const surveyId = ctx.survey.id;
  const cleared = await trx.deleteFrom("kpi_stale_months").where("survey_id", "=", surveyId).where("month", "=", month).executeTakeFirst();
  if (Number(cleared.numDeletedRows) === 0) return "skipped";

  const state = await trx
    .selectFrom("kpi_summary_months")
    .select(["basis", "responses", "sealed_at"])
    .where("survey_id", "=", surveyId)
    .where("month", "=", month)
    .executeTakeFirst();
  // Retention deleted this month's raw responses after counting them: the counts are final.
  if (state?.sealed_at) return "skipped";

  const [first, last] = monthSpan(month);
  let refresh: MonthRefresh = "full";
  let fresh: string[] = [];
  let counted = 0;
  if (state?.basis === ctx.basis) {
    // Responses in the month now = counted ones still there + new ones, so the number of
    // counted responses that have gone (withdrawn) is counted + new − now. Only when none has
    // gone can the new ones simply be added.
    const now = await countMonthResponses(trx, ctx, month);
    fresh = await uncountedResponseIds(trx, ctx, month);
    if (Number(state.responses) + fresh.length - now === 0 && fresh.length <= INCREMENTAL_LIMIT) {
      refresh = "incremental";
      counted = now;
    }
  }

  if (refresh === "full") {
    await trx.deleteFrom("kpi_month_counts").where("survey_id", "=", surveyId).where("month", "=", month).execute();
    await trx
      .deleteFrom("kpi_counted_responses")
      .where("survey_id", "=", surveyId)
      .where("submitted_on", ">=", first)
      .where("submitted_on", "<=", last)
      .execute();
    await addToSummary(trx, ctx, month, null);
    counted = await countCounted(trx, ctx, month);
  } else if (fresh.length > 0) {
    await addToSummary(trx, ctx, month, fresh);
  }
  const refreshedAt = new Date().toISOString();
  await trx
    .insertInto("kpi_summary_months")
    .values({ forum_id: ctx.survey.forumId, survey_id: surveyId, month, basis: ctx.basis, responses: counted, refreshed_at: refreshedAt })
    .onConflict((oc) => oc.columns(["survey_id", "month"]).doUpdateSet({ basis: ctx.basis, responses: counted, refreshed_at: refreshedAt }))
    .execute();
  return refresh;
}

/**
 * Adds responses of a month to the summary in ONE statement, then lists them as counted:
 * `ids` null = every submitted response of the month (after a full delete), else just those.
 *
 * - mr: the responses; w: one row per response with its segment values (`unknown` when not
 *   answered) and each index KPI's class; wa: w joined to the response's option answers.
 * - Then one GROUP BY per segment type over wa (option counts), over w (responses, and
 *   index classes), all added to kpi_month_counts (an upsert that adds to existing counts).
 * Segment questions are single choice: a respondent counts under one value (the first chosen).
 * `w cross join answers`: SQLite then reads each response's answers by index, whatever it guesses
 * about the sizes; PostgreSQL plans it as the inner join it is.
 */
async function addToSummary(trx: DB, ctx: SummaryContext, month: string, ids: string[] | null): Promise<void> {
  const [first, last] = monthSpan(month);
  const text = (value: string) => sql`cast(${value} as text)`;
  const which = ids === null ? sql`` : sql`and r.id in (${sql.join(ids)})`;

  // Columns of w: s0, s1, … for the segments (in ctx.segments order), i0, i1, … for the indexes.
  const segmentColumns = ctx.segments.map((code, i) => {
    if (code === "language" || code === "respondent_role") {
      return sql`coalesce(nullif(mr.${sql.ref(code)}, ''), 'unknown') as ${sql.ref(`s${i}`)}`;
    }
    return sql`coalesce((select x.option_code from answers x
        where x.response_id = mr.id and x.question_code = ${code} and x.ordinal = 0), 'unknown') as ${sql.ref(`s${i}`)}`;
  });
  // Index KPIs (K6i), classified per respondent as classifyQualityIndexRespondent does:
  // valid = answered and not excluded; in the base with ≥ minimum valid answers; positive with
  // ≥ minimum agreeing. Null for a respondent who answered none of its statements.
  const minimum = sql.lit(EHCP_QUALITY_INDEX_MINIMUM);
  const indexColumns = ctx.indexes.map((kpi, i) => {
    const valid = kpi.excluded.length > 0 ? sql`x.option_code not in (${sql.join(kpi.excluded)})` : sql`1 = 1`;
    const agreeing = sql`x.option_code in (${sql.join(kpi.positive)})`;
    return sql`(select case
          when count(*) = 0 then null
          when count(distinct case when ${valid} then x.question_code end) < ${minimum} then 'outside_base'
          when count(distinct case when ${agreeing} then x.question_code end) >= ${minimum} then 'positive'
          else 'in_base'
        end
        from answers x
        where x.response_id = mr.id and x.question_code in (${sql.join(kpi.questions ?? [])}) and x.option_code is not null
      ) as ${sql.ref(`i${i}`)}`;
  });
  const notSegment = ctx.segmentQuestions.length > 0 ? sql`and a.question_code not in (${sql.join(ctx.segmentQuestions)})` : sql``;

  const types: { type: RawBuilder<unknown>; value: RawBuilder<unknown>; groupValue: boolean }[] = [
    { type: sql`'all'`, value: sql`'all'`, groupValue: false },
    ...ctx.segments.map((code, i) => ({ type: text(code), value: sql.ref(`s${i}`) as RawBuilder<unknown>, groupValue: true })),
  ];
  const parts: RawBuilder<unknown>[] = [];
  for (const { type, value, groupValue } of types) {
    const by = (...rest: RawBuilder<unknown>[]) => {
      const keys = [...(groupValue ? [value] : []), ...rest];
      return keys.length > 0 ? sql`group by ${sql.join(keys)}` : sql``;
    };
    parts.push(sql`select ${type} as t, ${value} as v, wa.q as q, wa.o as o, count(*) as n from wa ${by(sql`wa.q`, sql`wa.o`)}`);
    parts.push(sql`select ${type}, ${value}, ${text(RESPONDENTS_CODE)}, 'all', count(*) from w ${by()}`);
    ctx.indexes.forEach((kpi, i) => {
      const cls = sql.ref(`i${i}`);
      parts.push(
        sql`select ${type}, ${value}, ${text(indexQuestionCode(kpi.id))}, ${cls}, count(*) from w where ${cls} is not null ${by(cls)}`,
      );
    });
  }

  await sql`with
    mr as materialized (
      select r.id, r.language, r.respondent_role from responses r
      where r.survey_id = ${ctx.survey.id} and r.status = 'submitted'
        and r.submitted_on >= ${first} and r.submitted_on <= ${last} ${which}
    ),
    w as materialized (select mr.id, ${sql.join([...segmentColumns, ...indexColumns])} from mr),
    wa as materialized (
      select w.*, a.question_code as q, a.option_code as o
      from w cross join answers a
      where a.response_id = w.id and a.option_code is not null ${notSegment}
    )
    insert into kpi_month_counts (forum_id, survey_id, segment_type, month, segment_value, question_code, option_code, n)
    select ${text(ctx.survey.forumId)}, ${text(ctx.survey.id)}, t, ${text(month)}, v, q, o, n
    from (${sql.join(parts, sql` union all `)}) parts
    where n > 0
    on conflict (survey_id, segment_type, month, segment_value, question_code, option_code)
    do update set n = kpi_month_counts.n + excluded.n`.execute(trx);

  await sql`insert into kpi_counted_responses (survey_id, submitted_on, response_id)
    select r.survey_id, r.submitted_on, r.id from responses r
    where r.survey_id = ${ctx.survey.id} and r.status = 'submitted'
      and r.submitted_on >= ${first} and r.submitted_on <= ${last} ${which}`.execute(trx);
}

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

function checkCellsOptions(ctx: SummaryContext, options: { periodType: PeriodType; by?: string; periods?: string[] }): void {
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

async function periodsFromSummary(db: DB, ctx: SummaryContext, periodType: PeriodType): Promise<string[]> {
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
  else known = (ctx.survey.definition.questions.find((q) => q.code === segment)?.options ?? []).map((o) => o.code);
  const rank = (v: string) => {
    if (v === UNKNOWN_SEGMENT_VALUE) return Number.MAX_SAFE_INTEGER;
    const i = known.indexOf(v);
    return i === -1 ? known.length : i;
  };
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

interface CellsRequest {
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
async function cellsFromSummary(db: DB, ctx: SummaryContext, request: CellsRequest): Promise<KpiResultCell[]> {
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
function indexScore(classes: OptionCounts): KpiScore {
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
   * The period asked for or, by default, the latest period in which at least one KPI's `all`
   * figure is published (SDC-1), else the latest with responses; null when the survey has none.
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
 * published figure, so the first days of a new half-year (a handful of answers, all suppressed)
 * never blank the board: the new period is named as having too few answers yet.
 */
export async function kpiDashboard(db: DB, options: Omit<KpiCellsOptions, "periods"> & { period?: string }): Promise<KpiDashboard> {
  const ctx = await summaryContext(db, options.forumId, options.surveyId);
  checkCellsOptions(ctx, { ...options, periods: options.period ? [options.period] : undefined });
  await refreshWith(db, ctx);
  const periods = await periodsFromSummary(db, ctx, options.periodType);
  const period = options.period ?? (await latestPublishedPeriod(db, ctx, options.periodType, periods));
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
    tooFewLater: options.period ? [] : periods.filter((p) => comparePeriods(p, period) > 0),
    cells: cells.filter((c) => c.time_period === period),
    changes: changeFromPrevious(cells, period),
  };
}

/** The latest of `periods` with a published `all` figure for some KPI; else the latest; null for none. */
async function latestPublishedPeriod(db: DB, ctx: SummaryContext, periodType: PeriodType, periods: string[]): Promise<string | null> {
  if (periods.length === 0) return null;
  const cells = await cellsFromSummary(db, ctx, { periodType, periods, includeAll: true });
  const published = new Set(cells.filter((c) => c.segment_type === ALL_SEGMENT && c.percent !== null).map((c) => c.time_period));
  return [...periods].reverse().find((p) => published.has(p)) ?? periods[periods.length - 1];
}

// ------------------------------------------------------------------------------------------------
// Export

export interface KpiExportOptions {
  forumId: string;
  surveyId: string;
  /** Default: every period type. */
  periodTypes?: readonly PeriodType[];
  /** Breakdowns to include; default: every segment of the survey. */
  segments?: readonly string[];
  /** Periods per chunk: small chunks keep each synchronous SQLite query short. */
  periodsPerChunk?: number;
  /**
   * Recount any month whose response count differs from the summary's first. Default: on
   * PostgreSQL, where a submission can commit just after a refresh's snapshot; SQLite
   * serialises writers, so no mark can be lost there and the check would only cost time.
   */
  reconcile?: boolean;
}

/**
 * The full tidy export as a stream of cell chunks: for each period type, the `all` rows and then
 * each breakdown, a few periods at a time, yielding to the event loop between chunks so a
 * running export never stalls other requests. Pipe through tidyCsvLines.
 */
export async function* exportKpiCells(db: DB, options: KpiExportOptions): AsyncGenerator<KpiResultCell[]> {
  const ctx = await summaryContext(db, options.forumId, options.surveyId);
  const segments = options.segments ?? ctx.segments;
  for (const by of segments) checkCellsOptions(ctx, { periodType: "quarter", by });
  await refreshWith(db, ctx, { reconcile: options.reconcile ?? isPostgres(db) });
  const size = Math.max(1, options.periodsPerChunk ?? 1);
  for (const periodType of options.periodTypes ?? PERIOD_TYPES) {
    checkCellsOptions(ctx, { periodType });
    const periods = await periodsFromSummary(db, ctx, periodType);
    for (const by of [undefined, ...segments]) {
      for (let i = 0; i < periods.length; i += size) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const chunk = await cellsFromSummary(db, ctx, {
          periodType,
          periods: periods.slice(i, i + size),
          by,
          includeAll: by === undefined,
          yieldBetweenQueries: true,
        });
        if (chunk.length > 0) yield chunk;
      }
    }
  }
}

/** The export's CSV text on a database connection of its own (what the export worker runs). */
export async function* exportKpiCsvOnOwnConnection(
  database: { url: string; searchPath?: string },
  options: KpiExportOptions,
): AsyncGenerator<string> {
  const db = openDatabase(database.url, database.searchPath ? { searchPath: database.searchPath } : {});
  try {
    yield* tidyCsvChunks(exportKpiCells(db, options));
  } finally {
    await db.destroy();
  }
}

/**
 * The worker thread's program (CommonJS, run with `eval`): it opens its own connection, streams
 * the export as CSV text, and sends one chunk at a time, waiting for the reader to ask for the next.
 */
const EXPORT_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
// tsx loads the TypeScript modules (and their ~/ imports) in this thread too.
const load = async (file) => (await import("tsx/esm/api")).tsImport(pathToFileURL(file).href, pathToFileURL(file).href);
const asked = () => new Promise((resolve) => parentPort.once("message", resolve));
(async () => {
  const { exportKpiCsvOnOwnConnection } = await load(workerData.module);
  for await (const text of exportKpiCsvOnOwnConnection(workerData.database, workerData.options)) {
    parentPort.postMessage({ type: "text", text });
    await asked();
  }
  parentPort.postMessage({ type: "done" });
})().catch((error) => {
  parentPort.postMessage({ type: "error", message: String((error && error.message) || error), problem: error && error.problem });
});
`;

type WorkerMessage =
  | { type: "text"; text: string }
  | { type: "done" }
  | { type: "error"; message: string; problem?: KpiRequestProblem }
  | { type: "exit"; code: number };

/**
 * The whole tidy CSV export (BOM, header, rows), computed on a worker thread with its own
 * database connection, as text chunks. better-sqlite3 is synchronous, so this keeps every query
 * of a large export off the thread that answers requests; the worker waits for each chunk to be
 * read before computing the next, so memory stays flat however slow the reader.
 *
 * The worker loads app/models/kpis.server.ts under the working directory (npm start, the
 * command-line tools and the tests all run from the project root) with tsx, a dependency.
 */
export async function* exportKpiCsvOffThread(
  database: { url: string; searchPath?: string },
  options: KpiExportOptions,
): AsyncGenerator<string> {
  const worker = new Worker(EXPORT_WORKER_SOURCE, {
    eval: true,
    workerData: { module: path.resolve(process.cwd(), "app", "models", "kpis.server.ts"), database, options },
  });
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  const deliver = (message: WorkerMessage) => {
    inbox.push(message);
    wake?.();
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ type: "error", message: error.message }));
  worker.on("exit", (code) => deliver({ type: "exit", code }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (!message) continue;
      if (message.type === "text") {
        yield message.text;
        worker.postMessage("next");
      } else if (message.type === "done") {
        return;
      } else if (message.type === "error") {
        throw message.problem ? new KpiRequestError(message.problem, message.message) : new Error(message.message);
      } else {
        throw new Error(`The export stopped early (worker exit code ${message.code}).`);
      }
    }
  } finally {
    await worker.terminate();
  }
}

// ------------------------------------------------------------------------------------------------
// Finding a survey by public id or slug (command-line tools)

/**
 * The published survey a command line names: by public id, else by slug in the first forum
 * (oldest) that has a survey with that slug. `forums` says how many forums have that slug.
 */
export async function findKpiSurvey(
  db: DB,
  reference: string,
): Promise<{ forumId: string; surveyId: string; slug: string; forums: number } | undefined> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("forums", "forums.id", "surveys.forum_id")
    .select(["surveys.id", "surveys.forum_id", "surveys.slug", "surveys.public_id"])
    .where((eb) => eb.or([eb("surveys.public_id", "=", reference), eb("surveys.slug", "=", reference)]))
    .where("surveys.current_version_id", "is not", null)
    .orderBy("forums.created_at")
    .orderBy("forums.id")
    .execute();
  const row = rows.find((r) => r.public_id === reference) ?? rows[0];
  if (!row) return undefined;
  return {
    forumId: row.forum_id,
    surveyId: row.id,
    slug: row.slug,
    forums: row.public_id === reference ? 1 : rows.filter((r) => r.slug === reference).length,
  };
}

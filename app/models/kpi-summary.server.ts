/**
 * The KPI engine's monthly summary: every published KPI figure is computed from it (the
 * methodology page describes how).
 *
 * Raw answers → monthly summary (SQL aggregates, here) → periods (sums of months) → scoreCounts /
 * buildCell → suppressSmallCells (SDC-1, kpi-dashboard.server.ts). Only SDC-1 output leaves the engine.
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
 * Portable SQL for SQLite and PostgreSQL. A whole month is read in one pass and added up per
 * segment value in JavaScript (kpi-month-count.server.ts); a few new responses are added in SQL.
 */
import { sql, type RawBuilder } from "kysely";
import type { DB } from "~/db.server";
import { EHCP_QUALITY_INDEX_MINIMUM } from "~/domain/kpi-definitions";
import { countWholeMonth } from "./kpi-month-count.server";
import { markKpisStale } from "./kpi-stale.server";
import { indexQuestionCode, RESPONSE_SEGMENTS, summaryContext, type SummaryContext } from "./kpi-survey.server";
import { isPostgres } from "./dialect.server";

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

export async function refreshWith(db: DB, ctx: SummaryContext, options: { reconcile?: boolean } = {}): Promise<RefreshReport> {
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
 * refreshWith for many surveys (the network's hosted forums): two queries find the surveys with
 * anything to do (a stale month, or a month summarised on another basis), and only those are
 * brought up to date, one after another.
 */
export async function refreshMany(db: DB, ctxs: readonly SummaryContext[]): Promise<void> {
  if (ctxs.length === 0) return;
  const due = new Set(
    (
      await db
        .selectFrom("kpi_stale_months")
        .select("survey_id")
        .distinct()
        .where(
          "survey_id",
          "in",
          ctxs.map((c) => c.survey.id),
        )
        .execute()
    ).map((r) => r.survey_id),
  );
  const byBasis = new Map<string, string[]>();
  for (const ctx of ctxs) byBasis.set(ctx.basis, [...(byBasis.get(ctx.basis) ?? []), ctx.survey.id]);
  for (const [basis, ids] of byBasis) {
    const other = await db
      .selectFrom("kpi_summary_months")
      .select("survey_id")
      .distinct()
      .where("survey_id", "in", ids)
      .where("basis", "<>", basis)
      .where("sealed_at", "is", null)
      .execute();
    for (const r of other) due.add(r.survey_id);
  }
  for (const ctx of ctxs) if (due.has(ctx.survey.id)) await refreshWith(db, ctx);
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

export function nextMonth(month: string): string {
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
    await countWholeMonth(trx, ctx, month, first, last);
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
 * Adds a few new responses of a month to the summary in ONE statement, then lists them as
 * counted (a whole month is counted by countWholeMonth, in one pass, the same counts).
 *
 * - mr: the responses; w: one row per response with its segment values (`unknown` when not
 *   answered) and each index KPI's class; wa: w joined to the response's option answers.
 * - Then one GROUP BY per segment type over wa (option counts), over w (responses, and
 *   index classes), all added to kpi_month_counts (an upsert that adds to existing counts).
 * Segment questions are single choice: a respondent counts under one value (the first chosen).
 * `w cross join answers`: SQLite then reads each response's answers by index, whatever it guesses
 * about the sizes; PostgreSQL plans it as the inner join it is.
 */
async function addToSummary(trx: DB, ctx: SummaryContext, month: string, ids: string[]): Promise<void> {
  const [first, last] = monthSpan(month);
  const text = (value: string) => sql`cast(${value} as text)`;
  const which = sql`and r.id in (${sql.join(ids)})`;

  // Columns of w: s0, s1, … for the segments (in ctx.segments order), i0, i1, … for the indexes.
  const segmentColumns = ctx.segments.map((code, i) => {
    if ((RESPONSE_SEGMENTS as readonly string[]).includes(code)) {
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
      select r.id, r.language, r.respondent_role, r.mode from responses r
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

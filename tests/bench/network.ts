/**
 * `npm run bench:network`: the KPI engine at the scale of a nation (issue 14), on SQLite and on
 * PostgreSQL in the same run, each against a naive baseline measured in the same run.
 *
 * One installation hosts BENCH_FORUMS forums (default 150), every one in the network, with
 * BENCH_NETWORK_RESPONSES submitted parents' responses between them (default 1,500,000), of which
 * one forum holds BENCH_RESPONSES (default 1,000,000: a forum that has just imported its history)
 * and the others share the rest. Measured on each backend:
 *   (a) that forum's first dashboard: its summary cold (every month stale), against a naive
 *       count of every answer in JavaScript (stopped after a minute: the ratio is then a bound);
 *   (b) its board dashboard with the summary fresh, and warm (one new submission), against the
 *       naive dashboard (two quarters' answers into JavaScript);
 *   (c) the network page's computation for one KPI, warm (every summary fresh, one new
 *       submission in one forum), against a naive count of that KPI's answers in every forum.
 * Goals: (a) within 20 s; (b) and (c) within 100 ms. Times are printed, never asserted.
 *
 * BENCH_BACKENDS picks the backends (default "sqlite,postgres"); PostgreSQL needs
 * TEST_POSTGRES_URL (or BENCH_POSTGRES_URL) and works in a schema of its own. Data are built in
 * bulk once and reused by later runs with the same figures (tests/.tmp, never committed).
 */
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { KpiCell } from "~/domain/kpi-cells";
import { scoreCounts } from "~/domain/kpi-scoring";
import { networkRows, type NetworkRow } from "~/domain/network";
import { networkKpis, type ForumMonthCount } from "~/domain/network-counts";
import { periodOf } from "~/domain/periods";
import { kpiDashboard } from "~/models/kpi-dashboard.server";
import { listKpis } from "~/models/kpi-register.server";
import { kpiApplies } from "~/models/kpi-survey.server";
import { computeNetworkRows } from "~/models/network-counts.server";
import { listNetworkMembers } from "~/models/network-members.server";
import { findPublishedSurvey, findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { submitAnswers } from "../factories";
import { definition, median, mulberry32, sampleAnswers, SURVEY_SLUG, time } from "./kpi-data";
import { countInJavaScript, naiveDashboard } from "./naive-kpis";
import { ensureNetworkData, openStore, type BenchForum, type BenchStore, type NetworkShape } from "./network-data";
import { printTable } from "./support";

function whole(name: string, fallback: number, minimum: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < minimum) throw new Error(`${name} must be a whole number ≥ ${minimum}`);
  return value;
}

const shape: NetworkShape = {
  forums: whole("BENCH_FORUMS", 150, 3),
  total: whole("BENCH_NETWORK_RESPONSES", 1_500_000, 1000),
  big: whole("BENCH_RESPONSES", 1_000_000, 1000),
};
if (shape.big > shape.total) throw new Error("BENCH_RESPONSES cannot be more than BENCH_NETWORK_RESPONSES");
const BACKENDS = (process.env.BENCH_BACKENDS ?? "sqlite,postgres").split(",").map((b) => b.trim());
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || "";
const NAME = `${shape.forums}_${shape.total}_${shape.big}`;
const RUNS = 7;
const PERIOD_TYPE = "quarter" as const;
const BY = "district";
const NETWORK_PERIOD_TYPE = "stocktake" as const;
/** New submissions for the warm runs land in the latest month. */
const WARM_DATE = new Date("2026-11-20T12:00:00Z");
const NAIVE_CAP_MS = 60_000;
const KPI = networkKpis(SURVEY_SLUG).find((k) => k.kind !== "ehcp_quality_index")!;

const ms = (v: number) => `${v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`;
const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;

/** Every month stale and no summary: what the first dashboard after an import of history meets. */
async function resetSummary(db: DB, surveyId: string): Promise<void> {
  await db.deleteFrom("kpi_month_counts").where("survey_id", "=", surveyId).execute();
  await db.deleteFrom("kpi_counted_responses").where("survey_id", "=", surveyId).execute();
  await db.deleteFrom("kpi_summary_months").where("survey_id", "=", surveyId).execute();
  await sql`insert into kpi_stale_months (survey_id, month)
    select distinct survey_id, substr(submitted_on, 1, 7) from responses where survey_id = ${surveyId} and status = 'submitted'
    on conflict do nothing`.execute(db);
}

/**
 * The naive first dashboard: every answer of the survey into JavaScript a month at a time, each
 * respondent's quarter counted there (district breakdown). Null when stopped at the cap.
 */
async function naiveCold(db: DB, forum: BenchForum): Promise<KpiCell[] | null> {
  const started = performance.now();
  const kpis = (await listKpis(db, forum.forumId)).filter((k) => kpiApplies(k, definition));
  const months = await db
    .selectFrom("responses")
    .select(sql<string>`substr(submitted_on, 1, 7)`.as("month"))
    .distinct()
    .where("survey_id", "=", forum.surveyId)
    .where("status", "=", "submitted")
    .orderBy("month")
    .execute();
  const respondents: { periods: string[]; answers: Record<string, string> }[] = [];
  for (const { month } of months) {
    if (performance.now() - started > NAIVE_CAP_MS) return null;
    const rows = await db
      .selectFrom("responses as r")
      .innerJoin("answers as a", "a.response_id", "r.id")
      .select(["r.id", "r.submitted_on", "a.question_code", "a.option_code"])
      .where("r.survey_id", "=", forum.surveyId)
      .where("r.status", "=", "submitted")
      .where("r.submitted_on", ">=", `${month}-01`)
      .where("r.submitted_on", "<=", `${month}-31`)
      .execute();
    const byId = new Map<string, { periods: string[]; answers: Record<string, string> }>();
    for (const row of rows) {
      let r = byId.get(row.id);
      if (!r) byId.set(row.id, (r = { periods: [periodOf(PERIOD_TYPE, row.submitted_on!)], answers: {} }));
      if (row.option_code !== null) r.answers[row.question_code] = row.option_code;
    }
    respondents.push(...byId.values());
  }
  return countInJavaScript(kpis, respondents, BY);
}

/** The network page's computation for one KPI, as its loader does it. */
async function networkPage(db: DB): Promise<NetworkRow[]> {
  const rows = (await computeNetworkRows(db, { template: SURVEY_SLUG, periodType: NETWORK_PERIOD_TYPE, kpiId: KPI.id })).filter(
    (r) => r.kpi_id === KPI.id,
  );
  await listNetworkMembers(db);
  return rows;
}

/** The naive network: the KPI's answers of every member forum into JavaScript, counted per forum and month. */
async function naiveNetwork(db: DB): Promise<NetworkRow[]> {
  const rows = await db
    .selectFrom("responses as r")
    .innerJoin("answers as a", "a.response_id", "r.id")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .innerJoin("network_members as m", "m.forum_id", "r.forum_id")
    .select(["m.forum_code", "r.submitted_on", "a.option_code"])
    .where("s.slug", "=", SURVEY_SLUG)
    .where("m.left_at", "is", null)
    .where("r.status", "=", "submitted")
    .where("a.question_code", "=", KPI.question)
    .where("a.option_code", "is not", null)
    .execute();
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const key = `${row.forum_code}|${row.submitted_on!.slice(0, 7)}`;
    const options = counts.get(key) ?? {};
    options[row.option_code!] = (options[row.option_code!] ?? 0) + 1;
    counts.set(key, options);
  }
  const names = new Map((await listNetworkMembers(db)).map((m) => [m.code, m.name]));
  const monthly: ForumMonthCount[] = [];
  for (const [key, options] of counts) {
    const [forum, month] = key.split("|");
    const score = scoreCounts(KPI, options);
    if (score.n > 0) {
      monthly.push({ forum, forum_name: names.get(forum) ?? forum, survey_template: SURVEY_SLUG, month, kpi_id: KPI.id, ...score });
    }
  }
  return networkRows({ counts: monthly, template: SURVEY_SLUG, periodType: NETWORK_PERIOD_TYPE }).filter((r) => r.kpi_id === KPI.id);
}

const strip = (cells: readonly KpiCell[]) =>
  JSON.stringify(
    cells
      .map(({ time_period, kpi_id, segment_type, segment_value, n, numerator, flag }) => ({
        time_period,
        kpi_id,
        segment_type,
        segment_value,
        n,
        numerator,
        flag,
      }))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );

interface BackendResult {
  backend: string;
  rows: (string | number)[][];
  figures: Record<string, number>;
}

async function runBackend(store: BenchStore): Promise<BackendResult> {
  const label = store.kind === "sqlite" ? "SQLite" : "PostgreSQL";
  const log = (line: string) => console.log(`[${label}] ${line}`);
  log(store.kind === "sqlite" ? `file ${path.relative(process.cwd(), store.url)}` : `schema ${store.schema}`);
  const data = await ensureNetworkData(store, shape, log);
  log(data.reused ? "reused the data built earlier" : `built the data in ${data.seconds.toFixed(0)} s`);
  const [big, ...others] = data.forums;

  const db = openStore(store);
  const dashboard = () => kpiDashboard(db, { forumId: big.forumId, surveyId: big.surveyId, periodType: PERIOD_TYPE, by: BY });

  // (a) the first dashboard after the import: every month of the big forum stale.
  await resetSummary(db, big.surveyId);
  const cold = await time(dashboard);
  const period = cold.value.period!;
  log(`cold dashboard ${seconds(cold.ms)} (cpu ${seconds(cold.cpuMs)}), latest period ${period}`);
  const naiveColdRun = await time(() => naiveCold(db, big));
  const coldStopped = naiveColdRun.value === null;
  const coldCells = await kpiDashboard(db, {
    forumId: big.forumId,
    surveyId: big.surveyId,
    periodType: PERIOD_TYPE,
    by: BY,
    period: cold.value.periods[0],
  });
  const coldAgree =
    naiveColdRun.value === null
      ? null
      : strip(coldCells.cells) === strip(naiveColdRun.value.filter((c) => c.time_period === coldCells.period));
  log(`naive first dashboard ${coldStopped ? "stopped at " : ""}${seconds(naiveColdRun.ms)}`);

  // (b) fresh and warm.
  const fresh: number[] = [];
  for (let i = 0; i < RUNS; i++) fresh.push((await time(dashboard)).ms);
  const survey = (await findPublishedSurvey(db, (await findPublishedSurveyBySlug(db, big.forumId, SURVEY_SLUG))!.publicId))!;
  const random = mulberry32(7);
  const warm: number[] = [];
  let warmCells = cold.value.cells;
  for (let i = 0; i < RUNS; i++) {
    const { result } = await submitAnswers(db, survey, sampleAnswers(random, 1), WARM_DATE);
    if (result.status !== "submitted") throw new Error(`warm submission failed: ${result.status}`);
    const run = await time(dashboard);
    warm.push(run.ms);
    warmCells = run.value.cells;
  }
  const naiveBoard = await time(() => naiveDashboard(db, big, period, PERIOD_TYPE, BY));
  const boardAgree = strip(warmCells) === strip(naiveBoard.value.filter((c) => c.time_period === period));
  log(`dashboard fresh ${ms(median(fresh))}, warm ${ms(median(warm))}, naive ${ms(naiveBoard.ms)}`);

  // (c) the network page: first every forum's summary is brought up to date (their first view),
  // then warm: one new submission in one forum before each view.
  const first = await time(() => networkPage(db));
  const networkWarm: number[] = [];
  let networkRowsWarm = first.value;
  for (let i = 0; i < RUNS; i++) {
    const forum = others[i % others.length] ?? big;
    const theirs = (await findPublishedSurvey(db, (await findPublishedSurveyBySlug(db, forum.forumId, SURVEY_SLUG))!.publicId))!;
    const { result } = await submitAnswers(db, theirs, sampleAnswers(random, 1), WARM_DATE);
    if (result.status !== "submitted") throw new Error(`warm submission failed: ${result.status}`);
    const run = await time(() => networkPage(db));
    networkWarm.push(run.ms);
    networkRowsWarm = run.value;
  }
  const naiveNet = await time(() => naiveNetwork(db));
  const networkAgree = JSON.stringify(networkRowsWarm) === JSON.stringify(naiveNet.value);
  log(`network page first ${ms(first.ms)}, warm ${ms(median(networkWarm))}, naive ${ms(naiveNet.ms)}`);
  await db.destroy();

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const agreeWord = (ok: boolean | null) => (ok === null ? "not compared (naive stopped)" : ok ? "yes" : "NO");
  const bound = coldStopped ? "> " : "";
  return {
    backend: label,
    figures: { cold: cold.ms, warm: median(warm), network: median(networkWarm) },
    rows: [
      [
        `${label}: (a) first dashboard, cold summary (${shape.big.toLocaleString("en-GB")} responses)`,
        seconds(cold.ms),
        "≤ 20 s",
        verdict(cold.ms <= 20_000),
      ],
      [`${label}: (a) … its cpu time in this process`, seconds(cold.cpuMs), "", ""],
      [
        `${label}: (a) naive: every answer into JavaScript`,
        `${bound}${seconds(naiveColdRun.ms)}`,
        "",
        coldStopped ? "stopped at the cap" : "",
      ],
      [`${label}: (a) naive ÷ cold`, `${bound}${(naiveColdRun.ms / cold.ms).toFixed(1)}×`, "", ""],
      [
        `${label}: (a) same cells as the naive count (oldest quarter)`,
        agreeWord(coldAgree),
        "yes",
        coldAgree === null ? "" : verdict(coldAgree),
      ],
      [`${label}: (b) board dashboard, fresh summary (median)`, ms(median(fresh)), "≤ 100 ms", verdict(median(fresh) <= 100)],
      [`${label}: (b) board dashboard, warm: one new submission (median)`, ms(median(warm)), "≤ 100 ms", verdict(median(warm) <= 100)],
      [`${label}: (b) naive dashboard: two quarters into JavaScript`, ms(naiveBoard.ms), "", ""],
      [`${label}: (b) naive ÷ warm`, `${(naiveBoard.ms / median(warm)).toFixed(1)}×`, "", ""],
      [`${label}: (b) same cells as the naive count`, agreeWord(boardAgree), "yes", verdict(boardAgree)],
      [`${label}: (c) network page, first view (${shape.forums - 1} summaries counted)`, ms(first.ms), "reported", ""],
      [`${label}: (c) network page for ${KPI.id}, warm (median)`, ms(median(networkWarm)), "≤ 100 ms", verdict(median(networkWarm) <= 100)],
      [`${label}: (c) naive network: ${KPI.id}'s answers into JavaScript`, ms(naiveNet.ms), "", ""],
      [`${label}: (c) naive ÷ warm`, `${(naiveNet.ms / median(networkWarm)).toFixed(1)}×`, "", ""],
      [`${label}: (c) same rows as the naive count`, agreeWord(networkAgree), "yes", verdict(networkAgree)],
    ],
  };
}

async function main() {
  console.log(
    `Network benchmark: ${shape.forums} forums, ${shape.total.toLocaleString("en-GB")} responses, the largest forum ${shape.big.toLocaleString("en-GB")}; backends ${BACKENDS.join(", ")}.`,
  );
  const results: BackendResult[] = [];
  for (const backend of BACKENDS) {
    if (backend === "sqlite") {
      results.push(await runBackend({ kind: "sqlite", url: path.resolve(`tests/.tmp/bench-network-${NAME}.db`) }));
    } else if (backend === "postgres") {
      if (!POSTGRES_URL) {
        console.log("PostgreSQL skipped: set TEST_POSTGRES_URL (or BENCH_POSTGRES_URL).");
        continue;
      }
      results.push(await runBackend({ kind: "postgres", url: POSTGRES_URL, schema: `bench_network_${NAME}` }));
    } else {
      throw new Error(`Unknown backend "${backend}": use sqlite, postgres`);
    }
  }
  console.log("");
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1 / 5 / 15 min).`,
  );
  printTable(
    ["measure", "figure", "goal", "goal met"],
    results.flatMap((r) => r.rows),
  );
}

await main();

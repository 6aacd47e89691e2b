/**
 * `npm run bench:kpis`: the KPI engine at scale (issue 4).
 *
 * Builds (or reuses) a SQLite database of BENCH_RESPONSES submitted responses (default
 * 1,000,000, about 20 answers each, spread over three years) and times:
 *   (a) the board dashboard's whole computation for one survey: latest quarter, one breakdown,
 *       change from the previous quarter. Cold (every month stale: the first computation after
 *       loading the data), fresh (nothing stale) and warm (one new submission, so its month is
 *       brought up to date: the realistic case), against a naive baseline that loads the rows
 *       into JavaScript and counts there.
 *   (b) the full tidy CSV export (every period type, every breakdown) streamed to a null sink:
 *       peak extra memory, and the event-loop delay while it runs; on the request thread in
 *       short steps, and on a worker thread with its own connection for comparison; against a
 *       naive baseline that streams every answer row into JavaScript and counts there (stopped
 *       after a minute, when the ratio is a lower bound).
 * Goals: dashboard within 100 ms and at least 20× faster than naive; export under 64 MiB extra
 * memory; event-loop delay p99 under 50 ms while it runs.
 *
 * The data are written with bulk prepared statements, journal and sync off while BUILDING only;
 * every measurement opens the file the way the app does (WAL, synchronous=FULL).
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import SQLite from "better-sqlite3";
import { migrateToLatest, openDatabase, type DB } from "~/db.server";
import type { KpiCell } from "~/domain/kpi-cells";
import { PERIOD_TYPES, periodOf } from "~/domain/periods";
import { tidyCsvChunks } from "~/domain/tidy-csv";
import { createForum, findForumBySlug } from "~/models/forums.server";
import { listKpis } from "~/models/kpi-register.server";
import { kpiDashboard } from "~/models/kpi-dashboard.server";
import { exportKpiCells } from "~/models/kpi-export.server";
import { kpiApplies, surveySegments } from "~/models/kpi-survey.server";
import { exportKpiCsvOffThread } from "./off-thread-export";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { submitAnswers } from "../factories";
import { DAYS, definition, LANGUAGES, londonDay, median, mulberry32, pickWeighted, sampleAnswers, SURVEY_SLUG, time } from "./kpi-data";
import { countInJavaScript, naiveDashboard } from "./naive-kpis";
import { printTable } from "./support";

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
if (!Number.isSafeInteger(RESPONSES) || RESPONSES < 1000) throw new Error("BENCH_RESPONSES must be a whole number ≥ 1000");
const FILE = path.resolve(`tests/.tmp/bench-kpis-${RESPONSES}.db`);
const FORUM_SLUG = "bench-kpis";
/** New submissions for the warm runs land in the latest month. */
const WARM_DATE = new Date("2026-11-20T12:00:00Z");
const PERIOD_TYPE = "quarter" as const;
const BY = "district";
const RUNS = 7;

// v8 can expose gc() at run time, so the script works with the plain `node --import tsx` command.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

interface BenchSurvey {
  forumId: string;
  surveyId: string;
  versionId: string;
}

async function findBenchSurvey(db: DB): Promise<BenchSurvey | undefined> {
  const forum = await findForumBySlug(db, FORUM_SLUG);
  if (!forum) return undefined;
  const survey = await findPublishedSurveyBySlug(db, forum.id, SURVEY_SLUG);
  return survey ? { forumId: forum.id, surveyId: survey.id, versionId: survey.versionId } : undefined;
}

/** Reuses a built file with the right number of responses, or builds one. */
async function ensureData(): Promise<{ reused: boolean; seconds: number; answers: number }> {
  const started = performance.now();
  if (fs.existsSync(FILE)) {
    const db = openDatabase(FILE);
    await migrateToLatest(db);
    const found = await findBenchSurvey(db);
    await db.destroy();
    if (found) {
      const raw = new SQLite(FILE);
      const n = (raw.prepare("select count(*) as n from responses where source = 'bench'").get() as { n: number }).n;
      if (n === RESPONSES) {
        // Take out the warm runs' submissions from an earlier run.
        raw.exec(`delete from answers where response_id in (select id from responses where source <> 'bench');
                  delete from consents where response_id in (select id from responses where source <> 'bench');
                  delete from responses where source <> 'bench';`);
        const answers = (raw.prepare("select count(*) as n from answers").get() as { n: number }).n;
        raw.close();
        return { reused: true, seconds: (performance.now() - started) / 1000, answers };
      }
      raw.close();
    }
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(FILE + suffix, { force: true });
  }

  const db = openDatabase(FILE);
  await migrateToLatest(db);
  const forum = await createForum(db, { slug: FORUM_SLUG, name: "Benchmark Parent Carer Forum" });
  const created = await createSurvey(db, { forumId: forum.id, slug: SURVEY_SLUG, definition });
  await publishVersion(db, forum.id, created.versionId);
  await db.destroy();

  const raw = new SQLite(FILE);
  // Building only: no journal, no syncs. Measurements reopen the file as the app does.
  raw.pragma("journal_mode = OFF");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -1000000");
  const insertResponse = raw.prepare(`insert into responses
    (id, forum_id, survey_id, survey_version_id, status, language, respondent_role, source, idempotency_key,
     resume_hash, receipt_hash, started_at, updated_at, submitted_at, submitted_on)
    values (?, ?, ?, ?, 'submitted', ?, 'parent_carer', 'bench', null, null, null, ?, ?, ?, ?)`);
  const insertAnswer = raw.prepare(`insert into answers
    (response_id, forum_id, question_code, ordinal, option_code, text_value, number_value) values (?, ?, ?, 0, ?, ?, null)`);
  // Random ids like the app's, inserted in id order so the indexes grow at their end; the
  // submission dates are random, so a month's rows are scattered through the table.
  const ids = Array.from({ length: RESPONSES }, () => randomUUID()).sort();
  const random = mulberry32(20261123);
  let answers = 0;
  const batch = 20_000;
  for (let start = 0; start < RESPONSES; start += batch) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(RESPONSES, start + batch); i++) {
        const day = Math.floor(random() * DAYS);
        const date = londonDay(day);
        const at = `${date}T12:00:00.000Z`;
        insertResponse.run(ids[i], forum.id, created.id, created.versionId, pickWeighted(random, LANGUAGES), at, at, at, date);
        for (const [code, value] of Object.entries(sampleAnswers(random, day / DAYS))) {
          if (value.kind === "options") insertAnswer.run(ids[i], forum.id, code, value.codes[0], null);
          else if (value.kind === "text") insertAnswer.run(ids[i], forum.id, code, null, value.text);
          answers += 1;
        }
      }
    })();
    if ((start / batch) % 10 === 9) process.stdout.write(`  built ${(start + batch).toLocaleString("en-GB")} responses\n`);
  }
  raw.pragma("journal_mode = WAL");
  raw.close();
  return { reused: false, seconds: (performance.now() - started) / 1000, answers };
}

/** Every month stale and no summary: what the first computation after loading the data meets. */
function resetSummary(surveyId: string): void {
  const raw = new SQLite(FILE);
  raw.exec(`delete from kpi_month_counts; delete from kpi_counted_responses;
            delete from kpi_summary_months; delete from kpi_stale_months;`);
  raw
    .prepare(
      `insert into kpi_stale_months (survey_id, month)
      select distinct survey_id, substr(submitted_on, 1, 7) from responses where survey_id = ? and status = 'submitted'`,
    )
    .run(surveyId);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
}

/**
 * The naive export: stream every answer of the survey into JavaScript (ordered by response),
 * collect each respondent, and count every breakdown of every quarter there.
 */
const NAIVE_EXPORT_CAP_MS = 60_000;

class CapReached extends Error {}

/** Null when it ran past NAIVE_EXPORT_CAP_MS and was stopped (the ratio is then a lower bound). */
async function naiveExport(db: DB, bench: BenchSurvey): Promise<number | null> {
  const started = performance.now();
  const kpis = (await listKpis(db, bench.forumId)).filter((k) => kpiApplies(k, definition));
  const segments = surveySegments(definition);
  const raw = new SQLite(FILE, { readonly: true });
  const rows = raw
    .prepare(
      `select r.id, r.submitted_on, r.language, r.respondent_role, a.question_code, a.option_code
      from responses r join answers a on a.response_id = r.id
      where r.forum_id = ? and r.survey_id = ? and r.status = 'submitted' order by r.id`,
    )
    .iterate(bench.forumId, bench.surveyId) as Iterable<{
    id: string;
    submitted_on: string;
    language: string;
    respondent_role: string;
    question_code: string;
    option_code: string | null;
  }>;
  function* respondents() {
    let current: { id: string; periods: string[]; answers: Record<string, string>; segments: Record<string, string> } | undefined;
    let seen = 0;
    for (const row of rows) {
      if (++seen % 10_000 === 0 && performance.now() - started > NAIVE_EXPORT_CAP_MS) throw new CapReached();
      if (current?.id !== row.id) {
        if (current) yield current;
        current = {
          id: row.id,
          periods: PERIOD_TYPES.map((type) => periodOf(type, row.submitted_on)),
          answers: {},
          segments: { language: row.language, respondent_role: row.respondent_role },
        };
      }
      if (row.option_code !== null) current.answers[row.question_code] = row.option_code;
    }
    if (current) yield current;
  }
  try {
    return countInJavaScript(kpis, respondents(), ...segments).length;
  } catch (error) {
    if (error instanceof CapReached) return null;
    throw error;
  } finally {
    raw.close();
  }
}

class NullSink extends Writable {
  bytes = 0;
  lines = 0;
  readonly hash = createHash("sha256");
  _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    for (const byte of chunk) if (byte === 0x0a) this.lines += 1;
    done();
  }
}

/**
 * Streams an export to a null sink, sampling this process's RSS (worker threads included) and
 * the main thread's event-loop delay: what a server answering other requests would feel.
 */
async function measureExport(source: () => AsyncIterable<string>) {
  gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const sink = new NullSink();
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  async function* sampled() {
    for await (const text of source()) {
      peak = Math.max(peak, process.memoryUsage().rss);
      yield text;
    }
  }
  await pipeline(sampled(), sink);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  clearInterval(sampler);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rows: sink.lines - 1,
    digest: sink.hash.digest("hex"),
    bytes: sink.bytes,
    extraMiB: (peak - baseline) / 1024 / 1024,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
  };
}

function verdict(ok: boolean): string {
  return ok ? "met" : "NOT met";
}

async function main() {
  console.log(`KPI benchmark: ${RESPONSES.toLocaleString("en-GB")} responses, SQLite file ${path.relative(process.cwd(), FILE)}`);
  const data = await ensureData();
  console.log(
    data.reused
      ? `Reused the database built earlier (${data.answers.toLocaleString("en-GB")} answers).`
      : `Built the database in ${data.seconds.toFixed(0)} s (${data.answers.toLocaleString("en-GB")} answers, ${(data.answers / RESPONSES).toFixed(1)} a response).`,
  );
  const db = openDatabase(FILE);
  const bench = (await findBenchSurvey(db))!;
  await db.destroy();
  resetSummary(bench.surveyId);

  const app = openDatabase(FILE);
  const dashboard = () => kpiDashboard(app, { forumId: bench.forumId, surveyId: bench.surveyId, periodType: PERIOD_TYPE, by: BY });

  // (a) cold: every month stale.
  const cold = await time(dashboard);
  const period = cold.value.period!;
  console.log(`Cold dashboard (summary of every month built): ${(cold.ms / 1000).toFixed(1)} s; latest period ${period}.`);

  const fresh: number[] = [];
  const freshCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await time(dashboard);
    fresh.push(run.ms);
    freshCpu.push(run.cpuMs);
  }

  // Warm: one new submission (through the app's own model calls) marks the latest month stale.
  const survey = (await findPublishedSurvey(app, (await findPublishedSurveyBySlug(app, bench.forumId, SURVEY_SLUG))!.publicId))!;
  const random = mulberry32(7);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  let warmCells = cold.value.cells;
  for (let i = 0; i < RUNS; i++) {
    const { result } = await submitAnswers(app, survey, sampleAnswers(random, 1), WARM_DATE);
    if (result.status !== "submitted") throw new Error(`warm submission failed: ${result.status}`);
    const run = await time(dashboard);
    warm.push(run.ms);
    warmCpu.push(run.cpuMs);
    warmCells = run.value.cells;
  }

  // (b) the full export, streamed, measured before the naive runs grow the process: on this
  // thread in short steps, and, to compare, on a worker thread with its own connection.
  const exportOptions = { forumId: bench.forumId, surveyId: bench.surveyId };
  const exported = await measureExport(() => tidyCsvChunks(exportKpiCells(app, exportOptions)));
  const offThread = await measureExport(() => exportKpiCsvOffThread({ url: FILE }, exportOptions));

  const naive: number[] = [];
  const naiveCpu: number[] = [];
  let naiveCells: KpiCell[] = [];
  let naiveExtraMiB = 0;
  // Several seconds a run at a million responses: one run there, three on smaller data.
  for (let i = 0; i < (RESPONSES > 200_000 ? 1 : 3); i++) {
    gc();
    const before = process.memoryUsage().rss;
    const run = await time(() => naiveDashboard(app, bench, period));
    naiveExtraMiB = Math.max(naiveExtraMiB, (process.memoryUsage().rss - before) / 1024 / 1024);
    naive.push(run.ms);
    naiveCpu.push(run.cpuMs);
    naiveCells = run.value.filter((c) => c.time_period === period);
  }
  // The two paths must agree, or the timing means nothing.
  const strip = (cells: KpiCell[]) =>
    JSON.stringify(
      cells
        .map(({ kpi_id, segment_type, segment_value, n, numerator, flag }) => ({ kpi_id, segment_type, segment_value, n, numerator, flag }))
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    );
  const agree = strip(warmCells) === strip(naiveCells);
  if (!agree && process.env.BENCH_DEBUG) {
    const a = JSON.parse(strip(warmCells)) as unknown[];
    const b = JSON.parse(strip(naiveCells)) as unknown[];
    console.log(a.length, b.length, a.filter((x) => !b.some((y) => JSON.stringify(y) === JSON.stringify(x))).slice(0, 5));
    console.log(b.filter((x) => !a.some((y) => JSON.stringify(y) === JSON.stringify(x))).slice(0, 5));
  }

  const naiveExportRun = await time(() => naiveExport(app, bench));
  const naiveStopped = naiveExportRun.value === null;
  await app.destroy();

  const warmMs = median(warm);
  const naiveMs = median(naive);
  const ratio = naiveMs / warmMs;
  const ms = (v: number) => `${v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`;
  console.log("");
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1 / 5 / 15 min).`,
  );
  printTable(
    ["measure", "wall", "cpu", "goal", "goal met"],
    [
      ["(a) dashboard, cold: every month summarised", ms(cold.ms), ms(cold.cpuMs), "reported", ""],
      ["(a) dashboard, fresh summary (median)", ms(median(fresh)), ms(median(freshCpu)), "≤ 100 ms", verdict(median(fresh) <= 100)],
      ["(a) dashboard, warm: one new submission (median)", ms(warmMs), ms(median(warmCpu)), "≤ 100 ms", verdict(warmMs <= 100)],
      [`(a) naive baseline: rows into JavaScript (${naive.length === 1 ? "1 run" : "median"})`, ms(naiveMs), ms(median(naiveCpu)), "", ""],
      ["(a) naive baseline: extra memory (RSS)", `${naiveExtraMiB.toFixed(0)} MiB`, "", "", ""],
      ["(a) naive ÷ warm", `${ratio.toFixed(1)}×`, `${(median(naiveCpu) / median(warmCpu)).toFixed(1)}×`, "≥ 20×", verdict(ratio >= 20)],
      ["(a) same cells as the naive count", agree ? "yes" : "NO", "", "yes", verdict(agree)],
      ["(b) export (request thread, short steps): time", ms(exported.ms), ms(exported.cpuMs), "reported", ""],
      ["(b) export: rows / bytes", `${exported.rows} / ${exported.bytes}`, "", "reported", ""],
      ["(b) export: peak extra memory (RSS)", `${exported.extraMiB.toFixed(1)} MiB`, "", "< 64 MiB", verdict(exported.extraMiB < 64)],
      ["(b) export: event-loop delay p99", ms(exported.p99), "", "< 50 ms", verdict(exported.p99 < 50)],
      ["(b) export: event-loop delay max", ms(exported.max), "", "reported", ""],
      ["(b) same export on a worker thread: time", ms(offThread.ms), ms(offThread.cpuMs), "compare", ""],
      ["(b) … its peak extra memory (RSS)", `${offThread.extraMiB.toFixed(1)} MiB`, "", "compare", ""],
      ["(b) … its event-loop delay p99 / max", `${ms(offThread.p99)} / ${ms(offThread.max)}`, "", "compare", ""],
      [
        "(b) both exports give the same bytes",
        exported.digest === offThread.digest ? "yes" : "NO",
        "",
        "yes",
        verdict(exported.digest === offThread.digest),
      ],
      [
        "(b) naive export: every row into JavaScript",
        `${naiveStopped ? "> " : ""}${ms(naiveExportRun.ms)}`,
        ms(naiveExportRun.cpuMs),
        "reported",
        naiveStopped ? "stopped at the cap" : "",
      ],
      ["(b) naive ÷ export", `${naiveStopped ? "> " : ""}${(naiveExportRun.ms / exported.ms).toFixed(1)}×`, "", "reported", ""],
    ],
  );
}

await main();

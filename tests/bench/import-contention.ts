/**
 * `npm run bench:import`: what a large CSV import costs the parents answering at the same time.
 *
 * Starts the built server (as `npm start` runs it) on SQLite, and on PostgreSQL too when
 * TEST_POSTGRES_URL is set (a fresh schema, dropped afterwards). Parents' journeys arrive at a
 * steady rate, BENCH_JOURNEYS_PER_SECOND (default 2), each a whole journey over HTTP with no
 * pause between pages: the start page, the consents, every question answered with its first
 * option, the check page and "Send my answers" (every POST carries the site's own `Origin`).
 * Their latencies are measured
 *   (a) alone, for BASELINE_SECONDS after a short warm-up: the same run's baseline, and
 *   (b) while the demo admin uploads a file of BENCH_IMPORT_ROWS (default 100,000) responses to
 *       the parents' survey through the admin import page, until the job page says it is done
 *       (the rows checked, stored and counted into the KPI summary).
 * A request belongs to the phase in which it was sent. Printed per store: p50, p95, p99 and max
 * of "Send my answers" and of every request of the journeys, and the difference at p99.
 * Goal: the import never makes a parent wait more than 100 ms longer at p99.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { MIGRATION_LOCK_KEY, openDatabase } from "~/db.server";
import { isVisible, type Answers } from "~/domain/routing";
import { optionsOf } from "~/domain/survey";
import { parentCarerExperience } from "~/templates";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { ensureBuild, onShutdown, printTable } from "./support";

const JOURNEYS_PER_SECOND = Number(process.env.BENCH_JOURNEYS_PER_SECOND ?? 2);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const WARM_UP_SECONDS = 5;
const BASELINE_SECONDS = 30;
/** The import page is looked at as often as its own refresh would (once a second). */
const POLL_MS = 1000;
const P99_GOAL_MS = 100;
const SURVEY_SLUG = "parent-carer-experience";
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "";

// --- the file --------------------------------------------------------------------------------

/** A small deterministic generator, so every run imports the same file. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * IMPORT_ROWS rows of the parents' survey, as a volunteer's spreadsheet would hold them: one
 * column per question plus submitted_at, answers following the survey's routing (about half the
 * parents have a final EHC plan and so answer its questions), dated across the twelve whole
 * months before this one.
 */
function importFile(now: Date): string {
  const random = generator(20_261_203);
  const questions = parentCarerExperience.questions;
  const header = ["submitted_at", ...questions.map((q) => q.code)];
  const lines = [header.join(",")];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const answers: Answers = {};
    for (const question of questions) {
      if (!isVisible(question, answers)) continue;
      if (question.type === "text_long" || question.type === "text_short") {
        if (random() < 0.3) answers[question.code] = { kind: "text", text: "Quicker answers when we ring the SEND team" };
        continue;
      }
      if (!question.required && random() < 0.1) continue;
      const options = optionsOf(question);
      const code = question.code === "ehcp_stage" && random() < 0.5 ? "final" : options[Math.floor(random() * options.length)].code;
      answers[question.code] = { kind: "options", codes: [code] };
    }
    const monthsBack = 1 + (i % 12);
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
    const day = 1 + Math.floor(random() * 28);
    const date = `${month.toISOString().slice(0, 8)}${String(day).padStart(2, "0")}`;
    const cells = questions.map((q) => {
      const answer = answers[q.code];
      if (!answer) return "";
      if (answer.kind === "text") return answer.text;
      if (answer.kind === "number") return String(answer.value);
      return answer.codes.join(";");
    });
    lines.push([date, ...cells].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// --- parents ---------------------------------------------------------------------------------

interface Sample {
  /** When it was sent, from performance.now(). */
  sentAt: number;
  ms: number;
  send: boolean;
}

interface Load {
  samples: Sample[];
  /** `error`: why a journey stopped part way (a refused form, a connection the server closed). */
  journeys: { startedAt: number; ok: boolean; error?: string }[];
}

/** One parent's device: its own cookies, forms posted from the site, redirects not followed. */
class Parent {
  private cookies = new Map<string, string>();
  constructor(
    private readonly origin: string,
    private readonly load: Load,
  ) {}

  async request(
    pathname: string,
    form?: Record<string, string>,
    send = false,
  ): Promise<{ status: number; location: string; html: string }> {
    const sentAt = performance.now();
    let response: Response;
    let html: string;
    try {
      response = await fetch(new URL(pathname, this.origin), {
        method: form ? "POST" : "GET",
        redirect: "manual",
        headers: {
          cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
          ...(form ? { "content-type": "application/x-www-form-urlencoded", origin: this.origin } : {}),
        },
        body: form ? new URLSearchParams(form) : undefined,
      });
      html = await response.text();
    } finally {
      // A request that failed kept the parent waiting too, until it failed.
      this.load.samples.push({ sentAt, ms: performance.now() - sentAt, send });
    }
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return { status: response.status, location: response.headers.get("location") ?? "", html };
  }

  /** The whole journey; true when "Send my answers" led to the confirmation page. */
  async journey(publicId: string): Promise<boolean> {
    const start = await this.request(`/s/${publicId}`);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(start.html)?.[1];
    if (!key) throw new Error(`No start form (${start.status})`);
    let next = await this.request(`/s/${publicId}`, { idempotency_key: key, participate: "yes", special_category: "yes" });
    for (let pages = 0; next.location.includes("/q/"); pages++) {
      if (pages > 40) throw new Error("More than 40 questions");
      const question = new URL(next.location, this.origin).pathname;
      const page = await this.request(question);
      next = await this.request(question, { answer: firstAnswer(page.html), intent: "continue" });
    }
    if (!next.location.endsWith("/check")) throw new Error(`The questions ended at ${next.location || next.status}`);
    await this.request(`/s/${publicId}/check`);
    const sent = await this.request(`/s/${publicId}/check`, {}, true);
    return sent.status === 302 && sent.location.endsWith("/done");
  }
}

function firstAnswer(html: string): string {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (tag.includes('name="answer"') && /type="(radio|checkbox)"/.test(tag)) return /value="([^"]*)"/.exec(tag)?.[1] ?? "";
  }
  return "It was fine.";
}

/** Starts a journey every 1/JOURNEYS_PER_SECOND seconds until stopped, whatever the server's pace. */
function parentsArriving(origin: string, publicId: string, load: Load): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const journey: Load["journeys"][number] = { startedAt: performance.now(), ok: false };
    load.journeys.push(journey);
    const work = new Parent(origin, load)
      .journey(publicId)
      .then((ok) => {
        journey.ok = ok;
      })
      .catch((error: unknown) => {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        journey.error = `${error instanceof Error ? error.message : String(error)}${cause}`;
      })
      .finally(() => running.delete(work));
    running.add(work);
  }, 1000 / JOURNEYS_PER_SECOND);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...running]);
    },
  };
}

// --- the admin -------------------------------------------------------------------------------

async function signIn(origin: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`The demo admin could not sign in (${response.status})`);
  return cookie.split(";")[0];
}

interface ImportRun {
  /** performance.now() when the upload was sent and when the job page first said it was done. */
  startedAt: number;
  doneAt: number;
  uploadMs: number;
  /** Seconds from the upload until the page showed each stage. */
  stages: { stage: string; at: number }[];
}

/** Uploads the file through the admin import page and follows the job's page until it is done. */
async function runImport(origin: string, cookie: string, surveyId: string, csvText: string): Promise<ImportRun> {
  const body = new FormData();
  body.append("file", new Blob([csvText], { type: "text/csv" }), "earlier-wave.csv");
  const startedAt = performance.now();
  const upload = await fetch(`${origin}/admin/surveys/${surveyId}/import`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin },
    body,
  });
  const uploadMs = performance.now() - startedAt;
  const location = upload.headers.get("location") ?? "";
  if (upload.status !== 302 || !location.includes("job=")) {
    throw new Error(`The upload was refused (${upload.status}): ${(await upload.text()).slice(0, 500)}`);
  }
  const stages: ImportRun["stages"] = [];
  let pollFailures = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    let page: string;
    try {
      page = await (await fetch(new URL(location, origin), { headers: { cookie } })).text();
    } catch (error) {
      // A connection the server closed as it was reused: look again at the next poll.
      if (++pollFailures > 5) throw error;
      continue;
    }
    const at = (performance.now() - startedAt) / 1000;
    const stage = page.includes('data-testid="import-done"')
      ? "done"
      : page.includes("updating the board")
        ? "counting into the KPI summary"
        : page.includes("Checking every row")
          ? "checking the rows"
          : page.includes("responses stored")
            ? "storing"
            : "other";
    if (stages[stages.length - 1]?.stage !== stage) stages.push({ stage, at });
    if (stage === "done") return { startedAt, doneAt: performance.now(), uploadMs, stages };
    if (stage === "other") throw new Error(`The import did not finish: ${/<h2[^>]*>([^<]*)</.exec(page)?.[1] ?? "unknown page"}`);
  }
}

// --- one store -------------------------------------------------------------------------------

interface Phase {
  journeys: number;
  failed: number;
  firstError: string | undefined;
  sends: number[];
  all: number[];
}

interface StoreResult {
  store: string;
  alone: Phase;
  importing: Phase;
  run: ImportRun;
  imported: number;
  generatorLagMs: number;
}

function phaseOf(load: Load, from: number, to: number): Phase {
  const samples = load.samples.filter((s) => s.sentAt >= from && s.sentAt < to);
  const journeys = load.journeys.filter((j) => j.startedAt >= from && j.startedAt < to);
  return {
    journeys: journeys.length,
    failed: journeys.filter((j) => !j.ok).length,
    firstError: journeys.find((j) => j.error)?.error,
    sends: samples.filter((s) => s.send).map((s) => s.ms),
    all: samples.map((s) => s.ms),
  };
}

async function benchStore(store: string, databaseUrl: string, csvText: string): Promise<StoreResult> {
  const app: RunningApp = await startApp({ DATABASE_URL: databaseUrl, SEED_SAMPLE_RESPONSES: "0" });
  try {
    const origin = app.url.replace("localhost", "127.0.0.1");
    const publicId = app.publicIds[SURVEY_SLUG];
    const db = openDatabase(databaseUrl);
    let surveyId: string;
    try {
      surveyId = (await db.selectFrom("surveys").select("id").where("public_id", "=", publicId).executeTakeFirstOrThrow()).id;
    } finally {
      await db.destroy();
    }
    const cookie = await signIn(origin);

    const load: Load = { samples: [], journeys: [] };
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const began = performance.now();
    const parents = parentsArriving(origin, publicId, load);
    const baselineFrom = began + WARM_UP_SECONDS * 1000;
    await new Promise((resolve) => setTimeout(resolve, (WARM_UP_SECONDS + BASELINE_SECONDS) * 1000));
    console.log(`  ${store}: baseline measured; uploading ${IMPORT_ROWS.toLocaleString("en-GB")} rows…`);
    const run = await runImport(origin, cookie, surveyId, csvText);
    await parents.stop();
    lag.disable();

    const check = openDatabase(databaseUrl);
    let imported: number;
    try {
      const row = await check
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("survey_id", "=", surveyId)
        .where("source", "=", "import")
        .where("status", "=", "submitted")
        .executeTakeFirstOrThrow();
      imported = Number(row.n);
    } finally {
      await check.destroy();
    }
    return {
      store,
      alone: phaseOf(load, baselineFrom, run.startedAt),
      importing: phaseOf(load, run.startedAt, run.doneAt),
      run,
      imported,
      generatorLagMs: lag.max / 1e6,
    };
  } catch (error) {
    console.error(`The server's last words:\n${app.output().slice(-3000)}`);
    throw error;
  } finally {
    await app.stop();
  }
}

/** A fresh schema, as the tests make one: creating and dropping it holds the migrations' lock. */
async function withSchemaLock(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await work(client);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

// --- report ----------------------------------------------------------------------------------

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–");

function report(results: StoreResult[]): void {
  console.log(
    `\nParents' journeys at ${JOURNEYS_PER_SECOND}/s (start page, consents, each question, check, "Send my answers"), ` +
      `alone for ${BASELINE_SECONDS} s, then while ${IMPORT_ROWS.toLocaleString("en-GB")} rows are imported through the admin page.\n` +
      `"send": the POST of "Send my answers"; "all": every request of the journeys. Latencies per request, uncorrected.\n`,
  );
  printTable(
    [
      "store",
      "phase",
      "seconds",
      "journeys",
      "failed",
      "send p50",
      "send p95",
      "send p99",
      "send max",
      "all p50",
      "all p95",
      "all p99",
      "all max",
    ],
    results.flatMap((r) =>
      (
        [
          ["alone", r.alone, BASELINE_SECONDS],
          ["during import", r.importing, (r.run.doneAt - r.run.startedAt) / 1000],
        ] as const
      ).map(([phase, p, seconds]) => [
        r.store,
        phase,
        seconds.toFixed(1),
        p.journeys,
        p.failed,
        ms(percentile(p.sends, 0.5)),
        ms(percentile(p.sends, 0.95)),
        ms(percentile(p.sends, 0.99)),
        ms(Math.max(...p.sends)),
        ms(percentile(p.all, 0.5)),
        ms(percentile(p.all, 0.95)),
        ms(percentile(p.all, 0.99)),
        ms(Math.max(...p.all)),
      ]),
    ),
  );
  console.log("");
  for (const r of results) {
    const sendDiff = percentile(r.importing.sends, 0.99) - percentile(r.alone.sends, 0.99);
    const allDiff = percentile(r.importing.all, 0.99) - percentile(r.alone.all, 0.99);
    const met = sendDiff <= P99_GOAL_MS && allDiff <= P99_GOAL_MS && r.importing.failed === 0;
    console.log(
      `${r.store}: difference at p99 during the import: send ${sendDiff >= 0 ? "+" : ""}${ms(sendDiff)}, ` +
        `all requests ${allDiff >= 0 ? "+" : ""}${ms(allDiff)} (goal at most +${P99_GOAL_MS} ms): ${met ? "MET" : "NOT MET"}`,
    );
    console.log(
      `  the import: upload answered in ${ms(r.run.uploadMs)}; ` +
        r.run.stages.map((s) => `${s.stage} by ${s.at.toFixed(1)} s`).join(", ") +
        `; ${r.imported.toLocaleString("en-GB")} imported responses in the database` +
        (r.imported === IMPORT_ROWS ? "." : ` — WARNING: expected ${IMPORT_ROWS.toLocaleString("en-GB")}.`),
    );
    for (const [phase, p] of [
      ["alone", r.alone],
      ["during the import", r.importing],
    ] as const) {
      if (p.failed > 0)
        console.log(`  ${p.failed} journeys ${phase} did not end with a receipt; the first: ${p.firstError ?? "no receipt"}`);
    }
    console.log(`  the load generator's own worst event-loop delay: ${ms(r.generatorLagMs)}`);
  }
}

async function main() {
  ensureBuild();
  const dir = path.resolve("tests/.tmp", `bench-import-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const schema = `bench_import_${randomBytes(4).toString("hex")}`;
  let schemaMade = false;
  const cleanUp = onShutdown(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (schemaMade) await withSchemaLock((client) => client.query(`drop schema if exists ${schema} cascade`));
  });
  try {
    const began = Date.now();
    const loadBefore = os.loadavg()[0];
    const csvText = importFile(new Date());
    console.log(`The file: ${IMPORT_ROWS.toLocaleString("en-GB")} rows, ${(Buffer.byteLength(csvText) / 1e6).toFixed(1)} MB.`);
    const results: StoreResult[] = [];
    results.push(await benchStore("SQLite", path.join(dir, "forum.db"), csvText));
    console.log(`  SQLite: done in ${((results[0].run.doneAt - results[0].run.startedAt) / 1000).toFixed(0)} s`);
    if (postgresUrl) {
      await withSchemaLock((client) => client.query(`create schema ${schema}`));
      schemaMade = true;
      const url = new URL(postgresUrl);
      url.searchParams.set("options", `-c search_path=${schema}`);
      results.push(await benchStore("PostgreSQL", url.toString(), csvText));
    } else {
      console.log("PostgreSQL skipped: set TEST_POSTGRES_URL to measure it too.");
    }
    report(results);
    const loadAfter = os.loadavg()[0];
    console.log(`\nLoad average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} cores.`);
    console.log(`Total time ${((Date.now() - began) / 1000).toFixed(0)} s.`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

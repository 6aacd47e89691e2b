/**
 * Submission throughput: the final POST of a response (POST /s/<id>/check with its `response`
 * cookie), against the built app and against a bare node:http handler doing the same database
 * work (tests/bench/bare-server.ts), one after the other on this machine, with autocannon.
 *
 * Goals (from the issue): p99 under 30 ms at 300 submissions/s with synchronous=FULL, and at
 * least half the bare handler's throughput.
 *
 * The app groups the commits of submissions that arrive together (SQLITE_GROUP_COMMIT, see
 * groupedTransaction in app/db.server.ts); the bare handler commits each on its own. So the
 * run also measures the app with grouping off, and prints both against the baseline.
 *
 * Each request sends a different in-progress response, made beforehand through the models
 * (startResponse, then saveAnswer for each required answer), so every request does the real
 * work of a submission: a repeated cookie would only meet "already sent" and write nothing.
 * The rows are made once in a template file that every target gets a copy of, so the app and
 * the baseline start from the same database. After each target the database is asked how many
 * responses were submitted, which must match the successes counted (give or take requests cut
 * off by the end of a phase). The full-speed phase stops early if the prepared rows run out
 * (BENCH_ROWS, default 15,000, about 20 s to prepare); its req/s is over the time it ran.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { migrateToLatest, openDatabase } from "~/db.server";
import { saveAnswer, startResponse } from "~/models/responses.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { seedDemoForum } from "~/seed.server";
import { ALL_CONSENTS, minimalParentAnswers } from "../factories";
import { startApp } from "../support/app";
import { ensureBuild, onShutdown, printTable } from "./support";

/** Enough for the warm-up, the fixed-rate phase and several seconds at full speed. */
const ROWS = Number(process.env.BENCH_ROWS ?? 15_000);
const TARGET_RATE = 300;
const RATE_SECONDS = 10;
const MAX_SECONDS = 6;
const WARM_UP = 200;
const RATE_CONNECTIONS = 10;
/**
 * The evenly paced phase: one-connection runs at 10 requests/s each, started 33 ms apart. Each
 * run's 10 go back to back on its one connection, which takes a few milliseconds, so arrivals
 * are spread through the second much as independent parents' would be.
 */
const PACED_RUNS = 30;
const MAX_CONNECTIONS = 20;
const P99_GOAL_MS = 30;
const SURVEY_SLUG = "parent-carer-experience";

// autocannon ships without type declarations: the part of its API used here.
interface AutocannonResult {
  /** Connection errors and timeouts. */
  errors: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string | string[]>) => void;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, milliseconds: number) => void): this;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests?: number;
  overallRate?: number;
  ignoreCoordinatedOmission?: boolean;
  requests: AutocannonRequest[];
}) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Template {
  file: string;
  responseIds: string[];
  surveyId: string;
  publicId: string;
}

/** A migrated, seeded database with ROWS in-progress responses, each ready to be sent. */
async function makeTemplate(dir: string): Promise<Template> {
  const file = path.join(dir, "template.db");
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    await seedDemoForum(db, { sampleResponses: false, demoPassword: randomBytes(12).toString("hex"), now: new Date() });
    // Only this preparation skips the fsync per commit; both servers open their copy with FULL.
    await sql`pragma synchronous = OFF`.execute(db);
    const forum = await db.selectFrom("forums").select("id").executeTakeFirstOrThrow();
    const survey = await findPublishedSurveyBySlug(db, forum.id, SURVEY_SLUG);
    if (!survey) throw new Error(`No ${SURVEY_SLUG} survey after seeding`);
    const answers = Object.entries(minimalParentAnswers());
    const responseIds: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const { responseId } = await startResponse(db, {
        forumId: survey.forumId,
        surveyId: survey.id,
        versionId: survey.versionId,
        respondentRole: survey.audience,
        language: "en",
        idempotencyKey: randomBytes(16).toString("hex"),
        consents: ALL_CONSENTS,
      });
      for (const [code, value] of answers) await saveAnswer(db, { id: responseId, forumId: survey.forumId }, code, value, "en");
      responseIds.push(responseId);
    }
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return { file, responseIds, surveyId: survey.id, publicId: survey.publicId };
  } finally {
    await db.destroy();
  }
}

function copyDatabase(from: string, to: string) {
  fs.copyFileSync(from, to);
  for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** BENCH_CPU_PROFILE=<dir>: each server writes its CPU profile there when it stops, for a closer look. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const nodeArgs = CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}`] : [];

async function startAppServer(databaseFile: string, env: Record<string, string> = {}): Promise<Server> {
  const app = await startApp({ DATABASE_URL: databaseFile, SEED_SAMPLE_RESPONSES: "0", ...env }, { nodeArgs });
  return { url: app.url.replace("localhost", "127.0.0.1"), stop: () => app.stop() };
}

async function startBareServer(databaseFile: string): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "tests/bench/bare-server.ts"], {
    env: { ...process.env, BARE_DATABASE: databaseFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The bare server did not start:\n${output}`)), 30_000);
    child.stdout.on("data", () => {
      const match = output.match(/Listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The bare server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function submittedCount(databaseFile: string, surveyId: string): number {
  const db = new SQLite(databaseFile);
  try {
    return db
      .prepare<[string], { n: number }>("select count(*) as n from responses where survey_id = ? and status = 'submitted'")
      .get(surveyId)!.n;
  } finally {
    db.close();
  }
}

interface PhaseResult {
  phase: string;
  sent: number;
  ok: number;
  failed: number;
  /** Sent but still unanswered when the phase's time ran out. */
  unanswered: number;
  /** The load generator's own worst event-loop delay: a large one would inflate latencies. */
  generatorLagMs: number;
  /** From the first request sent to the last response received. */
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

interface PhaseOptions {
  connections: number;
  seconds: number;
  requests: number;
  /** A fixed rate: the phase's req/s is then its successes over the planned seconds (or longer, if it fell behind). */
  rate?: number;
  /**
   * Spread a fixed rate over this many one-connection autocannon runs started evenly through
   * the first second. autocannon sends each second's quota of a run back to back at the start
   * of the second; many small staggered runs make the arrivals close to evenly spaced.
   */
  staggered?: number;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * One phase in which each request takes the next unused response. A success is a 302 to the
 * confirmation page that sets a receipt cookie: the sign that this request submitted. Latencies
 * are every response's own, from autocannon's high-resolution timer, with no correction.
 */
async function runPhase(
  server: Server,
  publicId: string,
  ids: { list: string[]; next: number },
  phase: string,
  options: PhaseOptions,
): Promise<PhaseResult> {
  let ok = 0;
  let failed = 0;
  let exhausted = 0;
  const firstId = ids.next;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let firstSent = Infinity;
  let lastReceived = 0;
  const latencies: number[] = [];
  const request: AutocannonRequest = {
    method: "POST",
    path: `/s/${publicId}/check`,
    // The form comes from the site's own page, as a browser's would (the server refuses others).
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en", origin: new URL(server.url).origin },
    setupRequest(req) {
      firstSent = Math.min(firstSent, performance.now());
      const id = ids.list[ids.next++];
      if (!id) exhausted++;
      return { ...req, headers: { ...req.headers, cookie: `response=${id ?? "none"}` } };
    },
    onResponse(status, _body, _context, headers) {
      lastReceived = performance.now();
      const header = (name: string) =>
        Object.entries(headers)
          .filter(([key]) => key.toLowerCase() === name)
          .flatMap(([, value]) => value);
      const location = header("location")[0] ?? "";
      const receipt = header("set-cookie").some((c) => c.startsWith("receipt="));
      if (status === 302 && location.endsWith("/done") && receipt) ok++;
      else failed++;
    },
  };
  const runs = options.staggered ?? 1;
  const started = Array.from({ length: runs }, async (_, i) => {
    // Staggered runs start evenly through the first second.
    if (runs > 1) await new Promise((resolve) => setTimeout(resolve, (i * 1000) / runs));
    const share = (total: number) => Math.floor(total / runs) + (i < total % runs ? 1 : 0);
    const instance = autocannon({
      url: server.url,
      connections: runs > 1 ? 1 : options.connections,
      duration: options.seconds,
      maxOverallRequests: share(options.requests),
      ...(options.rate
        ? {
            overallRate: share(options.rate),
            // autocannon's correction assumes evenly spaced sends at a 1 ms interval; the raw
            // latencies are the honest figure, and falling behind shows as a longer phase.
            ignoreCoordinatedOmission: true,
          }
        : {}),
      requests: [{ ...request }],
    });
    instance.on("response", (_client, _status, _bytes, milliseconds) => latencies.push(milliseconds));
    return instance;
  });
  const results = await Promise.all(started.map(async (instance) => (await instance) as AutocannonResult));
  lag.disable();
  if (exhausted > 0) throw new Error(`${phase}: ran out of prepared responses (${exhausted} short); raise BENCH_ROWS`);
  const seconds = (lastReceived - firstSent) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    phase,
    sent: ids.next - firstId,
    ok,
    failed: failed + results.reduce((n, r) => n + r.errors, 0),
    unanswered: ids.next - firstId - ok - failed,
    generatorLagMs: lag.max / 1e6,
    seconds,
    requestsPerSecond: ok / (options.rate ? Math.max(seconds, options.requests / options.rate) : seconds),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
  };
}

interface Target {
  name: string;
  file: string;
  server: Server;
  ids: { list: string[]; next: number };
  phases: Record<"warmUp" | "bursts" | "paced" | "max", PhaseResult>;
}

interface TargetResult {
  name: string;
  bursts: PhaseResult;
  paced: PhaseResult;
  max: PhaseResult;
  /** Successes counted over all phases, warm-up included, those left unanswered, and what the database says. */
  counted: number;
  unanswered: number;
  submitted: number;
}

/**
 * Three targets: the app as it runs, the same app with SQLITE_GROUP_COMMIT=0 (a commit per
 * submission, as the bare handler does) to show what grouping commits is worth, and the bare
 * handler. All run side by side (an idle one costs nothing) and each phase loads one, then the
 * next, straight after: on a shared machine, a busy spell then hurts all of them rather than
 * whichever target happened to run during it.
 */
const APP = "app";
const APP_UNGROUPED = "app, a commit each";
const BARE = "bare node:http";

async function benchTargets(template: Template, files: Record<string, string>): Promise<TargetResult[]> {
  const targets: Target[] = [];
  try {
    for (const [name, start] of [
      [APP, (file: string) => startAppServer(file)],
      [APP_UNGROUPED, (file: string) => startAppServer(file, { SQLITE_GROUP_COMMIT: "0" })],
      [BARE, startBareServer],
    ] as const) {
      const file = files[name];
      targets.push({ name, file, server: await start(file), ids: { list: template.responseIds, next: 0 }, phases: {} as Target["phases"] });
    }
    const fixedRate = { seconds: RATE_SECONDS + 3, requests: TARGET_RATE * RATE_SECONDS, rate: TARGET_RATE };
    const phases: { key: keyof Target["phases"]; label: string; options: (t: Target) => PhaseOptions }[] = [
      // JIT and caches warm up before anything is measured.
      { key: "warmUp", label: "warm-up", options: () => ({ connections: RATE_CONNECTIONS, seconds: 10, requests: WARM_UP }) },
      { key: "bursts", label: `${TARGET_RATE}/s, overallRate`, options: () => ({ ...fixedRate, connections: RATE_CONNECTIONS }) },
      {
        key: "paced",
        label: `${TARGET_RATE}/s, evenly paced`,
        options: () => ({ ...fixedRate, connections: PACED_RUNS, staggered: PACED_RUNS }),
      },
      {
        key: "max",
        label: `max, ${MAX_CONNECTIONS} connections`,
        options: (t) => ({ connections: MAX_CONNECTIONS, seconds: MAX_SECONDS, requests: t.ids.list.length - t.ids.next }),
      },
    ];
    for (const phase of phases) {
      for (const t of targets) t.phases[phase.key] = await runPhase(t.server, template.publicId, t.ids, phase.label, phase.options(t));
      console.log(`  ${phase.label}: done`);
    }
  } finally {
    for (const t of targets) await t.server.stop();
  }
  return targets.map((t) => {
    const all = Object.values(t.phases);
    return {
      name: t.name,
      bursts: t.phases.bursts,
      paced: t.phases.paced,
      max: t.phases.max,
      counted: all.reduce((n, p) => n + p.ok, 0),
      unanswered: all.reduce((n, p) => n + p.unanswered, 0),
      submitted: submittedCount(t.file, template.surveyId),
    };
  });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString("en-GB")} /s`;

async function main() {
  ensureBuild();
  const dir = path.resolve("tests/.tmp", `bench-submit-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const cleanUp = onShutdown(async () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    const began = Date.now();
    const loadBefore = os.loadavg()[0];
    console.log(`Preparing ${ROWS.toLocaleString("en-GB")} in-progress responses through the models…`);
    const template = await makeTemplate(dir);
    console.log(`  prepared in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    const files = Object.fromEntries([APP, APP_UNGROUPED, BARE].map((name, i) => [name, path.join(dir, `target-${i}.db`)]));
    for (const file of Object.values(files)) copyDatabase(template.file, file);

    console.log("Loading the app and the bare handler in turn, phase by phase…");
    const [app, ungrouped, bare] = await benchTargets(template, files);

    console.log(`\nSubmissions: POST /s/<id>/check, each with its own in-progress response; SQLite WAL, synchronous=FULL.`);
    console.log(
      `"overallRate": one autocannon run, ${RATE_CONNECTIONS} connections, which sends each second's ${TARGET_RATE} in a burst at its start.\n` +
        `"evenly paced": ${PACED_RUNS} one-connection runs at ${TARGET_RATE / PACED_RUNS}/s each, started ${Math.round(1000 / PACED_RUNS)} ms apart.\n` +
        `Fixed-rate req/s = successes / the planned ${RATE_SECONDS} s (or the time taken, if longer). Latencies are per response, uncorrected.\n`,
    );
    printTable(
      ["target", "phase", "sent", "ok", "failed", "unanswered", "seconds", "req/s", "p50", "p99", "max", "generator lag"],
      [app, ungrouped, bare].flatMap((t) =>
        [t.bursts, t.paced, t.max].map((p) => [
          t.name,
          p.phase,
          p.sent,
          p.ok,
          p.failed,
          p.unanswered,
          p.seconds.toFixed(1),
          perSecond(p.requestsPerSecond),
          ms(p.p50),
          ms(p.p99),
          ms(p.max),
          ms(p.generatorLagMs),
        ]),
      ),
    );
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log("");
    printTable(
      ["against bare", "phase", "max req/s", "p50", "p99"],
      [app, ungrouped].flatMap((t) => [
        [
          t.name,
          "max throughput",
          ratio(t.max.requestsPerSecond, bare.max.requestsPerSecond),
          ratio(t.max.p50, bare.max.p50),
          ratio(t.max.p99, bare.max.p99),
        ],
        ...(["bursts", "paced"] as const).map((key) => [
          t.name,
          t[key].phase,
          "",
          ratio(t[key].p50, bare[key].p50),
          ratio(t[key].p99, bare[key].p99),
        ]),
      ]),
    );

    console.log("");
    for (const t of [app, ungrouped, bare]) {
      // A request cut off by the end of a phase may still have been submitted.
      const consistent = t.submitted >= t.counted && t.submitted <= t.counted + t.unanswered;
      console.log(
        consistent
          ? `${t.name}: its database holds ${t.submitted.toLocaleString("en-GB")} submitted responses: the ${t.counted.toLocaleString("en-GB")} counted` +
              (t.submitted > t.counted ? ` and ${t.submitted - t.counted} cut off at the end of a phase.` : ".")
          : `WARNING: ${t.name}: ${t.counted} successes counted (${t.unanswered} unanswered) but ${t.submitted} submitted in its database.`,
      );
    }
    // At the rate: every request succeeded, and they took no longer than planned (a server that
    // falls behind makes autocannon's fixed-rate phase run long).
    const latencyGoal = (p: PhaseResult) =>
      p.failed === 0 && p.ok === TARGET_RATE * RATE_SECONDS && p.seconds <= RATE_SECONDS + 0.5 && p.p99 < P99_GOAL_MS;
    const throughputGoal = app.max.failed === 0 && app.max.requestsPerSecond >= bare.max.requestsPerSecond / 2;
    console.log("\nGoals (the app):");
    for (const p of [app.bursts, app.paced]) {
      console.log(
        `  p99 under ${P99_GOAL_MS} ms at ${TARGET_RATE} submissions/s (${p.phase}): ${latencyGoal(p) ? "MET" : "NOT MET"} ` +
          `(p99 ${ms(p.p99)}; ${p.ok.toLocaleString("en-GB")} of ${(TARGET_RATE * RATE_SECONDS).toLocaleString("en-GB")} sent in ${p.seconds.toFixed(1)} s)`,
      );
    }
    console.log(
      `  at least half the bare handler's throughput: ${throughputGoal ? "MET" : "NOT MET"} ` +
        `(${perSecond(app.max.requestsPerSecond)} against ${perSecond(bare.max.requestsPerSecond)}, ${ratio(app.max.requestsPerSecond, bare.max.requestsPerSecond)})`,
    );
    // Other work on these 2 cores (and on the disk the commits wait for) moves every figure.
    const loadAfter = os.loadavg()[0];
    console.log(`\nLoad average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} cores.`);
    if (loadBefore > 1)
      console.log("The machine was already busy before this run: treat the figures as pessimistic and run again when it is idle.");
    console.log(`Total time ${((Date.now() - began) / 1000).toFixed(0)} s.`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

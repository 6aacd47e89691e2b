/**
 * An import's rows on their way in, and the import_jobs row that follows them.
 *
 * A large import must not hold the database for its whole length: on SQLite the app has one
 * connection, and every parent's page and submission would wait for it. So an import stores its
 * responses a batch at a time, each batch a short transaction of its own, and the parents'
 * requests that arrived meanwhile run in between. Until the whole file is stored the rows are
 * staged: `in_progress`, which every reader of sent responses leaves out (KPI figures, exports,
 * moderation, results, the survey's count of sent responses), marked with the job's id, and
 * dated at import time (`updated_at`), which retention's sweep of unfinished responses leaves
 * alone. A failure, or a server stopped, before the import commits leaves nothing anyone sees,
 * and exactly the job's rows are removed.
 *
 * Committing is one small transaction (the job row says so, with the audit entry); from then on
 * the import always finishes, if need be in the next process. Publishing marks the rows
 * `submitted`: on PostgreSQL in one transaction; on SQLite month by month, a few hundred at a
 * time, each step counted into the KPI summary before the next (publishStagedResponses says
 * why). While SQLite publishes, part of the file is visible.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import type { DB } from "~/db.server";
import type { ImportProblem } from "~/domain/import";
import { recordAudit, type AuditEntry } from "./audit.server";
import { isSqlite } from "./dialect.server";
import { markKpisStale } from "./kpi-stale.server";
import { refreshKpiSummary } from "./kpi-summary.server";

export type ImportJob =
  | { status: "running"; done: number; total: number | null; counting?: true }
  | { status: "imported"; done: number; total: number; imported: number; skipped?: number }
  | { status: "rejected"; problems: ImportProblem[]; problemCount: number }
  | { status: "failed" };

/** A running job whose row has not moved for this long has stopped, wherever it ran. */
export const STALLED_MS = 2 * 60 * 1000;
/** How often a running job's row is touched when no batch has touched it. */
const HEARTBEAT_MS = 20 * 1000;
/**
 * Rows of one month published between two KPI refreshes: counting them takes a few hundredths of
 * a second. The summary adds up to 500 new responses to a month it has counted
 * (INCREMENTAL_LIMIT in kpi-summary.server.ts) and recounts the whole month beyond that.
 */
export const PUBLISH_STEP = 200;
/** Staged responses removed per transaction when an import is abandoned. */
const DISCARD_STEP = 200;

/** Lets the requests that arrived meanwhile run before the next step. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The pause between an import's steps: as long as the step before it took (at least a
 * millisecond, at most a quarter of a second). The import then has at most half of the server's
 * time and of the database's, and the parents' requests that arrived during a step, each a few
 * queries long, have both to themselves until they finish rather than taking turns with it.
 */
export function pacedPause(): () => Promise<void> {
  let stepStarted = performance.now();
  return async () => {
    const step = performance.now() - stepStarted;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(Math.max(step, 1), 250)));
    stepStarted = performance.now();
  };
}

// This process, as import_jobs.runner names it. On globalThis: the server's start-up code and
// the bundled app are two copies of this module in one process.
const runnerState = globalThis as { __importRunner?: string };
const RUNNER = (runnerState.__importRunner ??= `${os.hostname()}:${process.pid}:${randomBytes(6).toString("hex")}`);

export interface ImportJobRef {
  id: string;
  forumId: string;
  surveyId: string;
}

// ------------------------------------------------------------------------------------------------
// The job row

/** Records a new running import and returns its id. */
export async function openImportJob(
  db: DB,
  input: { forumId: string; surveyId: string; actor: string; contentHash?: string },
): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  const now = new Date().toISOString();
  await db
    .insertInto("import_jobs")
    .values({
      id,
      forum_id: input.forumId,
      survey_id: input.surveyId,
      actor: input.actor,
      status: "running",
      done: 0,
      total: null,
      problems: null,
      problem_count: null,
      started_at: now,
      updated_at: now,
      runner: RUNNER,
      content_hash: input.contentHash ?? null,
    })
    .execute();
  return id;
}

/**
 * Touches the job's row now and then while it runs (checking a file writes nothing), as long as
 * this process is the one running it; returns the stop.
 */
export function keepImportJobAlive(db: DB, jobId: string): () => void {
  const timer = setInterval(() => {
    db.updateTable("import_jobs")
      .set({ updated_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .where("status", "=", "running")
      .where("runner", "=", RUNNER)
      .execute()
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The job's progress, in the transaction that stored the batch. Fails if another process has
 * meanwhile given the job up for stopped: its rows are being removed, so storing more is pointless.
 */
export async function recordImportProgress(trx: DB, jobId: string, done: number, total: number): Promise<void> {
  const updated = await trx
    .updateTable("import_jobs")
    .set({ done, total, updated_at: new Date().toISOString() })
    .where("id", "=", jobId)
    .where("status", "=", "running")
    .where("counting", "=", 0)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error("This import was given up for stopped, so it cannot go on");
}

/**
 * The point of no return: every row is stored, the job says it will publish them and the audit
 * log records the import. Fails, changing nothing, if the job was given up meanwhile.
 */
export async function commitImport(db: DB, jobId: string, total: number, audit: AuditEntry): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("import_jobs")
      .set({ counting: 1, done: total, total, updated_at: new Date().toISOString() })
      .where("id", "=", jobId)
      .where("status", "=", "running")
      .where("counting", "=", 0)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error("This import was given up for stopped, so it cannot be committed");
    await recordAudit(trx, audit);
  });
}

/**
 * Writes how the job ended. "failed" is written only over a job that had not committed: one that
 * had is finished by the next process to reclaim it, and must not be reported as storing nothing.
 */
export async function saveImportJob(db: DB, jobId: string, state: ImportJob): Promise<void> {
  let query = db
    .updateTable("import_jobs")
    .set({
      status: state.status,
      done: state.status === "running" || state.status === "imported" ? state.done : 0,
      total: state.status === "running" || state.status === "imported" ? state.total : null,
      counting: state.status === "running" && state.counting ? 1 : 0,
      problems: state.status === "rejected" ? JSON.stringify(state.problems) : null,
      problem_count: state.status === "rejected" ? state.problemCount : null,
      // A reclaim that finishes a stopped job does not know it: the column keeps what it held.
      ...(state.status === "imported" && state.skipped !== undefined ? { skipped: state.skipped } : {}),
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", jobId);
  if (state.status === "failed") query = query.where("counting", "=", 0);
  await query.execute();
}

/**
 * Whether a running job's process has stopped: its row has not moved for STALLED_MS, or, on
 * SQLite, it ran in a process that is gone (a restart, a crash, a killed command), which is known
 * at once: a SQLite file is only ever used from one machine. On PostgreSQL, servers in containers
 * can share a host name and process ids, so only the job's silence counts (a PostgreSQL import
 * that stopped shows nothing meanwhile: its publishing is one transaction). A job of this very
 * process is never taken for stopped while it moves.
 */
export function importJobStopped(db: DB, row: { updated_at: string; runner: string | null }, now = Date.now()): boolean {
  if (now - Date.parse(row.updated_at) > STALLED_MS) return true;
  if (!isSqlite(db) || !row.runner || row.runner === RUNNER) return false;
  // host:pid:random id, and a host name has no colon.
  const [host, pid] = row.runner.split(":");
  const processId = Number(pid);
  if (host !== os.hostname() || !Number.isSafeInteger(processId)) return false;
  // The same process id with another random id: an earlier process that had this id.
  if (processId === process.pid) return true;
  return !processAlive(processId);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// ------------------------------------------------------------------------------------------------
// Publishing, and giving up

/**
 * Publishes the job's staged responses.
 *
 * PostgreSQL: in one transaction, with every month they fall in marked stale. It holds only the
 * import's own rows, so nobody waits for it; the caller then counts the months (whole, each in
 * its own transaction, on the database's side of the connection).
 *
 * SQLite: one transaction would hold the app's only connection for the whole update and, worse,
 * leave months to recount whole, a few tenths of a second each. So month by month, each step one
 * short transaction that marks up to PUBLISH_STEP of them `submitted` and the month stale, with
 * the KPI summary brought up to date before the month's next step. The last step of each month is
 * left for the caller's own refresh (as a submission leaves its month stale).
 *
 * Safe to run again, or in two processes: a row is published once.
 */
export async function publishStagedResponses(db: DB, job: ImportJobRef, pause: () => Promise<void>): Promise<number> {
  if (!isSqlite(db)) {
    return db.transaction().execute(async (trx) => {
      const months = await trx
        .selectFrom("responses")
        .select(sql<string>`substr(submitted_on, 1, 7)`.as("month"))
        .distinct()
        .where("survey_id", "=", job.surveyId)
        .where("status", "=", "in_progress")
        .where("import_job_id", "=", job.id)
        .where("submitted_on", "is not", null)
        .execute();
      const sent = await trx
        .updateTable("responses")
        .set({ status: "submitted" })
        .where("survey_id", "=", job.surveyId)
        .where("status", "=", "in_progress")
        .where("import_job_id", "=", job.id)
        .executeTakeFirst();
      await markKpisStale(
        trx,
        job.surveyId,
        months.map((m) => `${m.month}-01`),
      );
      await trx.updateTable("import_jobs").set({ updated_at: new Date().toISOString() }).where("id", "=", job.id).execute();
      return Number(sent.numUpdatedRows);
    });
  }
  let published = 0;
  for (let month = await nextStagedMonth(db, job, null); month; month = await nextStagedMonth(db, job, month)) {
    for (let step = 0; ; step++) {
      const ids = await stagedIds(db, job, month, PUBLISH_STEP);
      if (ids.length === 0) break;
      // The month's previous step is counted before this one lands: one incremental recount each.
      if (step > 0) await countIntoSummary(db, job);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("responses")
          .set({ status: "submitted" })
          .where("id", "in", ids)
          .where("status", "=", "in_progress")
          .where("import_job_id", "=", job.id)
          .execute();
        await markKpisStale(trx, job.surveyId, [`${month}-01`]);
        await trx.updateTable("import_jobs").set({ updated_at: new Date().toISOString() }).where("id", "=", job.id).execute();
      });
      published += ids.length;
      await pause();
    }
  }
  return published;
}

/**
 * Brings the survey's KPI summary up to date. A failure does not stop the import: the months stay
 * stale, and the dashboard counts them on its next visit (recounting them whole, more slowly).
 */
export async function countIntoSummary(db: DB, job: ImportJobRef): Promise<void> {
  await refreshKpiSummary(db, job.forumId, job.surveyId).catch((error: unknown) =>
    console.error("Counting an import into the KPI summary failed; the dashboard counts it on its next visit", error),
  );
}

/** The first month after `after` ("YYYY-MM") holding a staged response of the job: one index seek. */
async function nextStagedMonth(db: DB, job: ImportJobRef, after: string | null): Promise<string | null> {
  let query = db
    .selectFrom("responses")
    .select("submitted_on")
    .where("survey_id", "=", job.surveyId)
    .where("status", "=", "in_progress")
    .where("import_job_id", "=", job.id)
    .where("submitted_on", "is not", null)
    .orderBy("submitted_on")
    .limit(1);
  if (after) query = query.where("submitted_on", ">", `${after}-31`);
  const row = await query.executeTakeFirst();
  return row?.submitted_on?.slice(0, 7) ?? null;
}

async function stagedIds(db: DB, job: ImportJobRef, month: string | null, limit: number): Promise<string[]> {
  let query = db
    .selectFrom("responses")
    .select("id")
    .where("survey_id", "=", job.surveyId)
    .where("status", "=", "in_progress")
    .where("import_job_id", "=", job.id)
    // Staged rows are dated: past the survey's undated unfinished responses, in the index.
    .where("submitted_on", "is not", null)
    .limit(limit);
  if (month) query = query.where("submitted_on", ">=", `${month}-01`).where("submitted_on", "<=", `${month}-31`);
  return (await query.execute()).map((r) => r.id);
}

/**
 * Gives up an import that has not committed: its job is marked failed first (so that it can no
 * longer commit), then exactly its staged rows are removed, a few hundred per transaction.
 * Does nothing to a job that has committed (it must be finished instead). Returns the number of
 * responses removed.
 */
export async function abandonImport(db: DB, job: ImportJobRef, pause: () => Promise<void>): Promise<number> {
  await db
    .updateTable("import_jobs")
    .set({ status: "failed" })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("counting", "=", 0)
    .execute();
  const row = await db.selectFrom("import_jobs").select(["status", "counting"]).where("id", "=", job.id).executeTakeFirst();
  if (row && (row.status !== "failed" || row.counting)) return 0;
  let removed = 0;
  for (;;) {
    const ids = await stagedIds(db, job, null, DISCARD_STEP);
    if (ids.length === 0) return removed;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("answers").where("response_id", "in", ids).execute();
      await trx.deleteFrom("consents").where("response_id", "in", ids).execute();
      await trx.deleteFrom("responses").where("id", "in", ids).where("status", "=", "in_progress").execute();
    });
    removed += ids.length;
    await pause();
  }
}

export interface ReclaimReport {
  /** Imports that had not committed: marked failed, their staged rows removed. */
  failed: number;
  /** Imports that had: their remaining rows published. */
  finished: number;
}

/**
 * Imports whose process stopped part way (importJobStopped): one that had not committed is
 * marked failed and its staged rows removed; one that had is finished, its remaining rows
 * published and counted. Also removes the rows of failed imports whose removal was itself cut
 * short. Run at every server start (with retention), before every import, and by the job that
 * failed after committing. Two processes doing this at once is safe: each job is claimed by a
 * conditional update, and only one process wins it.
 */
export async function reclaimStoppedImports(db: DB, now = Date.now(), pause = pacedPause()): Promise<ReclaimReport> {
  const report: ReclaimReport = { failed: 0, finished: 0 };
  const running = await db
    .selectFrom("import_jobs")
    .select(["id", "forum_id", "survey_id", "counting", "total", "updated_at", "runner"])
    .where("status", "=", "running")
    .execute();
  for (const row of running) {
    if (!importJobStopped(db, row, now)) continue;
    const job = { id: row.id, forumId: row.forum_id, surveyId: row.survey_id };
    if (!row.counting) {
      // The claim: marked failed only if nobody else marked it meanwhile. updated_at stays the
      // time it last moved, so the job is forgotten a day after that.
      const claimed = await db
        .updateTable("import_jobs")
        .set({ status: "failed" })
        .where("id", "=", row.id)
        .where("status", "=", "running")
        .where("counting", "=", 0)
        .where("updated_at", "=", row.updated_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) report.failed += 1;
      continue;
    }
    const claimed = await db
      .updateTable("import_jobs")
      .set({ updated_at: new Date(now).toISOString(), runner: RUNNER })
      .where("id", "=", row.id)
      .where("status", "=", "running")
      .where("updated_at", "=", row.updated_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const stop = keepImportJobAlive(db, row.id);
    try {
      await publishStagedResponses(db, job, pause);
      await countIntoSummary(db, job);
    } finally {
      stop();
    }
    const total = Number(row.total ?? 0);
    await saveImportJob(db, row.id, { status: "imported", done: total, total, imported: total });
    report.finished += 1;
  }
  // Failed imports whose rows are still there: just marked, or a removal cut short.
  const failed = await db.selectFrom("import_jobs").select(["id", "forum_id", "survey_id"]).where("status", "=", "failed").execute();
  for (const row of failed) {
    if ((await stagedIds(db, { id: row.id, forumId: row.forum_id, surveyId: row.survey_id }, null, 1)).length === 0) continue;
    await abandonImport(db, { id: row.id, forumId: row.forum_id, surveyId: row.survey_id }, pause);
  }
  return report;
}

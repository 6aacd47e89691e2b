/**
 * CSV imports run as background jobs, so the admin's page can show a progress bar and a slow
 * import never holds a request open until a proxy times it out.
 *
 * Each job is a row in import_jobs, so the page following it may be answered by any app server
 * sharing the database. The server running the job also keeps its progress in memory: on SQLite
 * the import's own transaction holds the one connection, so the row is written when the job
 * starts and ends, and the (single) server reports progress from memory; on PostgreSQL the row
 * is updated batch by batch too. A job whose row has not moved for a while, and that no server
 * here is running, was cut off by a restart: importResponses is one transaction, so it stored
 * nothing, and the page says so.
 */
import { randomBytes } from "node:crypto";
import type { DB } from "~/db.server";
import type { ImportProblem } from "~/domain/import";
import { recordAudit } from "./audit.server";
import { isSqlite } from "./dialect.server";
import { importResponses } from "./import.server";
import { refreshKpiSummary } from "./kpi-summary.server";

export type ImportJob =
  | { status: "running"; done: number; total: number | null; counting?: true }
  | { status: "imported"; done: number; total: number; imported: number }
  | { status: "rejected"; problems: ImportProblem[]; problemCount: number }
  | { status: "failed" };

/** A running job's row not updated for this long, and not running here, was cut off. */
export const STALLED_MS = 2 * 60 * 1000;
/** Finished jobs are kept a day; the audit log keeps the record of each import. */
const KEEP_MS = 24 * 3600 * 1000;

// This server's running jobs, with their latest progress. On globalThis: the server's start-up
// code and the bundled app are two copies of this module.
const running = ((globalThis as { __importJobs?: Map<string, ImportJob> }).__importJobs ??= new Map<string, ImportJob>());

/**
 * Starts importing `csvText` into the survey and returns the job's id once its row is stored.
 * `onFailure` hears of an unexpected error (the page shows "failed"; nothing was stored).
 */
export async function startImportJob(
  db: DB,
  input: { forumId: string; surveyId: string; csvText: string; actor: string },
  onFailure: (error: unknown) => void = () => {},
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
    })
    .execute();
  running.set(id, { status: "running", done: 0, total: null });
  const sharedProgress = !isSqlite(db);
  const save = (state: ImportJob) =>
    db
      .updateTable("import_jobs")
      .set({
        status: state.status,
        done: state.status === "running" || state.status === "imported" ? state.done : 0,
        total: state.status === "running" || state.status === "imported" ? state.total : null,
        counting: state.status === "running" && state.counting ? 1 : 0,
        problems: state.status === "rejected" ? JSON.stringify(state.problems) : null,
        problem_count: state.status === "rejected" ? state.problemCount : null,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();

  // After this request's response: the redirect reaches the admin before the work starts.
  setImmediate(() => {
    const work = async (): Promise<ImportJob> => {
      const outcome = await importResponses(db, {
        ...input,
        onProgress: (done, total) => {
          const state: ImportJob = { status: "running", done, total };
          running.set(id, state);
          if (sharedProgress) void save(state).catch(() => undefined);
        },
      });
      if (!outcome.ok) {
        // importResponses records a successful import itself; a refused file is recorded here.
        await recordAudit(db, {
          forumId: input.forumId,
          actor: input.actor,
          action: "responses.import_rejected",
          subject: input.surveyId,
          detail: { problems: outcome.problemCount },
        });
        return { status: "rejected", problems: outcome.problems, problemCount: outcome.problemCount };
      }
      // Count the new responses into the KPI summary now, so the board's next visit does not
      // pay for a large import. If this fails, the dashboard counts them on its visit.
      const counting: ImportJob = { status: "running", done: outcome.imported, total: outcome.imported, counting: true };
      running.set(id, counting);
      await save(counting);
      await refreshKpiSummary(db, input.forumId, input.surveyId).catch((error: unknown) =>
        console.error("Counting an import into the KPI summary failed; the dashboard counts it on its next visit", error),
      );
      return { status: "imported", done: outcome.imported, total: outcome.imported, imported: outcome.imported };
    };
    work()
      .catch((error: unknown) => {
        onFailure(error);
        return { status: "failed" } as const;
      })
      .then(async (state) => {
        await save(state).catch((error: unknown) => onFailure(error));
        running.delete(id);
      });
  });
  return id;
}

/** The job, only for the forum and survey it belongs to. */
export async function findImportJob(
  db: DB,
  forumId: string,
  surveyId: string,
  id: string,
  now = Date.now(),
): Promise<ImportJob | undefined> {
  const row = await db
    .selectFrom("import_jobs")
    .selectAll()
    .where("id", "=", id)
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.status === "running") {
    const here = running.get(id);
    if (here) return here;
    if (now - Date.parse(row.updated_at) > STALLED_MS) return { status: "failed" };
    return {
      status: "running",
      done: Number(row.done),
      total: row.total === null ? null : Number(row.total),
      ...(row.counting ? { counting: true as const } : {}),
    };
  }
  if (row.status === "imported") {
    return { status: "imported", done: Number(row.done), total: Number(row.total), imported: Number(row.done) };
  }
  if (row.status === "rejected") {
    return { status: "rejected", problems: JSON.parse(row.problems ?? "[]") as ImportProblem[], problemCount: Number(row.problem_count) };
  }
  return { status: "failed" };
}

/** Forgets jobs after a day (a refused file's problems quote its cells); run with retention. */
export async function pruneImportJobs(db: DB, now = Date.now()): Promise<number> {
  const deleted = await db
    .deleteFrom("import_jobs")
    .where("updated_at", "<", new Date(now - KEEP_MS).toISOString())
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

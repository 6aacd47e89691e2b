/**
 * CSV imports run as background jobs, so the admin's page can show a progress bar and a slow
 * import never holds a request open until a proxy times it out.
 *
 * Each job is a row in import_jobs, so the page following it may be answered by any app server
 * sharing the database: the import writes its progress there with every batch it stores (see
 * import-staging.server.ts for how the rows go in). The server running the job also keeps its
 * latest state in memory, which it reports first. A job whose process has stopped shows as
 * failed if it had not committed (it left nothing visible, and its staged rows are removed), or
 * as still updating the figures if it had, until a reclaim finishes it.
 */
import { createHash } from "node:crypto";
import type { DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { importResponses } from "./import.server";
import {
  countIntoSummary,
  importJobStopped,
  openImportJob,
  reclaimStoppedImports,
  saveImportJob,
  STALLED_MS,
  type ImportJob,
} from "./import-staging.server";
import type { ImportProblem } from "~/domain/import";

export { STALLED_MS, type ImportJob };

/** The file's fingerprint: its text (already decoded, so a re-saved copy with a BOM is the same). */
export function importContentHash(csvText: string): string {
  return createHash("sha256").update(csvText.replace(/\r\n/g, "\n").trim()).digest("hex");
}

interface EarlierImport {
  startedAt: string;
  imported: number;
}

/** The latest import of the same file into the survey that stored (or is storing) responses. */
export async function earlierImportOfSameFile(db: DB, forumId: string, surveyId: string, csvText: string): Promise<EarlierImport | null> {
  const row = await db
    .selectFrom("import_jobs")
    .select(["started_at", "done"])
    .where("forum_id", "=", forumId)
    .where("survey_id", "=", surveyId)
    .where("content_hash", "=", importContentHash(csvText))
    .where("status", "in", ["imported", "running"])
    .orderBy("started_at", "desc")
    .executeTakeFirst();
  return row ? { startedAt: row.started_at, imported: Number(row.done) } : null;
}

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
  input: { forumId: string; surveyId: string; csvText: string; actor: string; differentWave?: boolean },
  onFailure: (error: unknown) => void = () => {},
): Promise<string> {
  const contentHash = importContentHash(input.csvText);
  const id = await openImportJob(db, { ...input, contentHash });
  if (input.differentWave) {
    await recordAudit(db, {
      forumId: input.forumId,
      actor: input.actor,
      action: "responses.import_same_file_confirmed",
      subject: input.surveyId,
      detail: { job: id },
    });
  }
  running.set(id, { status: "running", done: 0, total: null });

  // After this request's response: the redirect reaches the admin before the work starts.
  setImmediate(() => {
    let committed = false;
    const work = async (): Promise<ImportJob> => {
      const outcome = await importResponses(db, {
        ...input,
        jobId: id,
        onProgress: (done, total) => running.set(id, { status: "running", done, total }),
        onPublishing: () => {
          committed = true;
          const total = (running.get(id) as { total: number }).total;
          running.set(id, { status: "running", done: total, total, counting: true });
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
      // The last of each month's responses counted now, so the board's next visit has nothing to do.
      await countIntoSummary(db, { id, forumId: input.forumId, surveyId: input.surveyId });
      return { status: "imported", done: outcome.imported, total: outcome.imported, imported: outcome.imported, skipped: outcome.skipped };
    };
    work()
      .catch((error: unknown) => {
        onFailure(error);
        // Committed but not finished: the job stays running in the database, to be finished by
        // the next reclaim, here once it has gone quiet, or by the next process.
        if (committed) setTimeout(() => void reclaimStoppedImports(db).catch(onFailure), STALLED_MS + 1000).unref();
        return { status: "failed" } as const;
      })
      .then(async (state) => {
        await saveImportJob(db, id, state).catch((error: unknown) => onFailure(error));
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
    // Committed: the responses are going in, whatever became of the process that began it.
    if (row.counting) return { status: "running", done: Number(row.done), total: Number(row.total), counting: true };
    if (importJobStopped(db, row, now)) return { status: "failed" };
    return { status: "running", done: Number(row.done), total: row.total === null ? null : Number(row.total) };
  }
  if (row.status === "imported") {
    return {
      status: "imported",
      done: Number(row.done),
      total: Number(row.total),
      imported: Number(row.done),
      skipped: Number(row.skipped ?? 0),
    };
  }
  if (row.status === "rejected") {
    return { status: "rejected", problems: JSON.parse(row.problems ?? "[]") as ImportProblem[], problemCount: Number(row.problem_count) };
  }
  return { status: "failed" };
}

/**
 * Puts right the imports whose process stopped (reclaimStoppedImports), then forgets refused and
 * failed jobs a day after they last moved (a refused file's problems quote its cells). Imported
 * jobs are kept (a few numbers and the file's hash): they recognise the same file imported again.
 * Run at every server start and with retention.
 */
export async function pruneImportJobs(db: DB, now = Date.now()): Promise<number> {
  await reclaimStoppedImports(db, now);
  const deleted = await db
    .deleteFrom("import_jobs")
    .where("updated_at", "<", new Date(now - KEEP_MS).toISOString())
    .where("status", "in", ["rejected", "failed"])
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

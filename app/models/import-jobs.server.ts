/**
 * CSV imports run as background jobs, so the admin's page can show a progress bar and a slow
 * import never holds a request open until a proxy times it out.
 *
 * The registry is in the memory of the server process, keyed by a random id: enough for the one
 * app server a forum runs. A restart forgets running jobs, and that is safe: importResponses is
 * one transaction, so an interrupted import has stored nothing and the admin uploads again. With
 * several app servers behind a balancer this would need a jobs table (or sticky sessions).
 */
import { randomBytes } from "node:crypto";
import type { DB } from "~/db.server";
import type { ImportProblem } from "~/domain/import";
import { recordAudit } from "./audit.server";
import { importResponses } from "./import.server";
import { refreshKpiSummary } from "./kpis.server";

export type ImportJob =
  | { status: "running"; done: number; total: number | null; counting?: true }
  | { status: "imported"; done: number; total: number; imported: number }
  | { status: "rejected"; problems: ImportProblem[]; problemCount: number }
  | { status: "failed" };

interface JobEntry {
  id: string;
  forumId: string;
  surveyId: string;
  startedAt: number;
  state: ImportJob;
}

/** Finished jobs are forgotten after an hour; the audit log keeps the record of each import. */
const KEEP_MS = 60 * 60 * 1000;

// Kept on globalThis so a development reload of this module does not lose running jobs.
const registry = ((globalThis as { __importJobs?: Map<string, JobEntry> }).__importJobs ??= new Map<string, JobEntry>());

function forgetOld(now: number): void {
  for (const [id, job] of registry) if (job.state.status !== "running" && now - job.startedAt > KEEP_MS) registry.delete(id);
}

/**
 * Starts importing `csvText` into the survey and returns the job's id at once. `onFailure` hears
 * of an unexpected error (the page shows "failed"; nothing was stored).
 */
export function startImportJob(
  db: DB,
  input: { forumId: string; surveyId: string; csvText: string; actor: string },
  onFailure: (error: unknown) => void = () => {},
): string {
  forgetOld(Date.now());
  const id = randomBytes(16).toString("base64url");
  const entry: JobEntry = {
    id,
    forumId: input.forumId,
    surveyId: input.surveyId,
    startedAt: Date.now(),
    state: { status: "running", done: 0, total: null },
  };
  registry.set(id, entry);
  // After this request's response: the redirect reaches the admin before the work starts.
  setImmediate(() => {
    importResponses(db, {
      ...input,
      onProgress: (done, total) => {
        entry.state = { status: "running", done, total };
      },
    })
      .then(async (outcome) => {
        if (!outcome.ok) {
          // importResponses records a successful import itself; a refused file is recorded here.
          await recordAudit(db, {
            forumId: input.forumId,
            actor: input.actor,
            action: "responses.import_rejected",
            subject: input.surveyId,
            detail: { problems: outcome.problemCount },
          });
        }
        if (outcome.ok) {
          // Count the new responses into the KPI summary now, so the board's next visit does
          // not pay for a large import. If this fails, the dashboard counts them on its visit.
          entry.state = { status: "running", done: outcome.imported, total: outcome.imported, counting: true };
          await refreshKpiSummary(db, input.forumId, input.surveyId).catch((error: unknown) =>
            console.error("Counting an import into the KPI summary failed; the dashboard counts it on its next visit", error),
          );
        }
        entry.state = outcome.ok
          ? { status: "imported", done: outcome.imported, total: outcome.imported, imported: outcome.imported }
          : { status: "rejected", problems: outcome.problems, problemCount: outcome.problemCount };
      })
      .catch((error: unknown) => {
        entry.state = { status: "failed" };
        onFailure(error);
      });
  });
  return id;
}

/** The job, only for the forum and survey it belongs to. */
export function findImportJob(forumId: string, surveyId: string, id: string): ImportJob | undefined {
  const entry = registry.get(id);
  if (!entry || entry.forumId !== forumId || entry.surveyId !== surveyId) return undefined;
  return entry.state;
}

import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { findImportJob, pruneImportJobs } from "~/models/import-jobs.server";
import { PUBLISH_STEP, STALLED_MS } from "~/models/import-staging.server";
import { importResponses, type ImportInput } from "~/models/import.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { refreshKpiSummary } from "~/models/kpi-summary.server";
import { countSubmittedResponses } from "~/models/raw-export.server";
import { parentCarerExperience } from "~/templates";
import { forumWithSurvey, minimalParentAnswers, startFor, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

/**
 * An import stores its rows a batch at a time, staged where no one sees them, and publishes them
 * once every row is in: parents get the database between batches, and an import that fails or
 * whose process stops before it commits leaves nothing visible.
 */

/** The import time: the rows' dates must fall inside the forum's retention period from it. */
const NOW = new Date("2026-11-23T12:00:00Z");
const HEADER = ["submitted_at", ...parentCarerExperience.questions.map((q) => q.code)];

function csvOf(count: number, submittedAt: (i: number) => string, answers: Answers = minimalParentAnswers()): string {
  const cells = HEADER.slice(1).map((code) => {
    const answer = answers[code];
    return answer?.kind === "options" ? answer.codes.join(";") : "";
  });
  return [HEADER.join(","), ...Array.from({ length: count }, (_, i) => [submittedAt(i), ...cells].join(","))].join("\r\n") + "\r\n";
}

/** A pause that never ends: the import stops there, as in a process that has died. */
const never = () => new Promise<void>(() => {});

describe.each(STORES)("an import in batches on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  async function count(table: "responses" | "answers" | "consents" | "kpi_counted_responses", where?: (db: DB) => Promise<number>) {
    if (where) return where(t.db);
    const row = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function staged(): Promise<number> {
    const row = await t.db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("import_job_id", "is not", null)
      .where("status", "=", "in_progress")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function onlyJob() {
    return t.db.selectFrom("import_jobs").select(["id", "status", "counting", "done", "total"]).executeTakeFirstOrThrow();
  }
  /**
   * The job's process is gone. SQLite: it ran, with this very process id, in a process before
   * this one, which is known at once. PostgreSQL: its row has also been silent for long enough.
   */
  async function processGone(jobId: string) {
    await t.db
      .updateTable("import_jobs")
      .set({
        runner: `${os.hostname()}:${process.pid}:a-process-before-this-one`,
        ...(kind === "postgres" ? { updated_at: new Date(Date.now() - STALLED_MS - 1000).toISOString() } : {}),
      })
      .where("id", "=", jobId)
      .execute();
  }
  /** Lets a stalled import run until `reached` says it has got where the test needs it. */
  async function until(reached: () => boolean | Promise<boolean>) {
    for (let i = 0; i < 10_000 && !(await reached()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await reached()).toBe(true);
  }

  it.skipIf(skip)("a parent's response is sent while the import waits between two batches, and the import's rows stay unseen", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    let stored = 0;
    const between: { sent: string; visible: number; staged: number }[] = [];
    const outcome = await importResponses(t.db, {
      now: NOW,
      forumId: forum.id,
      surveyId: survey.id,
      csvText: csvOf(450, () => "2026-02-01"),
      onProgress: (done) => (stored = done),
      pause: async () => {
        if (stored !== 200 || between.length > 0) return;
        // On SQLite this would wait for the connection for as long as the import held it.
        const { result } = await submitAnswers(t.db, survey, minimalParentAnswers());
        between.push({ sent: result.status, visible: await countSubmittedResponses(t.db, forum.id, survey.id), staged: await staged() });
      },
    });
    expect(between).toEqual([{ sent: "submitted", visible: 1, staged: 200 }]);
    expect(outcome).toMatchObject({ ok: true, imported: 450 });
    expect(await countSubmittedResponses(t.db, forum.id, survey.id)).toBe(451);
    expect(await staged()).toBe(0);
    expect(await onlyJob()).toMatchObject({ status: "imported", done: 450, total: 450 });
  });

  it.skipIf(skip)("a failed import removes exactly the rows it stored, and nobody else's", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await submitAnswers(t.db, survey, minimalParentAnswers());
    const unfinished = await startFor(t.db, survey);
    const before = { responses: await count("responses"), answers: await count("answers"), consents: await count("consents") };
    const stale = await t.db.selectFrom("kpi_stale_months").select("month").orderBy("month").execute();
    await expect(
      importResponses(t.db, {
        now: NOW,
        forumId: forum.id,
        surveyId: survey.id,
        csvText: csvOf(700, (i) => `2026-0${1 + (i % 3)}-10`),
        onProgress: (done) => {
          if (done === 600) throw new Error("the disk is full");
        },
      }),
    ).rejects.toThrow("the disk is full");
    expect({ responses: await count("responses"), answers: await count("answers"), consents: await count("consents") }).toEqual(before);
    expect(await t.db.selectFrom("responses").select("id").where("id", "=", unfinished.responseId).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("kpi_stale_months").select("month").orderBy("month").execute()).toEqual(stale);
    expect(await onlyJob()).toMatchObject({ status: "failed" });
    expect(await t.db.selectFrom("audit_log").select("action").where("action", "=", "responses.imported").execute()).toEqual([]);
  });

  it.skipIf(skip)(
    "an import whose process stopped before it committed leaves nothing visible; the next start marks it failed and removes its rows",
    async () => {
      const { forum, survey } = await forumWithSurvey(t.db);
      const before = { responses: await count("responses"), answers: await count("answers"), consents: await count("consents") };
      let stored = 0;
      void importResponses(t.db, {
        now: NOW,
        forumId: forum.id,
        surveyId: survey.id,
        csvText: csvOf(1000, () => "2026-03-03"),
        onProgress: (done) => (stored = done),
        pause: () => (stored >= 400 ? never() : Promise.resolve()),
      });
      await until(() => stored >= 400);
      const job = await onlyJob();
      expect(job).toMatchObject({ status: "running", counting: 0, done: 400 });
      expect(await staged()).toBe(400);
      expect(await countSubmittedResponses(t.db, forum.id, survey.id)).toBe(0);
      expect(await t.db.selectFrom("kpi_stale_months").select("month").execute()).toEqual([]);

      await processGone(job.id);
      // What a server runs as it starts.
      await pruneImportJobs(t.db);
      expect(await findImportJob(t.db, forum.id, survey.id, job.id)).toEqual({ status: "failed" });
      expect({ responses: await count("responses"), answers: await count("answers"), consents: await count("consents") }).toEqual(before);
    },
  );

  it.skipIf(skip)(
    "an import whose process stopped while publishing is finished by the next start: every row sent and counted once",
    async () => {
      const { forum, survey } = await forumWithSurvey(t.db);
      let publishing = false;
      let pausesPublishing = 0;
      const rows = 2 * PUBLISH_STEP + 100;
      // SQLite publishes in steps: it stops after the first, with part of the file visible.
      // PostgreSQL publishes in one transaction: it stops before it, with nothing visible.
      const stopsAt = kind === "sqlite" ? 2 : 1;
      void importResponses(t.db, {
        now: NOW,
        forumId: forum.id,
        surveyId: survey.id,
        csvText: csvOf(rows, () => "2026-04-04"),
        onPublishing: () => (publishing = true),
        pause: () => (publishing && ++pausesPublishing >= stopsAt ? never() : Promise.resolve()),
      });
      await until(() => pausesPublishing >= stopsAt);
      expect(await countSubmittedResponses(t.db, forum.id, survey.id)).toBe(kind === "sqlite" ? PUBLISH_STEP : 0);
      const job = await onlyJob();
      expect(job).toMatchObject({ status: "running", counting: 1 });
      expect(await findImportJob(t.db, forum.id, survey.id, job.id)).toEqual({
        status: "running",
        done: rows,
        total: rows,
        counting: true,
      });

      await processGone(job.id);
      await pruneImportJobs(t.db);
      expect(await findImportJob(t.db, forum.id, survey.id, job.id)).toEqual({
        status: "imported",
        done: rows,
        total: rows,
        imported: rows,
        skipped: 0,
      });
      expect(await countSubmittedResponses(t.db, forum.id, survey.id)).toBe(rows);
      expect(await staged()).toBe(0);
      // Counted into the KPI summary, each response once.
      expect(await t.db.selectFrom("kpi_stale_months").select("month").execute()).toEqual([]);
      expect(await t.db.selectFrom("kpi_summary_months").select(["month", "responses"]).execute()).toEqual([
        { month: "2026-04", responses: rows },
      ]);
      expect(await count("kpi_counted_responses")).toBe(rows);
      expect(await t.db.selectFrom("audit_log").select("action").where("action", "=", "responses.imported").execute()).toHaveLength(1);
    },
  );

  it.skipIf(skip)("on SQLite publishing counts a large month as it goes, so the count the import leaves is a small one", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const rows = 3 * PUBLISH_STEP + 50;
    const input: ImportInput = { now: NOW, forumId: forum.id, surveyId: survey.id, csvText: csvOf(rows, () => "2026-05-05") };
    expect(await importResponses(t.db, input)).toMatchObject({ ok: true, imported: rows });
    if (kind === "sqlite") {
      // Counted up to the last step, which waits, as a parent's submission does, for the next refresh.
      expect(await t.db.selectFrom("kpi_summary_months").select("responses").execute()).toEqual([{ responses: 3 * PUBLISH_STEP }]);
      expect(await refreshKpiSummary(t.db, forum.id, survey.id)).toEqual({ months: [{ month: "2026-05", refresh: "incremental" }] });
    } else {
      // Published in one transaction, counted afterwards.
      expect(await t.db.selectFrom("kpi_summary_months").select("responses").execute()).toEqual([]);
      expect(await refreshKpiSummary(t.db, forum.id, survey.id)).toEqual({ months: [{ month: "2026-05", refresh: "full" }] });
    }
    const cells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter" });
    expect(cells.some((cell) => cell.n === rows)).toBe(true);
  });
});

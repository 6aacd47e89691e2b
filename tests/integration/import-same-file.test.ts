import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { earlierImportOfSameFile, findImportJob, pruneImportJobs, startImportJob } from "~/models/import-jobs.server";
import { listImports, undoImport } from "~/models/import-undo.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

/** A day `n` days ago: inside any retention period, never in the future. */
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600_000).toISOString().slice(0, 10);

/** A small file of `n` responses answering the required questions by option code. */
function file(n: number, date = daysAgo(30)): string {
  const answers = minimalParentAnswers();
  const codes = Object.keys(answers);
  const row = codes.map((code) => {
    const answer = answers[code];
    return answer.kind === "options" ? answer.codes.join(";") : "";
  });
  return [["submitted_at", ...codes].join(","), ...Array.from({ length: n }, () => [date, ...row].join(","))].join("\r\n") + "\r\n";
}

async function finished(db: DB, forumId: string, surveyId: string, jobId: string) {
  const deadline = Date.now() + 30_000;
  while ((await findImportJob(db, forumId, surveyId, jobId))?.status === "running" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return findImportJob(db, forumId, surveyId, jobId);
}

describe.each(STORES)("importing the same file again on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it.skipIf(skip)("recognises a file already imported into the survey, however its line endings were saved", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const { survey: other } = await forumWithSurvey(t.db);
    const text = file(3);
    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, text)).toBeNull();

    const jobId = await startImportJob(t.db, { forumId: forum.id, surveyId: survey.id, csvText: text, actor: "admin-1" });
    expect(await finished(t.db, forum.id, survey.id, jobId)).toMatchObject({ status: "imported", imported: 3 });

    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, text)).toMatchObject({ imported: 3 });
    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, text.replace(/\r\n/g, "\n"))).toMatchObject({ imported: 3 });
    // Another file, or the same file for another survey, is not the same import.
    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, file(3, daysAgo(31)))).toBeNull();
    expect(await earlierImportOfSameFile(t.db, other.forumId, other.id, text)).toBeNull();
    // A day later the job is still remembered (refused and failed jobs are forgotten).
    await pruneImportJobs(t.db, Date.now() + 3 * 24 * 3600_000);
    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, text)).toMatchObject({ imported: 3 });

    // Confirmed as a different wave: the confirmation is audited, and rows already imported are
    // still skipped, never counted twice.
    const again = await startImportJob(t.db, {
      forumId: forum.id,
      surveyId: survey.id,
      csvText: text,
      actor: "admin-1",
      differentWave: true,
    });
    expect(await finished(t.db, forum.id, survey.id, again)).toMatchObject({ status: "imported", imported: 0, skipped: 3 });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["detail"])
      .where("action", "=", "responses.import_same_file_confirmed")
      .where("subject", "=", survey.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? "{}"))).toEqual([{ job: again }]);
  });

  it.skipIf(skip)("undoes an import as a whole: its responses go, the figures drop them, and the file may come back", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await submitAnswers(t.db, survey, minimalParentAnswers());
    const text = file(4);
    const jobId = await startImportJob(t.db, { forumId: forum.id, surveyId: survey.id, csvText: text, actor: "admin-1" });
    expect(await finished(t.db, forum.id, survey.id, jobId)).toMatchObject({ status: "imported", imported: 4 });
    // Responses counted in the KPI summary, after the figures are read (which recounts stale months).
    const total = async () => {
      await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter" });
      const months = await t.db.selectFrom("kpi_summary_months").select("responses").where("survey_id", "=", survey.id).execute();
      return months.reduce((sum, m) => sum + Number(m.responses), 0);
    };
    expect(await total()).toBe(5);
    expect(await listImports(t.db, forum.id, survey.id)).toEqual([expect.objectContaining({ jobId, responses: 4 })]);

    expect(await undoImport(t.db, forum.id, survey.id, jobId, "admin-2")).toBe(4);
    const left = await t.db.selectFrom("responses").select("import_job_id").where("survey_id", "=", survey.id).execute();
    expect(left).toEqual([{ import_job_id: null }]);
    expect(await total()).toBe(1);
    expect(await listImports(t.db, forum.id, survey.id)).toEqual([]);
    expect(await earlierImportOfSameFile(t.db, forum.id, survey.id, text)).toBeNull();
    const audit = await t.db.selectFrom("audit_log").select(["actor", "detail"]).where("action", "=", "responses.import_undone").execute();
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail ?? "{}")])).toEqual([["admin-2", { responses: 4 }]]);
    // Twice, another survey's id, or another forum: nothing.
    expect(await undoImport(t.db, forum.id, survey.id, jobId, "admin-2")).toBeNull();
  });
});

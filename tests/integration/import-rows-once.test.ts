import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { csvRow } from "~/domain/csv";
import { findImportJob, startImportJob } from "~/models/import-jobs.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { rawResponsesCsv } from "~/models/raw-export.server";
import { forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

/** A day `n` days ago: inside any retention period, never in the future. */
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600_000).toISOString().slice(0, 10);

/** A file of `n` alike responses answering the required questions by option code. */
function file(n: number, date = daysAgo(30)): string {
  const answers = minimalParentAnswers();
  const codes = Object.keys(answers);
  const row = codes.map((code) => {
    const answer = answers[code];
    return answer.kind === "options" ? answer.codes.join(";") : "";
  });
  return [["submitted_at", ...codes].join(","), ...Array.from({ length: n }, () => [date, ...row].join(","))].join("\r\n") + "\r\n";
}

async function importFile(db: DB, forumId: string, surveyId: string, csvText: string) {
  const jobId = await startImportJob(db, { forumId, surveyId, csvText, actor: "admin-1", differentWave: true });
  const deadline = Date.now() + 30_000;
  while ((await findImportJob(db, forumId, surveyId, jobId))?.status === "running" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return findImportJob(db, forumId, surveyId, jobId);
}

async function rawExport(db: DB, forumId: string, surveyId: string): Promise<string> {
  let text = "";
  for await (const chunk of (await rawResponsesCsv(db, { forumId, surveyId, includeOriginals: false }))!) text += chunk;
  return text.replace(/^\uFEFF/, "");
}

describe.each(STORES)("rows already imported are skipped on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  /** Responses counted in the KPI summary, after the figures are read (which recounts stale months). */
  const counted = async (forumId: string, surveyId: string) => {
    await computeKpiCells(t.db, { forumId, surveyId, periodType: "quarter" });
    const months = await t.db.selectFrom("kpi_summary_months").select("responses").where("survey_id", "=", surveyId).execute();
    return months.reduce((sum, m) => sum + Number(m.responses), 0);
  };

  it.skipIf(skip)("imports the forum's own raw export again as nothing new, and an edited export's 2 new rows only", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await submitAnswers(t.db, survey, minimalParentAnswers());
    await submitAnswers(t.db, survey, minimalParentAnswers());
    expect(await importFile(t.db, forum.id, survey.id, file(3))).toMatchObject({ status: "imported", imported: 3 });
    expect(await counted(forum.id, survey.id)).toBe(5);

    const exported = await rawExport(t.db, forum.id, survey.id);
    const again = await importFile(t.db, forum.id, survey.id, exported);
    expect(again).toMatchObject({ status: "imported", imported: 0, skipped: 5 });
    expect(await counted(forum.id, survey.id)).toBe(5);

    // Two rows typed in below the export, with no reference of their own.
    const records = parse(exported, { columns: true }) as Record<string, string>[];
    const header = Object.keys(records[0]);
    const added = [daysAgo(10), daysAgo(11)].map((date, i) =>
      csvRow(
        header.map((column) =>
          column === "submitted_at" ? date : column === "response_ref" ? "" : column === "row_number" ? String(6 + i) : records[0][column],
        ),
      ),
    );
    const edited = exported.replace(/\r\n$/, "") + "\r\n" + added.join("\r\n") + "\r\n";
    expect(await importFile(t.db, forum.id, survey.id, edited)).toMatchObject({ status: "imported", imported: 2, skipped: 5 });
    expect(await counted(forum.id, survey.id)).toBe(7);
    // And that edited file once more: nothing new.
    expect(await importFile(t.db, forum.id, survey.id, edited)).toMatchObject({ status: "imported", imported: 0, skipped: 7 });
    expect(await counted(forum.id, survey.id)).toBe(7);
  });

  it.skipIf(skip)("knows a plain file's rows again, alike rows included, even when the admin calls it a different wave", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    expect(await importFile(t.db, forum.id, survey.id, file(3))).toMatchObject({ status: "imported", imported: 3 });
    expect(await importFile(t.db, forum.id, survey.id, file(3))).toMatchObject({ status: "imported", imported: 0, skipped: 3 });
    expect(await counted(forum.id, survey.id)).toBe(3);
    // One more alike row on the same day is a new response; the same rows on another day are new too.
    expect(await importFile(t.db, forum.id, survey.id, file(4))).toMatchObject({ status: "imported", imported: 1, skipped: 3 });
    expect(await importFile(t.db, forum.id, survey.id, file(2, daysAgo(31)))).toMatchObject({
      status: "imported",
      imported: 2,
      skipped: 0,
    });
    expect(await counted(forum.id, survey.id)).toBe(6);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "responses.imported")
      .where("subject", "=", survey.id)
      .execute();
    expect(audit.map((a) => (JSON.parse(a.detail ?? "{}") as { skipped: number }).skipped).sort()).toEqual([0, 0, 3, 3]);
  });
});

import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { collectKpiCells, resolveKpiExport } from "~/models/kpi-export.server";
import { importResponses } from "~/models/import.server";
import { applyRetention } from "~/models/retention.server";
import { saveAnswer, startResponse, submitResponse } from "~/models/responses.server";
import type { ResponseMode } from "~/domain/response-modes";
import { randomUUID } from "node:crypto";
import * as responseModeMigration from "../../db/migrations/2026-12-03T10-response-mode";
import * as kpiCountIndexesMigration from "../../db/migrations/2026-12-04T30-kpi-count-indexes";
import { ALL_CONSENTS, forumWithSurvey, minimalParentAnswers, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

function csv(rows: string[][]): string {
  return rows.map((r) => r.join(",")).join("\r\n") + "\r\n";
}

/** The import's "now": its rows' fixed dates stay inside the forum's retention whatever today is. */
const NOW = new Date("2026-11-23T12:00:00Z");
const ANSWERS = minimalParentAnswers();
const ANSWER_COLUMNS = Object.keys(ANSWERS);
const answerCells = () => ANSWER_COLUMNS.map((code) => (ANSWERS[code].kind === "options" ? ANSWERS[code].codes.join(";") : ""));

describe.each(STORES)("how a response was given, on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  /** A response sent through the pages' own model calls, as a member of staff entering it in `mode` would. */
  async function sendAs(survey: Survey, mode: ResponseMode, at: Date, overall = "good") {
    const { responseId } = await startResponse(t.db, {
      forumId: survey.forumId,
      surveyId: survey.id,
      versionId: survey.versionId,
      respondentRole: survey.audience,
      language: "en",
      idempotencyKey: randomUUID(),
      consents: ALL_CONSENTS,
      mode,
    });
    const response = { id: responseId, forumId: survey.forumId };
    for (const [code, value] of Object.entries({ ...ANSWERS, overall_experience: { kind: "options" as const, codes: [overall] } }))
      await saveAnswer(t.db, response, code, value, "en");
    const result = await submitResponse(t.db, response, survey.definition, "en", {
      now: at,
      assisted: mode === "web" ? null : { mode, actor: "volunteer-1" },
    });
    expect(result.status).toBe("submitted");
  }

  it.skipIf(skip)(
    "the migration makes existing responses web and gives every summarised month, sealed ones too, its breakdown",
    async () => {
      const { forum, survey } = await forumWithSurvey(t.db);
      for (let i = 0; i < 12; i++) await submitAnswers(t.db, survey, ANSWERS, new Date("2023-01-10T12:00:00Z"));
      for (let i = 0; i < 14; i++)
        await submitAnswers(
          t.db,
          survey,
          { ...ANSWERS, overall_experience: { kind: "options", codes: [i % 3 === 0 ? "poor" : "good"] } },
          new Date("2026-01-10T12:00:00Z"),
        );
      await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter" });
      // Retention deletes January 2023's responses and seals its counts: that month can never be recounted.
      await applyRetention(t.db, forum.id, "system", new Date("2026-02-15T12:00:00Z"));
      expect(
        await t.db
          .selectFrom("kpi_summary_months")
          .select(["month", "sealed_at"])
          .where("survey_id", "=", survey.id)
          .orderBy("month")
          .execute(),
      ).toEqual([
        { month: "2023-01", sealed_at: expect.any(String) },
        { month: "2026-01", sealed_at: null },
      ]);

      // As the database stood before the migration: no mode anywhere (a later index holds the
      // column, so it goes first and comes back after).
      const db = t.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      await kpiCountIndexesMigration.down(db);
      await responseModeMigration.down(db);
      await responseModeMigration.up(db);
      await kpiCountIndexesMigration.up(db);

      const modes = await t.db.selectFrom("responses").select("mode").distinct().execute();
      expect(modes).toEqual([{ mode: "web" }]);
      const cells = await computeKpiCells(t.db, { forumId: forum.id, surveyId: survey.id, periodType: "quarter", by: "mode" });
      const k1 = cells.filter((c) => c.kpi_id === "K1").map((c) => [c.time_period, c.segment_type, c.segment_value, c.n, c.numerator]);
      expect(k1).toEqual([
        ["2023-Q1", "all", "all", 12, 12],
        ["2023-Q1", "mode", "web", 12, 12],
        ["2026-Q1", "all", "all", 14, 9],
        ["2026-Q1", "mode", "web", 14, 9],
      ]);
    },
  );

  it.skipIf(skip)("a response entered for someone stores its mode; one sent by the respondent is web", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const at = new Date("2026-03-10T12:00:00Z");
    await sendAs(survey, "phone", at);
    await sendAs(survey, "web", at);
    const stored = await t.db.selectFrom("responses").select(["mode"]).orderBy("submitted_at").orderBy("started_at").execute();
    expect(stored.map((r) => r.mode).sort()).toEqual(["phone", "web"]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["actor", "subject", "detail"])
      .where("action", "=", "response.entered_for_someone")
      .execute();
    expect(audit).toEqual([{ actor: "volunteer-1", subject: survey.id, detail: JSON.stringify({ mode: "phone" }) }]);
  });

  it.skipIf(skip)("an import is paper unless its mode column says otherwise", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const header = ["submitted_at", ...ANSWER_COLUMNS, "mode"];
    const modes = ["", "phone", "Online", "PAPER", "assisted", "web"];
    const outcome = await importResponses(t.db, {
      now: NOW,
      forumId: forum.id,
      surveyId: survey.id,
      actor: "user-1",
      csvText: csv([header, ...modes.map((mode, i) => [`2026-03-0${i + 1}`, ...answerCells(), mode])]),
    });
    expect(outcome).toMatchObject({ ok: true, imported: 6 });
    const stored = await t.db.selectFrom("responses").select(["mode", "submitted_on", "source"]).orderBy("submitted_on").execute();
    expect(stored.map((r) => [r.submitted_on, r.mode, r.source])).toEqual([
      ["2026-03-01", "paper", "import"],
      ["2026-03-02", "phone", "import"],
      ["2026-03-03", "web", "import"],
      ["2026-03-04", "paper", "import"],
      ["2026-03-05", "assisted", "import"],
      ["2026-03-06", "web", "import"],
    ]);

    // Without the column, every row is paper.
    const plain = await importResponses(t.db, {
      now: NOW,
      forumId: forum.id,
      surveyId: survey.id,
      actor: "user-1",
      csvText: csv([
        ["submitted_at", ...ANSWER_COLUMNS],
        ["2026-04-01", ...answerCells()],
      ]),
    });
    expect(plain).toMatchObject({ ok: true, imported: 1 });
    expect(await t.db.selectFrom("responses").select("mode").where("submitted_on", "=", "2026-04-01").execute()).toEqual([
      { mode: "paper" },
    ]);
  });

  it.skipIf(skip)("an import with a mode that is not one refuses the file, naming each row and column, and stores nothing", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const header = ["submitted_at", ...ANSWER_COLUMNS, "mode"];
    const outcome = await importResponses(t.db, {
      now: NOW,
      forumId: forum.id,
      surveyId: survey.id,
      actor: "user-1",
      csvText: csv([
        header,
        ["2026-03-01", ...answerCells(), "paper"],
        ["2026-03-02", ...answerCells(), "fax"],
        ["2026-03-03", ...answerCells(), "email"],
      ]),
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "mode"],
      [4, "mode"],
    ]);
    expect(outcome.problems[0].message).toBe(
      '"fax" is not a way of answering. Use one of: web, paper, phone, assisted, or leave the cell empty for paper.',
    );
    const stored = await t.db.selectFrom("responses").select("id").execute();
    expect(stored).toEqual([]);
  });

  it.skipIf(skip)("the KPI export breaks down by mode, SDC-1 applied, and lists it among every breakdown", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const at = new Date("2026-02-10T12:00:00Z");
    // 12 online (6 positive), 10 on paper (all positive), 4 by phone: phone is suppressed, and so
    // is paper, the smallest other group, so phone cannot be worked out from the total.
    for (let i = 0; i < 12; i++) await sendAs(survey, "web", at, i % 2 === 0 ? "good" : "poor");
    for (let i = 0; i < 10; i++) await sendAs(survey, "paper", at);
    for (let i = 0; i < 4; i++) await sendAs(survey, "phone", at);
    const resolved = await resolveKpiExport(
      t.db,
      forum.id,
      new URLSearchParams("survey=parent-carer-experience&periodType=quarter&by=every"),
    );
    if (!resolved.ok) throw new Error(resolved.message);
    expect(resolved.request.segments).toContain("mode");
    const cells = await collectKpiCells(t.db, resolved.request);
    const k1 = cells.filter((c) => c.kpi_id === "K1" && c.time_period === "2026-Q1" && c.segment_type === "mode");
    expect(k1.map((c) => [c.segment_value, c.n, c.numerator, c.percent, c.flag])).toEqual([
      ["web", 12, 6, 50, "u"],
      ["paper", null, null, null, "c"],
      ["phone", null, null, null, "c"],
    ]);
    const all = cells.find((c) => c.kpi_id === "K1" && c.time_period === "2026-Q1" && c.segment_type === "all");
    expect([all?.n, all?.numerator]).toEqual([26, 20]);
  });
});

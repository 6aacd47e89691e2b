import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { seedDefaultKpis } from "~/models/kpi-register.server";
import { importResponses } from "~/models/import.server";
import { markKpisStale } from "~/models/kpi-stale.server";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { type ModerationActor } from "~/models/moderation-actor.server";
import { resolveSafeguarding } from "~/models/moderation-safeguarding.server";
import { flagSafeguarding } from "~/models/moderation-safeguarding.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { saveAnswer, startResponse, submitResponse } from "~/models/responses.server";
import { applyRetention, applyRetentionToAll, retentionCutoffMonth, retentionStatus, setRetentionMonths } from "~/models/retention.server";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

/** The day the tests run "on": the cut-off for 24 months is then 2024-11. */
const NOW = new Date("2026-11-23T12:00:00Z");

describe("the retention cut-off", () => {
  it("is the London month, so many calendar months back", () => {
    expect(retentionCutoffMonth(NOW, 24)).toBe("2024-11");
    expect(retentionCutoffMonth(new Date("2026-01-15T12:00:00Z"), 1)).toBe("2025-12");
    expect(retentionCutoffMonth(new Date("2026-01-15T12:00:00Z"), 13)).toBe("2024-12");
    // 23:30 UTC on 31 March is already 1 April in London (BST).
    expect(retentionCutoffMonth(new Date("2026-03-31T23:30:00Z"), 24)).toBe("2024-04");
  });
});

describe.each(STORES)("retention on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  async function start(survey: Survey, contact = false) {
    const { responseId } = await startResponse(t.db, {
      forumId: survey.forumId,
      surveyId: survey.id,
      versionId: survey.versionId,
      respondentRole: survey.audience,
      language: "en",
      idempotencyKey: randomUUID(),
      consents: { participate: true, special_category: true, quotes: true, follow_up: contact },
      contact: contact ? { name: "A parent", contact: "parent@example.org" } : null,
    });
    return responseId;
  }

  async function respond(survey: Survey, answers: Answers, submittedAt: Date, contact = false) {
    const responseId = await start(survey, contact);
    const response = { id: responseId, forumId: survey.forumId };
    for (const [code, value] of Object.entries(answers)) await saveAnswer(t.db, response, code, value, "en");
    const result = await submitResponse(t.db, response, survey.definition, "en", { now: submittedAt });
    if (result.status !== "submitted") throw new Error(result.status);
    return responseId;
  }

  const withText = (text: string, overall = "good"): Answers => ({
    ...minimalParentAnswers(),
    overall_experience: { kind: "options", codes: [overall] },
    what_would_help: { kind: "text", text },
  });

  async function rows(db: DB, table: "responses" | "answers" | "consents" | "follow_up_contacts" | "moderation_items", ids: string[]) {
    const column = table === "responses" ? "id" : "response_id";
    const found = await db.selectFrom(table).select(column).where(column, "in", ids).execute();
    return found.length;
  }

  const lead = (forumId: string): ModerationActor => ({ forumId, role: "admin", safeguardingLead: true, user: { id: "lead-1" } });

  async function quarterCells(survey: Survey) {
    const cells = await computeKpiCells(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "quarter" });
    return cells.map((c) => `${c.time_period} ${c.kpi_id} n=${c.n} positive=${c.numerator} flag=${c.flag || "none"}`).sort();
  }

  it.skipIf(skip)("deletes raw responses past retention with everything attached, and every KPI figure stays", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await seedDefaultKpis(t.db, forum.id);
    // Fourteen old responses in 2024-Q1 (enough to publish, not suppress), and two kept.
    const old: string[] = [];
    for (let i = 0; i < 14; i++) {
      old.push(
        await respond(survey, withText(`Old answer ${i}`, i % 3 ? "good" : "poor"), new Date(`2024-0${1 + (i % 3)}-10T10:00:00Z`), i === 0),
      );
    }
    const recent = [
      await respond(survey, withText("Recent answer"), new Date("2026-10-01T10:00:00Z")),
      // The first month kept: 2024-11 is not before the cut-off.
      await respond(survey, withText("Edge answer"), new Date("2024-11-01T10:00:00Z")),
    ];
    // One old response carries an unresolved safeguarding concern: it is held back.
    await ensureQueued(t.db, forum.id);
    const held = old[5];
    const heldItem = await t.db.selectFrom("moderation_items").select("id").where("response_id", "=", held).executeTakeFirstOrThrow();
    expect(await flagSafeguarding(t.db, lead(forum.id), heldItem.id, "Concern for a child")).toBe(true);
    // An abandoned start from long ago, and one still in use.
    const abandoned = await start(survey);
    await t.db.updateTable("responses").set({ updated_at: "2024-06-01T09:00:00.000Z" }).where("id", "=", abandoned).execute();

    const before = await quarterCells(survey);
    expect(before).toContain("2024-Q1 K1 n=14 positive=9 flag=u");

    const status = await retentionStatus(t.db, forum.id, NOW);
    expect(status).toMatchObject({
      retentionMonths: 24,
      cutoffMonth: "2024-11",
      submitted: 13,
      heldBack: 1,
      inProgress: 1,
      checkedAt: null,
    });
    // Looking deletes nothing.
    expect(await rows(t.db, "responses", old)).toBe(14);

    const result = await applyRetention(t.db, forum.id, "system", NOW);
    expect(result).toMatchObject({ submitted: 13, inProgress: 1, heldBack: 1, skippedSurveys: 0 });
    expect(result.sealedMonths).toBeGreaterThan(0);

    const gone = old.filter((id) => id !== held);
    for (const table of ["responses", "answers", "consents", "follow_up_contacts", "moderation_items"] as const) {
      expect(await rows(t.db, table, gone), table).toBe(0);
    }
    expect(await rows(t.db, "responses", [abandoned])).toBe(0);
    expect(await rows(t.db, "responses", [held, ...recent])).toBe(3);
    expect(await rows(t.db, "answers", recent)).toBeGreaterThan(0);

    // The board's figures are exactly what they were, old quarters included.
    expect(await quarterCells(survey)).toEqual(before);
    // A stale mark on a sealed month (a late withdrawal, an import) never recounts it from nothing.
    await markKpisStale(t.db, survey.id, ["2024-03-10"]);
    expect(await quarterCells(survey)).toEqual(before);

    const audit = await t.db.selectFrom("audit_log").select(["actor", "action", "detail"]).where("action", "like", "retention.%").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe("system");
    expect(JSON.parse(audit[0].detail!)).toMatchObject({
      cutoff_month: "2024-11",
      submitted_deleted: 13,
      in_progress_deleted: 1,
      held_back: 1,
    });

    // A second run finds nothing new and logs nothing; once the lead resolves the concern, it goes.
    expect(await applyRetention(t.db, forum.id, "system", NOW)).toMatchObject({ submitted: 0, inProgress: 0, heldBack: 1 });
    expect(await t.db.selectFrom("audit_log").select("id").where("action", "like", "retention.%").execute()).toHaveLength(1);
    expect(await resolveSafeguarding(t.db, lead(forum.id), heldItem.id, "Passed to the local authority")).toBe(true);
    expect(await applyRetention(t.db, forum.id, "system", NOW)).toMatchObject({ submitted: 1, heldBack: 0 });
    expect(await rows(t.db, "responses", [held])).toBe(0);
    expect(await quarterCells(survey)).toEqual(before);
    expect((await retentionStatus(t.db, forum.id, NOW)).checkedAt).toBe(NOW.toISOString());
  });

  it.skipIf(skip)("each forum keeps responses for its own period, and a change is audited", async () => {
    const { forum: short, survey: shortSurvey } = await forumWithSurvey(t.db);
    const { forum: long, survey: longSurvey } = await forumWithSurvey(t.db);
    const shortOld = await respond(shortSurvey, minimalParentAnswers(), new Date("2025-06-10T10:00:00Z"));
    const longOld = await respond(longSurvey, minimalParentAnswers(), new Date("2025-06-10T10:00:00Z"));

    await expect(setRetentionMonths(t.db, short.id, 3, "admin-1")).rejects.toThrow(/from 6 to 120/);
    await expect(setRetentionMonths(t.db, short.id, 12.5, "admin-1")).rejects.toThrow(/whole number/);
    await setRetentionMonths(t.db, short.id, 12, "admin-1");
    const changed = await t.db
      .selectFrom("audit_log")
      .select(["actor", "detail"])
      .where("action", "=", "retention.changed")
      .executeTakeFirstOrThrow();
    expect(changed.actor).toBe("admin-1");
    expect(JSON.parse(changed.detail!)).toEqual({ from_months: 24, to_months: 12 });

    const results = await applyRetentionToAll(t.db, NOW);
    expect(results.find((r) => r.forumId === short.id)?.result).toMatchObject({ cutoffMonth: "2025-11", submitted: 1 });
    expect(results.find((r) => r.forumId === long.id)?.result).toMatchObject({ cutoffMonth: "2024-11", submitted: 0 });
    expect(await rows(t.db, "responses", [shortOld])).toBe(0);
    expect(await rows(t.db, "responses", [longOld])).toBe(1);
  });

  it.skipIf(skip)("says how many responses a shorter period would delete at the next run, before it is saved", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await respond(survey, minimalParentAnswers(), new Date("2025-06-10T10:00:00Z")); // 17 months before NOW
    await respond(survey, minimalParentAnswers(), new Date("2026-02-10T10:00:00Z")); // 9 months before NOW
    await respond(survey, minimalParentAnswers(), new Date("2026-11-01T10:00:00Z"));
    const abandoned = await start(survey);
    await t.db.updateTable("responses").set({ updated_at: "2026-01-05T10:00:00.000Z" }).where("id", "=", abandoned).execute();

    expect(await retentionStatus(t.db, forum.id, NOW)).toMatchObject({ retentionMonths: 24, submitted: 0, inProgress: 0 });
    expect(await retentionStatus(t.db, forum.id, NOW, 16)).toMatchObject({
      retentionMonths: 16,
      cutoffMonth: "2025-07",
      submitted: 1,
      inProgress: 0,
    });
    expect(await retentionStatus(t.db, forum.id, NOW, 6)).toMatchObject({ cutoffMonth: "2026-05", submitted: 2, inProgress: 1 });
    // Asking changes nothing; saving records what the admin confirmed.
    expect((await retentionStatus(t.db, forum.id, NOW)).retentionMonths).toBe(24);
    await setRetentionMonths(t.db, forum.id, 6, "admin-1", 3);
    const changed = await t.db.selectFrom("audit_log").select("detail").where("action", "=", "retention.changed").executeTakeFirstOrThrow();
    expect(JSON.parse(changed.detail!)).toEqual({ from_months: 24, to_months: 6, confirmed_due: 3 });
    // The next run deletes what the admin was told.
    expect(await applyRetention(t.db, forum.id, "system", NOW)).toMatchObject({ submitted: 2, inProgress: 1 });
  });

  it.skipIf(skip)("an import refuses rows sent before the forum's cut-off, naming the month", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await setRetentionMonths(t.db, forum.id, 12, "admin-1");
    const header = [
      "submitted_at",
      "overall_experience",
      "listened_to",
      "confidence_needs_met",
      "ehcp_stage",
      "finding_information",
      "feedback_leads_to_change",
    ];
    const row = (date: string) => [date, "good", "agree", "fairly", "sen_support", "fairly_easy", "yes_some"].join(",");
    const outcome = await importResponses(t.db, {
      now: NOW,
      forumId: forum.id,
      surveyId: survey.id,
      csvText: [header.join(","), row("2025-12-01"), row("2025-10-31")].join("\n") + "\n",
    });
    expect(outcome).toMatchObject({
      ok: false,
      problems: [
        {
          row: 3,
          column: "submitted_at",
          message: expect.stringContaining("is before November 2025. The forum keeps responses for 12 months"),
        },
      ],
    });
    const stored = await t.db.selectFrom("responses").select("id").where("survey_id", "=", survey.id).execute();
    expect(stored).toHaveLength(0);
  });
});

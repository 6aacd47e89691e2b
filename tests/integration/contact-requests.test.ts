import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { createApiToken } from "~/models/api-tokens.server";
import { surveyKpiMetadata } from "~/models/board.server";
import { countNewContactRequests, listContactRequests, updateContactRequest, viewContactRequest } from "~/models/contact-requests.server";
import { collectKpiCells, kpiWorkbook, resolveKpiExport, tidyCsvStream } from "~/models/kpi-export.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { flagSafeguarding } from "~/models/moderation-safeguarding.server";
import { rawResponsesCsv } from "~/models/raw-export.server";
import { saveAnswer, startResponse, submitResponse, withdrawResponse } from "~/models/responses.server";
import { applyRetention } from "~/models/retention.server";
import { loader as apiLoader } from "~/routes/api.v1.kpis";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

/** A parent who ticked "contact me" on the start page, then answered and sent the survey. */
async function parentAskingForContact(db: DB, survey: Survey, contact: { name: string; contact: string }, answers: Answers, now?: Date) {
  const { responseId } = await startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language: "en",
    idempotencyKey: randomUUID(),
    consents: { participate: true, special_category: true, quotes: true, follow_up: true },
    contact,
  });
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, response, code, value, "en");
  const result = await submitResponse(db, response, survey.definition, "en", { now });
  if (result.status !== "submitted") throw new Error("not submitted");
  return { responseId, receiptCode: result.receiptCode };
}

async function auditActions(db: DB, forumId: string) {
  return db
    .selectFrom("audit_log")
    .select(["action", "subject", "detail", "actor"])
    .where("forum_id", "=", forumId)
    .orderBy("at")
    .execute();
}

describe.each(STORES)("contact requests on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    (globalThis as { __forumDb?: DB }).__forumDb = t.db;
  });
  afterEach(async () => {
    if (skip) return;
    (globalThis as { __forumDb?: DB }).__forumDb = undefined;
    await t.destroy();
  });

  it.skipIf(skip)("lists a parent's request, records every view, and keeps status and note; another forum sees nothing", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    await parentAskingForContact(t.db, survey, { name: "Amira Khan", contact: "07700 900456" }, minimalParentAnswers());
    const admin = { forumId: forum.id, userId: "admin-1", seesSafeguarding: true };

    const list = await listContactRequests(t.db, admin, "all");
    expect(list.map((r) => [r.name, r.contact, r.status, r.answersSent])).toEqual([["Amira Khan", "07700 900456", "new", true]]);
    expect(list[0].surveyTitle).toBe(survey.definition.title.en);
    expect(await countNewContactRequests(t.db, forum.id)).toBe(1);

    const id = list[0].id;
    expect(await updateContactRequest(t.db, admin, id, { status: "contacted", note: "Rang on Tuesday; calling back Friday" })).toBe(true);
    const seen = await viewContactRequest(t.db, admin, id);
    expect(seen).toMatchObject({ status: "contacted", note: "Rang on Tuesday; calling back Friday" });
    expect(await countNewContactRequests(t.db, forum.id)).toBe(0);
    expect((await listContactRequests(t.db, admin, "new")).length).toBe(0);
    expect((await listContactRequests(t.db, admin, "contacted")).map((r) => r.id)).toEqual([id]);

    const log = await auditActions(t.db, forum.id);
    const actions = log.filter((e) => e.action.startsWith("contact_request")).map((e) => [e.action, e.subject]);
    expect(actions).toEqual([
      ["contact_requests.viewed", null],
      ["contact_request.updated", id],
      ["contact_request.viewed", id],
      ["contact_requests.viewed", null],
      ["contact_requests.viewed", null],
    ]);
    // The audit log names ids and statuses, never what the parent gave or the note.
    const logText = JSON.stringify(log);
    for (const secret of ["Amira", "07700", "Tuesday"]) expect(logText).not.toContain(secret);

    const other = await forumWithSurvey(t.db);
    const stranger = { forumId: other.forum.id, userId: "admin-2", seesSafeguarding: true };
    expect(await listContactRequests(t.db, stranger, "all")).toEqual([]);
    expect(await viewContactRequest(t.db, stranger, id)).toBeUndefined();
    expect(await updateContactRequest(t.db, stranger, id, { status: "closed", note: "" })).toBe(false);
    expect((await viewContactRequest(t.db, admin, id))?.status).toBe("contacted");
  });

  it.skipIf(skip)("shows the safeguarding lead which flagged answer a request belongs to", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    const { responseId } = await parentAskingForContact(
      t.db,
      survey,
      { name: "Sam", contact: "sam@example.net" },
      { ...minimalParentAnswers(), what_would_help: { kind: "text", text: "Nobody answers and I am frightened" } },
    );
    await parentAskingForContact(t.db, survey, { name: "Jo", contact: "jo@example.net" }, minimalParentAnswers());
    await ensureQueued(t.db, forum.id);
    const item = await t.db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow();
    const lead = { forumId: forum.id, role: "moderator" as const, safeguardingLead: true, user: { id: "lead-1" } };
    expect(await flagSafeguarding(t.db, lead, item.id, "Parent sounds at risk")).toBe(true);

    const list = await listContactRequests(t.db, { forumId: forum.id, userId: "lead-1", seesSafeguarding: true }, "all");
    expect(Object.fromEntries(list.map((r) => [r.name, r.flaggedItemIds]))).toEqual({ Sam: [item.id], Jo: [] });
    const plain = await listContactRequests(t.db, { forumId: forum.id, userId: "someone", seesSafeguarding: false }, "all");
    expect(plain.every((r) => r.flaggedItemIds.length === 0)).toBe(true);
  });

  it.skipIf(skip)("deletes a request with the response when the parent withdraws, and when retention deletes it", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    const admin = { forumId: forum.id, userId: "admin-1", seesSafeguarding: true };
    const withdrawn = await parentAskingForContact(t.db, survey, { name: "Withdrawing", contact: "01632 960001" }, minimalParentAnswers());
    await parentAskingForContact(
      t.db,
      survey,
      { name: "Old", contact: "01632 960002" },
      minimalParentAnswers(),
      new Date("2023-03-15T12:00:00Z"),
    );
    await parentAskingForContact(t.db, survey, { name: "Recent", contact: "01632 960003" }, minimalParentAnswers());
    const [first] = await listContactRequests(t.db, admin, "all");
    await updateContactRequest(t.db, admin, first.id, { status: "contacted", note: "Left a message" });
    expect((await listContactRequests(t.db, admin, "all")).map((r) => r.name).sort()).toEqual(["Old", "Recent", "Withdrawing"]);

    expect(await withdrawResponse(t.db, withdrawn.receiptCode)).toBe(true);
    expect((await listContactRequests(t.db, admin, "all")).map((r) => r.name).sort()).toEqual(["Old", "Recent"]);

    const result = await applyRetention(t.db, forum.id, "system", new Date("2026-06-02T09:00:00Z"));
    expect(result.submitted).toBe(1);
    expect((await listContactRequests(t.db, admin, "all")).map((r) => r.name)).toEqual(["Recent"]);
    const rows = await t.db.selectFrom("follow_up_contacts").select("name").execute();
    expect(rows.map((r) => r.name)).toEqual(["Recent"]);
  });

  it.skipIf(skip)("never puts a request in any export of answers: raw CSV, board CSV and XLSX, API, tidy CSV", async () => {
    const { survey, forum } = await forumWithSurvey(t.db);
    const secrets = { name: "Zebedee Quartermaine", contact: "zebedee.q@example.net" };
    // Enough parents in one month that figures are published, each asking to be contacted.
    for (let i = 0; i < 12; i++) {
      await parentAskingForContact(
        t.db,
        survey,
        { name: `${secrets.name} ${i}`, contact: `${i}.${secrets.contact}` },
        { ...minimalParentAnswers(), what_would_help: { kind: "text", text: `Answer number ${i}` } },
        new Date("2026-03-10T11:00:00Z"),
      );
    }
    await ensureQueued(t.db, forum.id);
    const exports: Record<string, string> = {};
    for (const includeOriginals of [false, true]) {
      let text = "";
      for await (const chunk of (await rawResponsesCsv(t.db, { forumId: forum.id, surveyId: survey.id, includeOriginals }))!) text += chunk;
      exports[`raw CSV${includeOriginals ? " with originals" : ""}`] = text;
    }
    expect(exports["raw CSV with originals"]).toContain("Answer number 3");

    const resolved = await resolveKpiExport(
      t.db,
      forum.id,
      new URLSearchParams("survey=parent-carer-experience&periodType=quarter&by=district"),
    );
    if (!resolved.ok) throw new Error(resolved.message);
    exports["tidy CSV (the board's CSV)"] = await new Response(await tidyCsvStream(t.db, resolved.request)).text();
    expect(exports["tidy CSV (the board's CSV)"].split("\n").length).toBeGreaterThan(10);

    const cells = await collectKpiCells(t.db, resolved.request);
    const kpis = await surveyKpiMetadata(t.db, forum.id, resolved.request.survey);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await kpiWorkbook(cells, { request: resolved.request, kpis, generatedAt: new Date() })) as unknown as ArrayBuffer,
    );
    const sheetText: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => sheetText.push(String(cell.value)))));
    exports["board XLSX"] = sheetText.join("\n");
    expect(sheetText.length).toBeGreaterThan(20);

    const { token } = await createApiToken(t.db, { forumId: forum.id, label: "Council", createdBy: "admin-1" });
    const api = await apiLoader({
      request: new Request("http://forum.test/api/v1/kpis?survey=parent-carer-experience&periodType=quarter&by=district", {
        headers: { Authorization: `Bearer ${token}` },
      }),
      params: {},
      context: {},
    } as Parameters<typeof apiLoader>[0]);
    expect(api.status).toBe(200);
    exports["API"] = await api.text();

    for (const [name, text] of Object.entries(exports)) {
      for (const secret of ["Zebedee", "Quartermaine", "example.net"]) expect(text, `${name} holds "${secret}"`).not.toContain(secret);
    }
  });
});

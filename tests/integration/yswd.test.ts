import { randomUUID } from "node:crypto";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import { londonDate, periodOf } from "~/domain/periods";
import type { Answers } from "~/domain/routing";
import { renderAtomFeed } from "~/domain/yswd";
import { computeKpiCells } from "~/models/kpi-dashboard.server";
import { setThemes } from "~/models/moderation-decisions.server";
import { seedThemes } from "~/models/moderation-themes.server";
import { type ModerationActor } from "~/models/moderation-actor.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { approveItem } from "~/models/moderation-decisions.server";
import { saveAnswer, startResponse, submitResponse, withdrawResponse } from "~/models/responses.server";
import { boardRegister, registerCsv } from "~/models/yswd/board.server";
import { changeStatus, createItem, deleteItem, publishItem, unpublishItem, updateItem } from "~/models/yswd/edit.server";
import { checkEvidence, draftEvidence, quoteChoices } from "~/models/yswd/evidence.server";
import { getItem, itemEvidence, listItems } from "~/models/yswd/items.server";
import { feedItems, getPublicItem, listPublicItems } from "~/models/yswd/public.server";
import { YswdNotAllowed, type YswdActor, type YswdInput } from "~/models/yswd/shared.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { parentCarerExperience } from "~/templates";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

const TODAY = londonDate(new Date());
const QUARTER = periodOf("quarter", TODAY);

/** A parent's response, submitted now, optionally with a written answer and quote consent. */
async function respond(db: DB, survey: Survey, options: { text?: string; quotes?: boolean; district?: string } = {}) {
  const { responseId } = await startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language: "en",
    idempotencyKey: randomUUID(),
    consents: { participate: true, special_category: true, quotes: options.quotes ?? false, follow_up: false },
  });
  const answers: Answers = { ...minimalParentAnswers() };
  if (options.text) answers.what_would_help = { kind: "text", text: options.text };
  if (options.district) answers.district = { kind: "options", codes: [options.district] };
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, response, code, value, "en");
  const result = await submitResponse(db, response, survey.definition, "en");
  if (result.status !== "submitted") throw new Error(`not submitted: ${result.status}`);
  return { responseId, receiptCode: result.receiptCode };
}

function staff(forumId: string, role: YswdActor["role"]): YswdActor & ModerationActor {
  return { forumId, role, safeguardingLead: false, user: { id: `${role}-${randomUUID().slice(0, 8)}` } };
}

/** Queues, approves and tags the written answer of a response; returns its moderation item id. */
async function approveAnswer(db: DB, survey: Survey, responseId: string, themes: string[] = ["transport"]): Promise<string> {
  await ensureQueued(db, survey.forumId);
  const row = await db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow();
  const moderator = staff(survey.forumId, "moderator");
  expect(await approveItem(db, moderator, row.id)).toBe("approved");
  expect(await setThemes(db, moderator, row.id, themes)).toBe("saved");
  return row.id;
}

function draft(survey: Survey, overrides: Partial<YswdInput> = {}): YswdInput {
  return {
    title: "A named coordinator for every transport route",
    themes: ["transport"],
    saidPlain: "Families said drivers change without warning.",
    saidEasyRead: null,
    translations: { ur: { title: "ہر ٹرانسپورٹ روٹ کے لیے ایک نامزد رابطہ کار" } },
    evidence: { surveyId: survey.id, period: QUARTER, kpiId: "K1", segmentType: null, segmentValue: null },
    quoteIds: [],
    whatDone: null,
    notPossibleReason: null,
    involvement: "co_design",
    ownerOrg: "The council",
    ownerRole: "Travel assist service manager",
    visibility: "public",
    raisedOn: TODAY,
    responsePublishedOn: null,
    targetOn: null,
    completedOn: null,
    nextReviewOn: null,
    ...overrides,
  };
}

async function auditActions(db: DB, subject: string): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").where("subject", "=", subject).orderBy("at").execute();
  return rows.map((r) => r.action);
}

describe.each(STORES)("you said, we did on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function setup() {
    const { forum, survey } = await forumWithSurvey(t.db);
    await seedThemes(t.db, forum.id);
    return { forum, survey, admin: staff(forum.id, "admin"), moderator: staff(forum.id, "moderator") };
  }

  it.skipIf(skip)("refuses a quote from a cell with fewer than 10 responses, in the model, until the cell reaches 10", async () => {
    const { survey, moderator } = await setup();
    const quoted = await respond(t.db, survey, { text: "A named driver, please.", quotes: true });
    for (let i = 0; i < 8; i++) await respond(t.db, survey);
    const quoteId = await approveAnswer(t.db, survey, quoted.responseId);

    // 9 responses in the cell: offered, but refused, on the page and in the model.
    const { evidence } = await checkEvidence(t.db, survey.forumId, draft(survey).evidence);
    const small = await quoteChoices(t.db, survey.forumId, evidence!, { themes: ["transport"] });
    expect(small.cellResponses).toBe(9);
    expect(small.quotes.map((q) => [q.itemId, q.refusal])).toEqual([[quoteId, "small_cell"]]);
    const refused = await createItem(t.db, moderator, draft(survey, { quoteIds: [quoteId] }));
    expect(refused.status).toBe("invalid");
    expect(refused.status === "invalid" && refused.problems.map((p) => p.code)).toEqual(["small_cell"]);
    expect(await listItems(t.db, survey.forumId)).toEqual([]);

    // A draft without the quote, then an edit that tries to sneak it in: refused too.
    const created = await createItem(t.db, moderator, draft(survey));
    expect(created.status).toBe("saved");
    if (created.status !== "saved") return;
    const edit = await updateItem(t.db, moderator, created.id, draft(survey, { quoteIds: [quoteId] }));
    expect(edit.status === "invalid" && edit.problems.map((p) => p.code)).toEqual(["small_cell"]);

    // The tenth response makes the cell big enough.
    await respond(t.db, survey);
    expect((await quoteChoices(t.db, survey.forumId, evidence!)).quotes.map((q) => q.refusal)).toEqual([null]);
    expect((await updateItem(t.db, moderator, created.id, draft(survey, { quoteIds: [quoteId] }))).status).toBe("saved");
    const item = (await getItem(t.db, survey.forumId, created.id))!;
    expect((await itemEvidence(t.db, survey.forumId, item)).quotes.map((q) => q.itemId)).toEqual([quoteId]);
  });

  it.skipIf(skip)("offers an approved answer with no theme yet when it comes from the item's survey and period", async () => {
    const { survey, moderator } = await setup();
    const untagged = await respond(t.db, survey, { text: "Drivers who know our children.", quotes: true });
    const otherTheme = await respond(t.db, survey, { text: "More speech therapy.", quotes: true });
    const pending = await respond(t.db, survey, { text: "Not looked at yet.", quotes: true });
    for (let i = 0; i < 8; i++) await respond(t.db, survey);
    await ensureQueued(t.db, survey.forumId);
    const idOf = async (responseId: string) =>
      (await t.db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow()).id;
    const untaggedId = await idOf(untagged.responseId);
    expect(await approveItem(t.db, moderator, untaggedId)).toBe("approved");
    const therapyId = await approveAnswer(t.db, survey, otherTheme.responseId, ["therapies"]);
    const pendingId = await idOf(pending.responseId);

    const offered = async (themes: string[], evidence = draft(survey).evidence) =>
      (await draftEvidence(t.db, survey.forumId, evidence, themes)).quotes?.quotes.map((q) => [q.itemId, q.themes, q.refusal]);
    expect(await offered(["transport"])).toEqual([[untaggedId, [], null]]);
    expect(await offered([])).toEqual([[untaggedId, [], null]]);
    expect((await offered(["therapies"]))?.map(([id]) => id).sort()).toEqual([untaggedId, therapyId].sort());
    expect(JSON.stringify(await offered(["transport", "therapies"]))).not.toContain(pendingId);
    // Another period of the same survey offers nothing.
    const lastYear = { ...draft(survey).evidence, period: `${Number(QUARTER.slice(0, 4)) - 1}${QUARTER.slice(4)}` };
    expect((await draftEvidence(t.db, survey.forumId, lastYear, ["transport"])).quotes?.quotes ?? []).toEqual([]);

    // It can be attached and saved; an answer from another survey cannot.
    const saved = await createItem(t.db, moderator, draft(survey, { quoteIds: [untaggedId] }));
    expect(saved.status).toBe("saved");
    if (saved.status !== "saved") return;
    const item = (await getItem(t.db, survey.forumId, saved.id))!;
    expect((await itemEvidence(t.db, survey.forumId, item)).quotes.map((q) => q.itemId)).toEqual([untaggedId]);
    const second = await createSurvey(t.db, { forumId: survey.forumId, slug: "second-survey", definition: parentCarerExperience });
    await publishVersion(t.db, survey.forumId, second.versionId);
    const wrongSurvey = await createItem(
      t.db,
      moderator,
      draft(survey, { quoteIds: [untaggedId], evidence: { ...draft(survey).evidence, surveyId: second.id } }),
    );
    expect(wrongSurvey.status === "invalid" && wrongSurvey.problems.map((p) => p.code)).toEqual(["not_in_cell"]);
  });

  it.skipIf(skip)("applies rule 5 to the segment cell when the evidence names one", async () => {
    const { survey, moderator } = await setup();
    const quoted = await respond(t.db, survey, { text: "Ladywood buses are late.", quotes: true, district: "ladywood" });
    for (let i = 0; i < 10; i++) await respond(t.db, survey, { district: "erdington" });
    const quoteId = await approveAnswer(t.db, survey, quoted.responseId);
    const byDistrict = draft(survey, {
      evidence: { surveyId: survey.id, period: QUARTER, kpiId: "K1", segmentType: "district", segmentValue: "ladywood" },
    });
    const { evidence } = await checkEvidence(t.db, survey.forumId, byDistrict.evidence);
    const choices = await quoteChoices(t.db, survey.forumId, evidence!);
    // 11 responses in the quarter, but only 1 in Ladywood.
    expect(choices.cellResponses).toBe(1);
    expect(choices.quotes.map((q) => q.refusal)).toEqual(["small_cell"]);
    const refused = await createItem(t.db, moderator, { ...byDistrict, quoteIds: [quoteId] });
    expect(refused.status === "invalid" && refused.problems.map((p) => p.code)).toEqual(["small_cell"]);
    // The whole quarter is big enough.
    expect((await createItem(t.db, moderator, draft(survey, { quoteIds: [quoteId] }))).status).toBe("saved");
  });

  it.skipIf(skip)("refuses a quote from a family that did not agree to quotes", async () => {
    const { survey, moderator } = await setup();
    const unconsented = await respond(t.db, survey, { text: "Please do not quote me.", quotes: false });
    for (let i = 0; i < 10; i++) await respond(t.db, survey);
    const quoteId = await approveAnswer(t.db, survey, unconsented.responseId);
    const result = await createItem(t.db, moderator, draft(survey, { quoteIds: [quoteId] }));
    expect(result.status === "invalid" && result.problems.map((p) => p.code)).toEqual(["no_consent"]);
  });

  it.skipIf(skip)("publishes only with approved evidence, and only admins publish", async () => {
    const { survey, admin, moderator } = await setup();
    // No evidence at all.
    const bare = await createItem(
      t.db,
      moderator,
      draft(survey, { evidence: { surveyId: null, period: null, kpiId: null, segmentType: null, segmentValue: null } }),
    );
    if (bare.status !== "saved") throw new Error("draft not saved");
    const noEvidence = await publishItem(t.db, admin, bare.id);
    expect(noEvidence.status === "invalid" && noEvidence.problems.map((p) => p.code)).toEqual(["evidence_required"]);

    // A KPI figure SDC-1 suppresses (9 responses) is not evidence.
    for (let i = 0; i < 9; i++) await respond(t.db, survey);
    const created = await createItem(t.db, moderator, draft(survey));
    if (created.status !== "saved") throw new Error("draft not saved");
    const suppressed = await publishItem(t.db, admin, created.id);
    expect(suppressed.status === "invalid" && suppressed.problems.map((p) => p.code)).toEqual(["evidence_required"]);

    // Moderators draft; they cannot publish.
    await expect(publishItem(t.db, moderator, created.id)).rejects.toBeInstanceOf(YswdNotAllowed);

    // The tenth response: the figure is published, so the item may be.
    await respond(t.db, survey);
    expect(await publishItem(t.db, admin, created.id)).toEqual({ status: "published" });
    const item = (await getItem(t.db, survey.forumId, created.id))!;
    expect(item.publishedAt).not.toBeNull();
    expect(item.responsePublishedOn).toBe(TODAY);
    expect(item.reference).toMatch(new RegExp(`^YSWD-${TODAY.slice(0, 4)}-\\d{3}$`));

    // The figure is the dashboard's own cell.
    const page = (await getPublicItem(t.db, survey.forumId, item.reference))!;
    const cells = await computeKpiCells(t.db, { forumId: survey.forumId, surveyId: survey.id, periodType: "quarter", periods: [QUARTER] });
    const k1 = cells.find((c) => c.kpi_id === "K1" && c.segment_type === "all")!;
    expect(page.evidence.figure?.baseline).toEqual(k1);
    expect(page.evidence.figure?.baseline?.n).toBe(10);

    // Once published, moderators cannot change it, and admins cannot remove its evidence.
    await expect(updateItem(t.db, moderator, created.id, draft(survey, { title: "Changed" }))).rejects.toBeInstanceOf(YswdNotAllowed);
    const stripped = await updateItem(
      t.db,
      admin,
      created.id,
      draft(survey, { evidence: { surveyId: null, period: null, kpiId: null, segmentType: null, segmentValue: null } }),
    );
    expect(stripped.status === "invalid" && stripped.problems.map((p) => p.code)).toEqual(["evidence_required"]);
    expect((await getItem(t.db, survey.forumId, created.id))!.evidence.kpiId).toBe("K1");

    expect(await auditActions(t.db, created.id)).toEqual(["yswd.created", "yswd.published"]);
  });

  it.skipIf(skip)("keeps the status rules: no not possible without a reason, no done without what was done", async () => {
    const { survey, admin, moderator } = await setup();
    const created = await createItem(t.db, moderator, draft(survey));
    if (created.status !== "saved") throw new Error("draft not saved");
    const noReason = await changeStatus(t.db, moderator, created.id, { to: "not_possible", note: "Cannot do it" });
    expect(noReason.status === "invalid" && noReason.problems.map((p) => p.code)).toEqual(["reason_required"]);
    expect((await getItem(t.db, survey.forumId, created.id))!.status).toBe("received");

    expect((await createItem(t.db, moderator, draft(survey), { status: "done" })).status).toBe("invalid");

    await updateItem(t.db, moderator, created.id, draft(survey, { notPossibleReason: "Transport is contracted to several companies." }));
    expect(await changeStatus(t.db, moderator, created.id, { to: "not_possible", note: "Looked at with providers." })).toEqual({
      status: "changed",
    });
    const item = (await getItem(t.db, survey.forumId, created.id))!;
    expect(item.status).toBe("not_possible");
    expect(item.completedOn).toBe(TODAY);
    // A saved edit cannot clear the reason while the status needs it.
    const cleared = await updateItem(t.db, admin, created.id, draft(survey, { notPossibleReason: "  " }));
    expect(cleared.status === "invalid" && cleared.problems.map((p) => p.code)).toEqual(["reason_required"]);
    expect(await auditActions(t.db, created.id)).toEqual(["yswd.created", "yswd.updated", "yswd.status_changed"]);
  });

  it.skipIf(skip)("never shows drafts or board-only items on public pages or the feed, and the feed parses as XML", async () => {
    const { survey, admin, moderator } = await setup();
    for (let i = 0; i < 10; i++) await respond(t.db, survey);
    const make = async (title: string, visibility: "public" | "board", publish: boolean) => {
      const created = await createItem(t.db, moderator, draft(survey, { title, visibility }));
      if (created.status !== "saved") throw new Error("draft not saved");
      if (publish) expect((await publishItem(t.db, admin, created.id)).status).toBe("published");
      return created;
    };
    const open = await make(`Buses & "taxis" <on time>`, "public", true);
    const boardOnly = await make("Board-only budget item", "board", true);
    const unpublished = await make("Still a draft", "public", false);

    expect((await listPublicItems(t.db, survey.forumId)).map((i) => i.reference)).toEqual([open.reference]);
    expect(await getPublicItem(t.db, survey.forumId, boardOnly.reference)).toBeUndefined();
    expect(await getPublicItem(t.db, survey.forumId, unpublished.reference)).toBeUndefined();
    expect((await listPublicItems(t.db, survey.forumId, { theme: "transport", status: "received" })).length).toBe(1);
    expect((await listPublicItems(t.db, survey.forumId, { theme: "therapies" })).length).toBe(0);
    expect((await listPublicItems(t.db, survey.forumId, { status: "done" })).length).toBe(0);

    const entries = await feedItems(t.db, survey.forumId);
    expect(entries.map((e) => e.reference)).toEqual([open.reference]);
    const xml = renderAtomFeed({
      id: "tag:example.org,2026:yswd",
      title: "You said, we did",
      link: "https://example.org/you-said-we-did",
      selfLink: "https://example.org/you-said-we-did.atom",
      language: "en",
      author: "Forum",
      entries: entries.map((e) => ({
        id: e.reference,
        title: e.title,
        link: e.reference,
        updated: e.updatedAt,
        published: e.publishedAt,
        summary: e.saidPlain,
        categories: e.themes.map((th) => th.code),
      })),
    });
    const titles: string[] = [];
    let inTitle = false;
    const parser = new SaxesParser();
    parser.on("error", (error) => {
      throw error;
    });
    parser.on("opentag", (tag) => (inTitle = tag.name === "title"));
    parser.on("closetag", () => (inTitle = false));
    parser.on("text", (text) => inTitle && titles.push(text));
    parser.write(xml).close();
    expect(titles).toEqual(["You said, we did", `Buses & "taxis" <on time>`]);
    expect(xml).not.toContain("Board-only");

    // Unpublishing takes it off the public pages at once.
    expect(await unpublishItem(t.db, admin, open.id)).toBe(true);
    expect(await listPublicItems(t.db, survey.forumId)).toEqual([]);
  });

  it.skipIf(skip)("a withdrawn answer disappears from the evidence, and another forum sees nothing", async () => {
    const { survey, admin, moderator } = await setup();
    const quoted = await respond(t.db, survey, { text: "One named person who knows our child.", quotes: true });
    for (let i = 0; i < 10; i++) await respond(t.db, survey);
    const quoteId = await approveAnswer(t.db, survey, quoted.responseId);
    const created = await createItem(
      t.db,
      moderator,
      draft(survey, {
        quoteIds: [quoteId],
        evidence: { surveyId: survey.id, period: QUARTER, kpiId: null, segmentType: null, segmentValue: null },
      }),
    );
    if (created.status !== "saved") throw new Error("draft not saved");
    expect((await publishItem(t.db, admin, created.id)).status).toBe("published");
    const before = (await getPublicItem(t.db, survey.forumId, created.reference))!;
    expect(before.evidence.quotes.map((q) => q.text)).toEqual(["One named person who knows our child."]);

    const other = await setup();
    expect(await getItem(t.db, other.forum.id, created.id)).toBeUndefined();
    expect(await getPublicItem(t.db, other.forum.id, created.reference)).toBeUndefined();
    await expect(deleteItem(t.db, other.admin, created.id)).resolves.toBe(false);
    expect((await changeStatus(t.db, other.admin, created.id, { to: "agreed" })).status).toBe("not_found");

    expect(await withdrawResponse(t.db, quoted.receiptCode!)).toBe(true);
    const after = (await getPublicItem(t.db, survey.forumId, created.reference))!;
    expect(after.evidence.quotes).toEqual([]);
    const left = await t.db.selectFrom("yswd_quotes").select("moderation_item_id").where("item_id", "=", created.id).execute();
    expect(left).toEqual([]);
  });

  it.skipIf(skip)("gives the board K14 and the register as CSV keyed by reference; a deleted reference is never reused", async () => {
    const { survey, admin, moderator } = await setup();
    for (let i = 0; i < 10; i++) await respond(t.db, survey);
    const refs: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await createItem(
        t.db,
        moderator,
        draft(survey, {
          title: i === 0 ? '=HYPERLINK("http://evil")' : `Item ${i}`,
          whatDone: "Done as asked.",
          targetOn: TODAY,
          nextReviewOn: i < 2 ? TODAY : null,
          visibility: i % 2 === 0 ? "public" : "board",
        }),
      );
      if (created.status !== "saved") throw new Error("draft not saved");
      refs.push(created.reference);
      if (i < 7) {
        expect((await changeStatus(t.db, admin, created.id, { to: "agreed" })).status).toBe("changed");
        expect((await changeStatus(t.db, admin, created.id, { to: "done" })).status).toBe("changed");
      }
      expect((await publishItem(t.db, admin, created.id)).status).toBe("published");
    }
    expect(new Set(refs).size).toBe(10);

    const board = await boardRegister(t.db, survey.forumId, { periodType: "quarter" });
    // Board-only items count too: 7 of 10 closed by their target date.
    expect(board.k14).toHaveLength(1);
    expect(board.k14[0]).toMatchObject({
      kpi_id: "K14",
      time_period: QUARTER,
      n: 10,
      numerator: 7,
      percent: 70,
      ci_lower: 39.7,
      ci_upper: 89.2,
    });
    expect(board.review.map((r) => [r.reference, r.review])).toEqual([
      [refs[0], "due"],
      [refs[1], "due"],
    ]);
    expect(board.responseTimes).toEqual([{ time_period: QUARTER, n: 10, median_days: 0 }]);

    const csv = await registerCsv(t.db, survey.forumId);
    const lines = csv.trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["reference", "title", "themes"]);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([...refs].sort());
    // Formula injection: the cell starts with an apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);

    // Deleting the newest item keeps its number taken.
    const last = (await listItems(t.db, survey.forumId)).find((i) => i.reference === refs[9])!;
    await expect(deleteItem(t.db, moderator, last.id)).rejects.toBeInstanceOf(YswdNotAllowed);
    expect(await deleteItem(t.db, admin, last.id)).toBe(true);
    expect((await listItems(t.db, survey.forumId)).map((i) => i.reference)).not.toContain(refs[9]);
    const next = await createItem(t.db, moderator, draft(survey));
    expect(next.status === "saved" && next.reference).not.toBe(refs[9]);
    expect(await auditActions(t.db, last.id)).toContain("yswd.deleted");
  });
});

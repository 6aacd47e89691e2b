import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { addRedactionTerm, seedThemes } from "~/models/moderation-themes.server";
import { approveItem, bulkApprove, setThemes } from "~/models/moderation-decisions.server";
import { bulkAddTheme, bulkReject } from "~/models/moderation-bulk.server";
import { ensureQueued, listQueue } from "~/models/moderation-queue.server";
import { flagSafeguarding } from "~/models/moderation-safeguarding.server";
import { approvedQuotes } from "~/models/moderation.server";
import type { ModerationActor } from "~/models/moderation-actor.server";
import { saveAnswer, startResponse, submitResponse } from "~/models/responses.server";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

function withText(text: string): Answers {
  return { ...minimalParentAnswers(), what_would_help: { kind: "text", text } };
}

/** A submitted response with one written answer, at `now`, in `language`. */
async function respond(db: DB, survey: Survey, text: string, options: { now?: Date; language?: string } = {}): Promise<string> {
  const language = options.language ?? "en";
  const { responseId } = await startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language,
    idempotencyKey: randomUUID(),
    consents: { participate: true, special_category: true, quotes: true, follow_up: false },
  });
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(withText(text))) await saveAnswer(db, response, code, value, language);
  const result = await submitResponse(db, response, survey.definition, language, { now: options.now });
  if (result.status !== "submitted") throw new Error(`not submitted: ${result.status}`);
  const item = await db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirst();
  if (item) return item.id;
  await ensureQueued(db, survey.forumId);
  return (await db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow()).id;
}

function moderatorOf(forumId: string): ModerationActor {
  return { forumId, role: "moderator", safeguardingLead: false, user: { id: `moderator-${randomUUID().slice(0, 8)}` } };
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));

describe.each(STORES)("the moderation queue a volunteer gets through, on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it.skipIf(skip)("lists oldest or newest first", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const second = await respond(t.db, survey, "Second answer", { now: day(2) });
    const first = await respond(t.db, survey, "First answer", { now: day(1) });
    const third = await respond(t.db, survey, "Third answer", { now: day(3) });
    expect((await listQueue(t.db, survey.forumId)).items.map((i) => i.id)).toEqual([first, second, third]);
    expect((await listQueue(t.db, survey.forumId, { sort: "newest" })).items.map((i) => i.id)).toEqual([third, second, first]);
  });

  it.skipIf(skip)("searches the text a moderator may see, with % and _ matching only themselves", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const percent = await respond(t.db, survey, "Only 50% of letters were answered");
    const fifty = await respond(t.db, survey, "About 500 families waited");
    const underscore = await respond(t.db, survey, "The form_field was broken");
    await respond(t.db, survey, "The formxfield was fine");
    const bus = await respond(t.db, survey, "The BUS never came");
    const search = async (q: string) => (await listQueue(t.db, survey.forumId, { search: q, state: "all" })).items.map((i) => i.id).sort();

    expect(await search("50%")).toEqual([percent]);
    expect(await search("50")).toEqual([percent, fifty].sort());
    expect(await search("form_field")).toEqual([underscore]);
    expect(await search("bus never")).toEqual([bus]);
    expect(await search("'; drop table answers; --")).toEqual([]);
    expect(await search("\\")).toEqual([]);
    // The counts follow the search too.
    expect((await listQueue(t.db, survey.forumId, { search: "bus" })).counts.pending).toBe(1);
  });

  it.skipIf(skip)("filters by suggested redactions, flag, question, language, theme and untagged", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = moderatorOf(survey.forumId);
    await seedThemes(t.db, survey.forumId);
    await addRedactionTerm(t.db, moderator, { term: "Oakfield Primary", kind: "school" });
    const named = await respond(t.db, survey, "Oakfield Primary never ring back", { now: day(1) });
    const phone = await respond(t.db, survey, "Ring 07700 900123 please", { now: day(2) });
    const plain = await respond(t.db, survey, "More short breaks", { now: day(3) });
    const urdu = await respond(t.db, survey, "Interpreters at meetings", { now: day(4), language: "ur" });
    const worried = await respond(t.db, survey, "I am frightened at home", { now: day(5) });
    await flagSafeguarding(t.db, moderator, worried, "Parent frightened");
    await setThemes(t.db, moderator, plain, ["short_breaks"]);

    const ids = async (filter: Parameters<typeof listQueue>[2]) => (await listQueue(t.db, survey.forumId, filter)).items.map((i) => i.id);
    expect(await ids({ suggestions: true })).toEqual([named, phone]);
    const suggestions = await listQueue(t.db, survey.forumId, { suggestions: true, state: "all" });
    expect(suggestions.total).toBe(2);
    expect(suggestions.counts).toEqual({ pending: 2, approved: 0, rejected: 0, flagged: 0 });
    expect(await ids({ flagged: true, state: "all" })).toEqual([worried]);
    expect(await ids({ language: "ur" })).toEqual([urdu]);
    expect(await ids({ questionCode: "what_would_help" })).toHaveLength(5);
    expect(await ids({ questionCode: "no_such_question" })).toEqual([]);
    expect(await ids({ theme: "short_breaks" })).toEqual([plain]);
    expect(await ids({ untagged: true })).toEqual([named, phone, urdu, worried]);
    expect(await ids({ untagged: true, language: "ur", search: "interpreters" })).toEqual([urdu]);
  });

  it.skipIf(skip)("rejects and themes in bulk, each item audited like a single action", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = moderatorOf(survey.forumId);
    await seedThemes(t.db, survey.forumId);
    const a = await respond(t.db, survey, "Spam one", { now: day(1) });
    const b = await respond(t.db, survey, "Spam two", { now: day(2) });
    const good = await respond(t.db, survey, "The bus is late every day", { now: day(3) });
    const tagged = await respond(t.db, survey, "Buses again", { now: day(4) });
    await setThemes(t.db, moderator, tagged, ["transport", "communication"]);
    expect((await bulkApprove(t.db, moderator, [good])).approved).toEqual([good]);

    const rejected = await bulkReject(t.db, moderator, [a, b, "no-such-item"]);
    expect(rejected.rejected.sort()).toEqual([a, b].sort());
    expect(rejected.refused).toEqual([{ id: "no-such-item", reason: "not_found" }]);
    expect((await bulkReject(t.db, moderator, [a])).refused).toEqual([{ id: a, reason: "already_rejected" }]);
    expect((await listQueue(t.db, survey.forumId, { state: "rejected" })).items.map((i) => i.id)).toEqual([a, b]);

    expect(await bulkAddTheme(t.db, moderator, [good], "not_a_theme")).toEqual({ kind: "unknown_theme" });
    const themed = await bulkAddTheme(t.db, moderator, [good, tagged], "transport");
    expect(themed).toMatchObject({ kind: "done", themed: [good], alreadyThemed: [tagged], notFound: [] });
    const quotes = await approvedQuotes(t.db, survey.forumId, { themes: ["transport"] });
    expect(quotes.map((q) => q.itemId)).toEqual([good]);
    // The theme was added: the tagged item keeps the theme it had.
    const taggedThemes = (await listQueue(t.db, survey.forumId, { theme: "communication" })).items[0].themes.map((th) => th.code).sort();
    expect(taggedThemes).toEqual(["communication", "transport"]);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "subject", "detail", "actor"])
      .where("forum_id", "=", survey.forumId)
      .where("action", "in", ["moderation.rejected", "moderation.themes_set"])
      .where("actor", "=", moderator.user.id)
      .execute();
    const entries = audit.map((e) => [e.action, e.subject, JSON.parse(e.detail ?? "{}")]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ["moderation.rejected", a, { bulk: true }],
        ["moderation.rejected", b, { bulk: true }],
        ["moderation.themes_set", good, { themes: "transport", bulk: true }],
      ]),
    );
    expect(entries.filter(([action]) => action === "moderation.rejected")).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("Spam");

    // Rejecting an approved answer in bulk takes it out of every quote.
    await bulkReject(t.db, moderator, [good]);
    expect(await approvedQuotes(t.db, survey.forumId)).toEqual([]);
    expect(await approveItem(t.db, moderator, good)).toBe("approved");
  });

  it.skipIf(skip)("another forum's items are neither rejected nor themed", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { survey: other } = await forumWithSurvey(t.db);
    await seedThemes(t.db, other.forumId);
    const id = await respond(t.db, survey, "Mine");
    const outsider = moderatorOf(other.forumId);
    expect((await bulkReject(t.db, outsider, [id])).refused).toEqual([{ id, reason: "not_found" }]);
    expect(await bulkAddTheme(t.db, outsider, [id], "transport")).toMatchObject({ themed: [], notFound: [id] });
    expect((await listQueue(t.db, survey.forumId)).items.map((i) => [i.id, i.state, i.themes])).toEqual([[id, "pending", []]]);
  });
});

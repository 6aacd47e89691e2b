import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { addRedactionTerm, seedThemes } from "~/models/moderation-themes.server";
import { approvedQuotes, originalText } from "~/models/moderation.server";
import { approveItem, bulkApprove, dismissSuggestion, redactItem, rejectItem, setThemes } from "~/models/moderation-decisions.server";
import { ensureQueued, getItem, listQueue } from "~/models/moderation-queue.server";
import { flagSafeguarding, listSafeguarding, resolveSafeguarding, unflagSafeguarding } from "~/models/moderation-safeguarding.server";
import { ModerationNotAllowed, type ModerationActor } from "~/models/moderation-actor.server";
import { saveAnswer, startResponse, submitResponse, withdrawResponse } from "~/models/responses.server";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

function withText(text: string): Answers {
  return { ...minimalParentAnswers(), what_would_help: { kind: "text", text } };
}

/** Starts, answers and (unless told not to) submits a response, with or without quote consent. */
async function respond(db: DB, survey: Survey, answers: Answers, options: { quotes?: boolean; submit?: boolean } = {}) {
  const { responseId } = await startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language: "en",
    idempotencyKey: randomUUID(),
    consents: { participate: true, special_category: true, quotes: options.quotes ?? false, follow_up: false },
  });
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, response, code, value, "en");
  if (options.submit === false) return { responseId, receiptCode: undefined };
  const result = await submitResponse(db, response, survey.definition, "en");
  if (result.status !== "submitted") throw new Error(`not submitted: ${result.status}`);
  return { responseId, receiptCode: result.receiptCode };
}

function actor(forumId: string, role: ModerationActor["role"], options: { lead?: boolean; id?: string } = {}): ModerationActor {
  return { forumId, role, safeguardingLead: options.lead ?? false, user: { id: options.id ?? `${role}-${randomUUID().slice(0, 8)}` } };
}

async function itemFor(db: DB, forumId: string, responseId: string): Promise<string> {
  const row = await db
    .selectFrom("moderation_items")
    .select("id")
    .where("forum_id", "=", forumId)
    .where("response_id", "=", responseId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function auditCount(db: DB, action: string, subject: string): Promise<number> {
  const rows = await db.selectFrom("audit_log").select("id").where("action", "=", action).where("subject", "=", subject).execute();
  return rows.length;
}

describe.each(STORES)("moderation on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it.skipIf(skip)("queues submitted free-text answers only, once each", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const a = await respond(t.db, survey, withText("A named caseworker, please."));
    const b = await respond(t.db, survey, withText("Transport that turns up."));
    await respond(t.db, survey, minimalParentAnswers()); // no free text
    await respond(t.db, survey, withText("Still typing this one"), { submit: false }); // in progress

    expect(await ensureQueued(t.db, survey.forumId)).toBe(2);
    expect(await ensureQueued(t.db, survey.forumId)).toBe(0);
    const queue = await listQueue(t.db, survey.forumId);
    expect(queue.counts).toEqual({ pending: 2, approved: 0, rejected: 0, flagged: 0 });
    expect(queue.items.map((i) => i.text).sort()).toEqual(["A named caseworker, please.", "Transport that turns up."]);
    expect(queue.items.every((i) => i.questionCode === "what_would_help" && i.state === "pending")).toBe(true);
    const ids = await t.db.selectFrom("moderation_items").select(["response_id"]).where("forum_id", "=", survey.forumId).execute();
    expect(ids.map((r) => r.response_id).sort()).toEqual([a.responseId, b.responseId].sort());
  });

  it.skipIf(skip)("shows the respondent's quote consent on each item", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const yes = await respond(t.db, survey, withText("Quote me."), { quotes: true });
    const no = await respond(t.db, survey, withText("Do not quote me."), { quotes: false });
    await ensureQueued(t.db, survey.forumId);
    expect((await getItem(t.db, survey.forumId, await itemFor(t.db, survey.forumId, yes.responseId)))?.quoteConsent).toBe(true);
    expect((await getItem(t.db, survey.forumId, await itemFor(t.db, survey.forumId, no.responseId)))?.quoteConsent).toBe(false);
  });

  it.skipIf(skip)("approves, redacts and rejects; approvedQuotes returns only approved text, redacted where redacted", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    await addRedactionTerm(t.db, moderator, { term: "Oakfield Primary", kind: "school" });
    const plain = await respond(t.db, survey, withText("Quicker answers from the SEND team."), { quotes: true });
    const named = await respond(t.db, survey, withText("Oakfield Primary ignore us, ring 07700 900123."), { quotes: true });
    const rejected = await respond(t.db, survey, withText("Rude words here."));
    const pending = await respond(t.db, survey, withText("Not looked at yet."));
    await ensureQueued(t.db, survey.forumId);
    const [plainId, namedId, rejectedId, pendingId] = await Promise.all(
      [plain, named, rejected, pending].map((r) => itemFor(t.db, survey.forumId, r.responseId)),
    );

    // The item page proposes the suggestions applied.
    const before = await getItem(t.db, survey.forumId, namedId);
    expect(before?.suggestions.map((s) => s.kind)).toEqual(["school", "phone"]);
    expect(before?.proposedRedaction).toBe("[removed] ignore us, ring [removed].");

    expect(await redactItem(t.db, moderator, namedId, "Oakfield Primary ignore us, ring 07700 900123.")).toBe("unchanged");
    expect(await redactItem(t.db, moderator, namedId, "   ")).toBe("empty");
    expect(await redactItem(t.db, moderator, namedId, "[removed] ignore us, ring [removed].")).toBe("redacted");
    expect(await approveItem(t.db, moderator, namedId)).toBe("approved");
    expect(await approveItem(t.db, moderator, plainId)).toBe("approved");
    expect(await rejectItem(t.db, moderator, rejectedId)).toBe(true);

    const quotes = await approvedQuotes(t.db, survey.forumId);
    expect(quotes.map((q) => q.text).sort()).toEqual(["Quicker answers from the SEND team.", "[removed] ignore us, ring [removed]."]);
    expect(quotes.find((q) => q.itemId === namedId)?.redacted).toBe(true);
    expect(quotes.some((q) => q.itemId === rejectedId || q.itemId === pendingId)).toBe(false);
    expect(JSON.stringify(quotes)).not.toContain("07700");

    // Nobody reading the queue or the item sees the original of a redacted item.
    const queue = await listQueue(t.db, survey.forumId, { state: "all" });
    expect(JSON.stringify(queue)).not.toContain("Oakfield");
    expect(JSON.stringify(await getItem(t.db, survey.forumId, namedId))).not.toContain("07700");

    // Every decision is audited with the item as subject and no text in the entry.
    expect(await auditCount(t.db, "moderation.redacted", namedId)).toBe(1);
    expect(await auditCount(t.db, "moderation.approved", namedId)).toBe(1);
    expect(await auditCount(t.db, "moderation.rejected", rejectedId)).toBe(1);
    const entries = await t.db.selectFrom("audit_log").select(["detail"]).where("forum_id", "=", survey.forumId).execute();
    expect(JSON.stringify(entries)).not.toMatch(/Oakfield|07700|Quicker/);

    // Rejecting an approved item takes it out of every quote at once.
    await rejectItem(t.db, moderator, plainId);
    expect((await approvedQuotes(t.db, survey.forumId)).map((q) => q.itemId)).toEqual([namedId]);
  });

  it.skipIf(skip)("a single Approve never publishes a highlighted number: redact it, or dismiss each suggestion on purpose", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    const r = await respond(t.db, survey, withText("Ring my son on 07700 900123 or write to mum@example.org"), { quotes: true });
    await ensureQueued(t.db, survey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);

    expect(await approveItem(t.db, moderator, id)).toBe("suggestions_open");
    expect((await getItem(t.db, survey.forumId, id))?.state).toBe("pending");
    expect(await approvedQuotes(t.db, survey.forumId)).toEqual([]);

    // Dismissing needs the right suggestion: a stale page's index or kind changes nothing.
    expect(await dismissSuggestion(t.db, moderator, id, 5, "phone")).toBe("no_such_suggestion");
    expect(await dismissSuggestion(t.db, moderator, id, 0, "email")).toBe("no_such_suggestion");
    expect(await dismissSuggestion(t.db, moderator, id, 0, "phone")).toBe("dismissed");
    expect((await getItem(t.db, survey.forumId, id))?.suggestions.map((s) => s.kind)).toEqual(["email"]);
    expect(await approveItem(t.db, moderator, id)).toBe("suggestions_open");
    expect(await dismissSuggestion(t.db, moderator, id, 0, "email")).toBe("dismissed");
    expect(await approveItem(t.db, moderator, id)).toBe("approved");
    expect((await approvedQuotes(t.db, survey.forumId)).map((q) => q.itemId)).toEqual([id]);

    // Each dismissal is audited by kind; what it matched is stored only as a hash.
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["detail"])
      .where("action", "=", "moderation.suggestion_dismissed")
      .where("subject", "=", id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? "{}").kind)).toEqual(["phone", "email"]);
    const stored = await t.db.selectFrom("moderation_items").select("dismissed_suggestions").where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.dismissed_suggestions).not.toMatch(/07700|example\.org/);
  });

  it.skipIf(skip)("approvedQuotes holds back an approved answer whose text still matches a detector", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    const r = await respond(t.db, survey, withText("Our postcode is B15 2TT, please visit"), { quotes: true });
    await ensureQueued(t.db, survey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);
    // An approval made some other way (before this rule, or by hand in the database).
    await t.db.updateTable("moderation_items").set({ state: "approved" }).where("id", "=", id).execute();
    expect(await approvedQuotes(t.db, survey.forumId)).toEqual([]);
    // A listed name added after approval is caught too.
    expect(await redactItem(t.db, moderator, id)).toBe("redacted");
    await addRedactionTerm(t.db, moderator, { term: "visit", kind: "other" });
    expect(await approvedQuotes(t.db, survey.forumId)).toEqual([]);
  });

  it.skipIf(skip)("redacting with no text applies the suggestions, and refuses when there are none", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    const phone = await respond(t.db, survey, withText("Call me on 0121 496 0000"));
    const clean = await respond(t.db, survey, withText("Nothing to remove"));
    await ensureQueued(t.db, survey.forumId);
    const phoneId = await itemFor(t.db, survey.forumId, phone.responseId);
    expect(await redactItem(t.db, moderator, phoneId)).toBe("redacted");
    expect((await getItem(t.db, survey.forumId, phoneId))?.text).toBe("Call me on [removed]");
    expect(await redactItem(t.db, moderator, await itemFor(t.db, survey.forumId, clean.responseId))).toBe("unchanged");
  });

  it.skipIf(skip)("shows the original to admins only, auditing every view", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const r = await respond(t.db, survey, withText("Mrs Khan at 07700 900123"));
    await ensureQueued(t.db, survey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);
    const moderator = actor(survey.forumId, "moderator", { lead: true });
    await redactItem(t.db, moderator, id, "[removed] at [removed]");

    await expect(originalText(t.db, moderator, id)).rejects.toBeInstanceOf(ModerationNotAllowed);
    expect(await auditCount(t.db, "moderation.original_viewed", id)).toBe(0);
    const admin = actor(survey.forumId, "admin");
    expect(await originalText(t.db, admin, id)).toBe("Mrs Khan at 07700 900123");
    expect(await originalText(t.db, admin, id)).toBe("Mrs Khan at 07700 900123");
    expect(await auditCount(t.db, "moderation.original_viewed", id)).toBe(2);
  });

  it.skipIf(skip)("withdrawal deletes the response's items and their theme links", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await seedThemes(t.db, survey.forumId);
    const moderator = actor(survey.forumId, "moderator");
    const gone = await respond(t.db, survey, withText("Withdraw me later."));
    const kept = await respond(t.db, survey, withText("Keep me."));
    await ensureQueued(t.db, survey.forumId);
    const goneId = await itemFor(t.db, survey.forumId, gone.responseId);
    const keptId = await itemFor(t.db, survey.forumId, kept.responseId);
    expect(await setThemes(t.db, moderator, goneId, ["transport", "therapies"])).toBe("saved");
    expect(await setThemes(t.db, moderator, keptId, ["transport"])).toBe("saved");
    await approveItem(t.db, moderator, goneId);

    expect(await withdrawResponse(t.db, gone.receiptCode!)).toBe(true);
    expect(await t.db.selectFrom("moderation_items").select("id").where("id", "=", goneId).execute()).toEqual([]);
    expect(await t.db.selectFrom("moderation_item_themes").select("theme_id").where("item_id", "=", goneId).execute()).toEqual([]);
    expect(await t.db.selectFrom("moderation_item_themes").select("theme_id").where("item_id", "=", keptId).execute()).toHaveLength(1);
    expect((await approvedQuotes(t.db, survey.forumId)).map((q) => q.itemId)).toEqual([]);
    // And it does not come back into the queue.
    expect(await ensureQueued(t.db, survey.forumId)).toBe(0);
  });

  it.skipIf(skip)("bulk approve refuses items with suggested redactions or an open safeguarding flag, and lists them", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    await addRedactionTerm(t.db, moderator, { term: "Mr Jones", kind: "staff" });
    const clean = await respond(t.db, survey, withText("More short breaks."));
    const named = await respond(t.db, survey, withText("Mr Jones was brilliant."));
    const email = await respond(t.db, survey, withText("Write to me: mum@example.com"));
    const flagged = await respond(t.db, survey, withText("I cannot cope any more."));
    await ensureQueued(t.db, survey.forumId);
    const [cleanId, namedId, emailId, flaggedId] = await Promise.all(
      [clean, named, email, flagged].map((r) => itemFor(t.db, survey.forumId, r.responseId)),
    );
    await flagSafeguarding(t.db, moderator, flaggedId, "Parent at breaking point");

    const result = await bulkApprove(t.db, moderator, [cleanId, namedId, emailId, flaggedId, "no-such-item"]);
    expect(result.approved).toEqual([cleanId]);
    expect(result.refused).toEqual([
      { id: namedId, reason: "suggested_redactions" },
      { id: emailId, reason: "suggested_redactions" },
      { id: flaggedId, reason: "safeguarding" },
      { id: "no-such-item", reason: "not_found" },
    ]);
    const queue = await listQueue(t.db, survey.forumId, { state: "all" });
    expect(Object.fromEntries(queue.items.map((i) => [i.id, i.state]))).toEqual({
      [cleanId]: "approved",
      [namedId]: "pending",
      [emailId]: "pending",
      [flaggedId]: "pending",
    });

    // Once redacted, the same item passes: the redacted copy has nothing left to suggest.
    await redactItem(t.db, moderator, namedId);
    expect((await bulkApprove(t.db, moderator, [namedId])).approved).toEqual([namedId]);
  });

  it.skipIf(skip)("tags several themes and filters the queue by survey, theme and state", async () => {
    const { survey } = await forumWithSurvey(t.db);
    await seedThemes(t.db, survey.forumId);
    const moderator = actor(survey.forumId, "moderator");
    const bus = await respond(t.db, survey, withText("The bus never comes."));
    const therapy = await respond(t.db, survey, withText("Speech therapy, please."));
    await ensureQueued(t.db, survey.forumId);
    const busId = await itemFor(t.db, survey.forumId, bus.responseId);
    const therapyId = await itemFor(t.db, survey.forumId, therapy.responseId);
    expect(await setThemes(t.db, moderator, busId, ["transport", "communication"])).toBe("saved");
    expect(await setThemes(t.db, moderator, therapyId, ["therapies"])).toBe("saved");
    expect(await setThemes(t.db, moderator, therapyId, ["therapies", "not_a_theme"])).toBe("unknown_theme");
    await approveItem(t.db, moderator, busId);

    const byTheme = await listQueue(t.db, survey.forumId, { theme: "transport", state: "all" });
    expect(byTheme.items.map((i) => i.id)).toEqual([busId]);
    expect(byTheme.items[0].themes.map((th) => th.code).sort()).toEqual(["communication", "transport"]);
    expect(byTheme.counts).toEqual({ pending: 0, approved: 1, rejected: 0, flagged: 0 });
    expect((await listQueue(t.db, survey.forumId, { state: "pending" })).items.map((i) => i.id)).toEqual([therapyId]);
    expect((await listQueue(t.db, survey.forumId, { surveyId: "another-survey", state: "all" })).total).toBe(0);
    expect((await approvedQuotes(t.db, survey.forumId, { themes: ["therapies"] })).length).toBe(0);
    expect((await approvedQuotes(t.db, survey.forumId, { themes: ["communication"] }))[0].themes.sort()).toEqual([
      "communication",
      "transport",
    ]);
  });

  it.skipIf(skip)("flags go to the lead's list; only the lead or an admin resolves them", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    const otherModerator = actor(survey.forumId, "moderator");
    const lead = actor(survey.forumId, "moderator", { lead: true });
    const r = await respond(t.db, survey, withText("Nobody is keeping my son safe at home."));
    await ensureQueued(t.db, survey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);
    expect(await flagSafeguarding(t.db, moderator, id, "Possible risk at home")).toBe(true);
    await approveItem(t.db, moderator, id);

    const list = await listSafeguarding(t.db, survey.forumId);
    expect(list.open.map((e) => [e.id, e.note])).toEqual([[id, "Possible risk at home"]]);
    // While the flag is open, the text is kept out of every quote, approved or not.
    expect(await approvedQuotes(t.db, survey.forumId)).toEqual([]);

    expect(await unflagSafeguarding(t.db, otherModerator, id)).toBe("forbidden");
    await expect(resolveSafeguarding(t.db, moderator, id, "Done")).rejects.toBeInstanceOf(ModerationNotAllowed);
    expect(await resolveSafeguarding(t.db, lead, id, "Referred to children's services")).toBe(true);
    expect(await resolveSafeguarding(t.db, lead, id, "Again")).toBe(false);
    const after = await listSafeguarding(t.db, survey.forumId);
    expect(after.open).toEqual([]);
    expect(after.resolved.map((e) => [e.id, e.resolution])).toEqual([[id, "Referred to children's services"]]);
    expect(await auditCount(t.db, "moderation.flagged", id)).toBe(1);
    expect(await auditCount(t.db, "moderation.resolved", id)).toBe(1);
    expect((await approvedQuotes(t.db, survey.forumId)).map((q) => q.itemId)).toEqual([id]);
  });

  it.skipIf(skip)("the person who flagged by mistake may take the flag back", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const moderator = actor(survey.forumId, "moderator");
    const r = await respond(t.db, survey, withText("Wrong button."));
    await ensureQueued(t.db, survey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);
    await flagSafeguarding(t.db, moderator, id, "Oops");
    expect(await unflagSafeguarding(t.db, moderator, id)).toBe("unflagged");
    expect((await listSafeguarding(t.db, survey.forumId)).open).toEqual([]);
    expect(await auditCount(t.db, "moderation.unflagged", id)).toBe(1);
  });

  it.skipIf(skip)("another forum's item id finds nothing and changes nothing", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { survey: otherSurvey } = await forumWithSurvey(t.db);
    await seedThemes(t.db, otherSurvey.forumId);
    const r = await respond(t.db, survey, withText("Our forum's answer."));
    await ensureQueued(t.db, survey.forumId);
    await ensureQueued(t.db, otherSurvey.forumId);
    const id = await itemFor(t.db, survey.forumId, r.responseId);
    const outsiderAdmin = actor(otherSurvey.forumId, "admin");

    expect(await getItem(t.db, otherSurvey.forumId, id)).toBeUndefined();
    expect(await approveItem(t.db, outsiderAdmin, id)).toBe("not_found");
    expect(await rejectItem(t.db, outsiderAdmin, id)).toBe(false);
    expect(await redactItem(t.db, outsiderAdmin, id, "changed")).toBe("not_found");
    expect(await setThemes(t.db, outsiderAdmin, id, ["transport"])).toBe("not_found");
    expect(await flagSafeguarding(t.db, outsiderAdmin, id, "note")).toBe(false);
    expect(await originalText(t.db, outsiderAdmin, id)).toBeUndefined();
    expect((await bulkApprove(t.db, outsiderAdmin, [id])).refused).toEqual([{ id, reason: "not_found" }]);
    expect((await listQueue(t.db, otherSurvey.forumId, { state: "all" })).total).toBe(0);

    const mine = await getItem(t.db, survey.forumId, id);
    expect(mine).toMatchObject({ state: "pending", redacted: false, themes: [], safeguarding: "none" });
    await approveItem(t.db, actor(survey.forumId, "moderator"), id);
    expect(await approvedQuotes(t.db, otherSurvey.forumId)).toEqual([]);
    expect(await auditCount(t.db, "moderation.original_viewed", id)).toBe(0);
  });
});

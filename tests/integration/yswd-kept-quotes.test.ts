import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import { approveItem, setThemes } from "~/models/moderation-decisions.server";
import { seedThemes } from "~/models/moderation-themes.server";
import { ensureQueued } from "~/models/moderation-queue.server";
import { saveAnswer, startResponse, submitResponse, withdrawResponse } from "~/models/responses.server";
import { applyRetention } from "~/models/retention.server";
import { createItem, publishItem } from "~/models/yswd/edit.server";
import { getItem, itemEvidence } from "~/models/yswd/items.server";
import { getPublicItem } from "~/models/yswd/public.server";
import type { YswdActor, YswdInput } from "~/models/yswd/shared.server";
import type { ModerationActor } from "~/models/moderation-actor.server";
import { forumWithSurvey, minimalParentAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

type Survey = Awaited<ReturnType<typeof forumWithSurvey>>["survey"];

/** Answers sent in 2024-Q1; retention run on NOW (24 months: cut-off 2024-11) deletes them. */
const SENT = new Date("2024-02-12T10:00:00Z");
const NOW = new Date("2026-11-23T12:00:00Z");

async function respond(db: DB, survey: Survey, text?: string) {
  const { responseId } = await startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language: "en",
    idempotencyKey: randomUUID(),
    consents: { participate: true, special_category: true, quotes: true, follow_up: false },
  });
  const answers: Answers = { ...minimalParentAnswers() };
  if (text) answers.what_would_help = { kind: "text", text };
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, response, code, value, "en");
  const result = await submitResponse(db, response, survey.definition, "en", { now: SENT });
  if (result.status !== "submitted") throw new Error(result.status);
  return { responseId, receiptCode: result.receiptCode };
}

function staff(forumId: string, role: YswdActor["role"]): YswdActor & ModerationActor {
  return { forumId, role, safeguardingLead: false, user: { id: `${role}-${randomUUID().slice(0, 8)}` } };
}

function draft(survey: Survey, quoteIds: string[]): YswdInput {
  return {
    title: "Drivers who know the children",
    themes: ["transport"],
    saidPlain: "Families said drivers change without warning.",
    saidEasyRead: null,
    translations: {},
    evidence: { surveyId: survey.id, period: "2024-Q1", kpiId: "K1", segmentType: null, segmentValue: null },
    quoteIds,
    whatDone: null,
    notPossibleReason: null,
    involvement: "co_design",
    ownerOrg: "The council",
    ownerRole: "Travel assist service manager",
    visibility: "public",
    raisedOn: "2024-04-01",
    responsePublishedOn: null,
    targetOn: null,
    completedOn: null,
    nextReviewOn: null,
  };
}

describe.each(STORES)("published quotes and retention on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it.skipIf(skip)(
    "a published quote stays with its item when retention deletes the response, and goes when the family withdraws",
    async () => {
      const { survey } = await forumWithSurvey(t.db);
      await seedThemes(t.db, survey.forumId);
      const admin = staff(survey.forumId, "admin");
      const published = await respond(t.db, survey, "A driver who knows my son would change everything.");
      const drafted = await respond(t.db, survey, "Letters in Urdu, please.");
      for (let i = 0; i < 8; i++) await respond(t.db, survey);
      await ensureQueued(t.db, survey.forumId);
      const idOf = async (responseId: string) =>
        (await t.db.selectFrom("moderation_items").select("id").where("response_id", "=", responseId).executeTakeFirstOrThrow()).id;
      const publishedQuote = await idOf(published.responseId);
      const draftQuote = await idOf(drafted.responseId);
      for (const id of [publishedQuote, draftQuote]) {
        expect(await approveItem(t.db, admin, id)).toBe("approved");
        expect(await setThemes(t.db, admin, id, ["transport"])).toBe("saved");
      }
      const item = await createItem(t.db, admin, draft(survey, [publishedQuote]));
      const other = await createItem(t.db, admin, draft(survey, [draftQuote]));
      if (item.status !== "saved" || other.status !== "saved") throw new Error("not saved");
      expect(await publishItem(t.db, admin, item.id)).toEqual({ status: "published" });
      const reference = (await getItem(t.db, survey.forumId, item.id))!.reference;

      const result = await applyRetention(t.db, survey.forumId, "system", NOW);
      expect(result.submitted).toBe(10);
      expect(await t.db.selectFrom("responses").select("id").where("forum_id", "=", survey.forumId).execute()).toEqual([]);

      // The published item still shows the quote, as published; the draft's quote went with its response.
      const page = (await getPublicItem(t.db, survey.forumId, reference))!;
      expect(page.evidence.quotes.map((q) => [q.text, q.language, q.refusal])).toEqual([
        ["A driver who knows my son would change everything.", "en", null],
      ]);
      const draftItem = (await getItem(t.db, survey.forumId, other.id))!;
      expect((await itemEvidence(t.db, survey.forumId, draftItem)).quotes).toEqual([]);
      expect(JSON.stringify(await t.db.selectFrom("yswd_kept_quotes").selectAll().execute())).not.toContain("Urdu");

      // The family withdraws with their receipt code: the quote leaves the register too.
      expect(await withdrawResponse(t.db, drafted.receiptCode)).toBe(false);
      expect(await withdrawResponse(t.db, published.receiptCode)).toBe(true);
      expect((await getPublicItem(t.db, survey.forumId, reference))!.evidence.quotes).toEqual([]);
      expect(await t.db.selectFrom("yswd_kept_quotes").select("id").execute()).toEqual([]);
      const audited = await t.db.selectFrom("audit_log").select("action").where("action", "=", "yswd.kept_quote_withdrawn").execute();
      expect(audited).toHaveLength(1);
    },
  );
});

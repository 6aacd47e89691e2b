/**
 * The survey builder's models on SQLite and PostgreSQL: drafts, immutable published versions,
 * responses that keep their version, the published-code rule, duplicates, dates and listing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SurveyDefinition } from "~/domain/survey";
import { createForum } from "~/models/forums.server";
import {
  createDraftSurvey,
  duplicateSurvey,
  getDraft,
  getSurveyOverview,
  listSurveys,
  publishDraft,
  saveDraft,
  setSurveyDates,
  setSurveyStatus,
  startNewDraftVersion,
} from "~/models/surveys.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { parentCarerExperience, sencoExperience } from "~/templates";
import { forumWithSurvey, minimalParentAnswers, startFor, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The parent template with one more question, routed on the first. */
function withRespiteQuestion(): SurveyDefinition {
  const definition = clone(parentCarerExperience);
  definition.questions.push({
    code: "respite_wanted",
    type: "yes_no",
    role: "other",
    // In every language the survey offers: a survey is published only when it is whole in each.
    title: {
      en: "Would a short break help your family?",
      ...Object.fromEntries(
        parentCarerExperience.languages.map((language) => [language, `(${language}) Would a short break help your family?`]),
      ),
    },
    required: true,
    showWhen: { question: "overall_experience", anyOf: ["poor", "very_poor"] },
  });
  return definition;
}

describe.each(STORES)("survey builder on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  async function versionRows(surveyId: string) {
    return t.db
      .selectFrom("survey_versions")
      .select(["id", "version_no", "definition", "published_at"])
      .where("survey_id", "=", surveyId)
      .orderBy("version_no")
      .execute();
  }

  it.skipIf(skip)("publishing makes an immutable version; editing starts version 2 while responses stay on version 1", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const v1 = survey.versionId;
    const { responseId } = await startFor(t.db, survey);
    const before = await versionRows(survey.id);

    const saved = await saveDraft(t.db, forum.id, survey.id, withRespiteQuestion());
    expect(saved).toMatchObject({ ok: true, versionNo: 2, created: true });
    // Saving again writes over the same draft, not another version.
    const again = await saveDraft(t.db, forum.id, survey.id, withRespiteQuestion());
    expect(again).toMatchObject({ ok: true, versionNo: 2, created: false });

    const rows = await versionRows(survey.id);
    expect(rows).toHaveLength(2);
    // Version 1 is exactly as it was published.
    expect(rows[0]).toEqual(before[0]);
    expect(rows[1].published_at).toBeNull();
    // The public page still shows version 1 until the draft is published.
    expect((await findPublishedSurvey(t.db, survey.publicId))!.versionNo).toBe(1);

    const published = await publishDraft(t.db, forum.id, survey.id);
    expect(published).toMatchObject({ ok: true, versionNo: 2, opened: false });
    const current = (await findPublishedSurvey(t.db, survey.publicId))!;
    expect(current.versionNo).toBe(2);
    expect(current.definition.questions.at(-1)!.code).toBe("respite_wanted");
    expect((await versionRows(survey.id))[0]).toEqual(before[0]);

    const response = await t.db.selectFrom("responses").select("survey_version_id").where("id", "=", responseId).executeTakeFirstOrThrow();
    expect(response.survey_version_id).toBe(v1);

    // Nothing left to publish, and a published version is never a draft again.
    expect(await publishDraft(t.db, forum.id, survey.id)).toEqual({ ok: false, reason: "no_draft" });
    const next = await startNewDraftVersion(t.db, forum.id, survey.id);
    expect(next).toMatchObject({ versionNo: 3, created: true });
    expect((await startNewDraftVersion(t.db, forum.id, survey.id)).versionId).toBe(next.versionId);
    const rowsAfter = await versionRows(survey.id);
    expect(rowsAfter.map((r) => [r.version_no, r.published_at === null])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it.skipIf(skip)("refuses a changed code on a published question, by origin or by its unchanged wording", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const renamed = clone(parentCarerExperience);
    renamed.questions[0].code = "overall_rating";
    const inferred = await saveDraft(t.db, forum.id, survey.id, renamed);
    expect(inferred).toEqual({
      ok: false,
      reason: "code_changes",
      changes: [{ index: 0, from: "overall_experience", to: "overall_rating" }],
    });

    const reworded = clone(renamed);
    reworded.questions[0].title = { en: "How has it been?" };
    const origins = reworded.questions.map((q, i) => (i === 0 ? "overall_experience" : q.code));
    expect(await saveDraft(t.db, forum.id, survey.id, reworded, { origins })).toMatchObject({ ok: false, reason: "code_changes" });
    // Nothing was stored.
    expect(await versionRows(survey.id)).toHaveLength(1);

    // Removing a published question is allowed: responses to version 1 keep it.
    const removed = clone(parentCarerExperience);
    removed.questions = removed.questions.filter((q) => q.code !== "listened_to");
    expect(await saveDraft(t.db, forum.id, survey.id, removed)).toMatchObject({ ok: true, versionNo: 2 });
  });

  it.skipIf(skip)("refuses to publish a draft that renames a code from any published version", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    // Version 2 removes listened_to; a draft of version 3 brings it back under a new code.
    const v2 = clone(parentCarerExperience);
    v2.questions = v2.questions.filter((q) => q.code !== "listened_to");
    await saveDraft(t.db, forum.id, survey.id, v2);
    await publishDraft(t.db, forum.id, survey.id);
    const v3 = clone(parentCarerExperience);
    v3.questions[1].code = "felt_heard";
    // Written straight to the draft row, as an older build might have: publishing checks again.
    await startNewDraftVersion(t.db, forum.id, survey.id);
    await t.db
      .updateTable("survey_versions")
      .set({ definition: JSON.stringify(v3) })
      .where("published_at", "is", null)
      .execute();
    expect(await publishDraft(t.db, forum.id, survey.id)).toEqual({
      ok: false,
      reason: "code_changes",
      changes: [{ index: 1, from: "listened_to", to: "felt_heard" }],
    });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.versionNo).toBe(2);
  });

  it.skipIf(skip)("a new survey is a draft until published, then opens", async () => {
    const forum = await createForum(t.db, { slug: "forum-a", name: "Forum A" });
    const created = await createDraftSurvey(t.db, { forumId: forum.id, slug: "sencos-2026", definition: sencoExperience });
    if (!created.ok) throw new Error("not created");
    expect(await findPublishedSurvey(t.db, created.publicId)).toBeUndefined();
    expect(await createDraftSurvey(t.db, { forumId: forum.id, slug: "sencos-2026", definition: sencoExperience })).toEqual({
      ok: false,
      reason: "slug_taken",
    });
    expect(await publishDraft(t.db, forum.id, created.id)).toMatchObject({ ok: true, versionNo: 1, opened: true });
    expect((await findPublishedSurvey(t.db, created.publicId))!.status).toBe("open");
  });

  it.skipIf(skip)("a closed survey stays closed when a new version is published", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await setSurveyStatus(t.db, forum.id, survey.id, "closed");
    await saveDraft(t.db, forum.id, survey.id, withRespiteQuestion());
    expect(await publishDraft(t.db, forum.id, survey.id)).toMatchObject({ ok: true, opened: false });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.status).toBe("closed");
  });

  it.skipIf(skip)("duplicating makes an independent draft with a new public id", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await submitAnswers(t.db, survey, minimalParentAnswers());
    await saveDraft(t.db, forum.id, survey.id, withRespiteQuestion());
    const copy = await duplicateSurvey(t.db, forum.id, survey.id, "parents-spring");
    if (!copy.ok) throw new Error("not duplicated");
    expect(copy.publicId).not.toBe(survey.publicId);
    expect(copy.id).not.toBe(survey.id);
    const draft = (await getDraft(t.db, forum.id, copy.id))!;
    expect(draft.published).toEqual([]);
    expect(draft.draft!.versionNo).toBe(1);
    // The copy starts from the draft, the newest wording.
    expect(draft.draft!.definition.questions.at(-1)!.code).toBe("respite_wanted");
    expect(await findPublishedSurvey(t.db, copy.publicId)).toBeUndefined();

    // Editing the copy leaves the original alone.
    const changed = clone(draft.draft!.definition);
    changed.title = { en: "Spring survey" };
    await saveDraft(t.db, forum.id, copy.id, changed);
    expect((await getDraft(t.db, forum.id, survey.id))!.draft!.definition.title.en).toBe("Parent carer experience survey");
    const list = await listSurveys(t.db, forum.id);
    const original = list.find((s) => s.id === survey.id)!;
    expect(original).toMatchObject({ submitted: 1, inProgress: 0, currentVersionNo: 1, draftVersionNo: 2, status: "open" });
    expect(list.find((s) => s.id === copy.id)).toMatchObject({
      title: "Spring survey",
      submitted: 0,
      currentVersionNo: null,
      status: "draft",
    });

    expect(await duplicateSurvey(t.db, forum.id, survey.id, "parents-spring")).toEqual({ ok: false, reason: "slug_taken" });
  });

  it.skipIf(skip)("open and close dates close the public start page", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await setSurveyDates(t.db, forum.id, survey.id, { opensAt: null, closesAt: past });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.status).toBe("closed");
    await setSurveyDates(t.db, forum.id, survey.id, { opensAt: future, closesAt: null });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.status).toBe("closed");
    expect((await listSurveys(t.db, forum.id))[0].status).toBe("not_yet_open");
    await setSurveyDates(t.db, forum.id, survey.id, { opensAt: past, closesAt: future });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.status).toBe("open");
  });

  it.skipIf(skip)("every read and write is scoped to the forum", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    const other = await createForum(t.db, { slug: "other-forum", name: "Other forum" });
    expect(await getDraft(t.db, other.id, survey.id)).toBeUndefined();
    expect(await getSurveyOverview(t.db, other.id, survey.id)).toBeUndefined();
    await expect(saveDraft(t.db, other.id, survey.id, withRespiteQuestion())).rejects.toThrow();
    await expect(publishDraft(t.db, other.id, survey.id)).rejects.toThrow();
    await setSurveyDates(t.db, other.id, survey.id, { opensAt: null, closesAt: new Date(0).toISOString() });
    expect((await findPublishedSurvey(t.db, survey.publicId))!.status).toBe("open");
    expect(await listSurveys(t.db, other.id)).toEqual([]);
    expect((await listSurveys(t.db, forum.id)).map((s) => s.id)).toEqual([survey.id]);
  });

  it.skipIf(skip)("the overview counts responses per version", async () => {
    const { forum, survey } = await forumWithSurvey(t.db);
    await submitAnswers(t.db, survey, minimalParentAnswers());
    await startFor(t.db, survey);
    await saveDraft(t.db, forum.id, survey.id, withRespiteQuestion());
    await publishDraft(t.db, forum.id, survey.id);
    const v2 = (await findPublishedSurvey(t.db, survey.publicId))!;
    await startFor(t.db, v2);
    const overview = (await getSurveyOverview(t.db, forum.id, survey.id))!;
    expect(overview.versions.map((v) => [v.versionNo, v.current, v.submitted, v.inProgress])).toEqual([
      [2, true, 0, 1],
      [1, false, 1, 1],
    ]);
    expect(overview.draft).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sencoExperience, youngPeopleEasyRead } from "~/templates";
import {
  CONSENT_WORDING_VERSION,
  findByReceipt,
  claimResumeCode,
  findRespondentResponse,
  issueResumeCode,
  loadAnswers,
  ResponseAlreadySubmitted,
  saveAnswer,
  startResponse,
  submitResponse,
  withdrawResponse,
} from "~/models/responses.server";
import { checkSurveyInvitation, createInvitationBatch } from "~/models/survey-invitations.server";
import { ALL_CONSENTS, forumWithSurvey, minimalParentAnswers, startFor, submitAnswers } from "../factories";
import { createTestDb, STORES, type TestDb } from "../support/db";

describe.each(STORES)("responses on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeEach(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterEach(async () => {
    if (!skip) await t.destroy();
  });

  async function count(table: "responses" | "answers" | "consents" | "follow_up_contacts", responseId?: string) {
    let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"));
    if (responseId) q = q.where(table === "responses" ? "id" : "response_id", "=", responseId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  it.skipIf(skip)("a double tap on Start stores one response with one set of consents", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const first = await startFor(t.db, survey, "key-aaaaaaaaaaaaaaaa");
    const second = await startFor(t.db, survey, "key-aaaaaaaaaaaaaaaa");
    expect(second.responseId).toBe(first.responseId);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(await count("responses")).toBe(1);
    expect(await count("consents")).toBe(4);
  });

  it.skipIf(skip)("each consent records the wording its respondent saw: a parent's, a young person's or a professional's", async () => {
    const { survey: parents } = await forumWithSurvey(t.db);
    const { survey: young } = await forumWithSurvey(t.db, youngPeopleEasyRead, "young-people-easy-read");
    const { survey: sencos } = await forumWithSurvey(t.db, sencoExperience, "senco-experience");
    const versions: string[] = [];
    for (const survey of [parents, young, sencos]) {
      const { responseId } = await startFor(t.db, survey);
      const rows = await t.db.selectFrom("consents").select("wording_version").where("response_id", "=", responseId).execute();
      expect(new Set(rows.map((r) => r.wording_version)).size).toBe(1);
      versions.push(rows[0].wording_version);
    }
    expect(versions).toEqual([
      CONSENT_WORDING_VERSION,
      `${CONSENT_WORDING_VERSION}-young-person`,
      `${CONSENT_WORDING_VERSION}-professional`,
    ]);
  });

  it.skipIf(skip)("stores answers, submits once, and a replay changes nothing", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { responseId, result } = await submitAnswers(t.db, survey, minimalParentAnswers());
    expect(result.status).toBe("submitted");
    const again = await submitResponse(t.db, { id: responseId, forumId: survey.forumId }, survey.definition, "en");
    expect(again.status).toBe("already_submitted");
    await expect(
      saveAnswer(t.db, { id: responseId, forumId: survey.forumId }, "overall_experience", { kind: "options", codes: ["very_poor"] }, "en"),
    ).rejects.toBeInstanceOf(ResponseAlreadySubmitted);
    const answers = await loadAnswers(t.db, responseId);
    expect(answers.overall_experience).toEqual({ kind: "options", codes: ["good"] });
    const stored = await t.db
      .selectFrom("responses")
      .select(["status", "submitted_on", "survey_version_id"])
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("submitted");
    expect(stored.survey_version_id).toBe(survey.versionId);
    expect(stored.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.skipIf(skip)("refuses to submit with a required answer missing, and keeps the response as it was", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const answers = minimalParentAnswers();
    delete answers.listened_to;
    const { responseId, result } = await submitAnswers(t.db, survey, answers);
    expect(result.status).toBe("invalid");
    if (result.status === "invalid") expect(result.problems).toEqual([{ question: "listened_to", problem: { code: "choose_one" } }]);
    const stored = await findRespondentResponse(t.db, responseId, survey.id);
    expect(stored?.status).toBe("in_progress");
    expect(Object.keys(await loadAnswers(t.db, responseId)).sort()).toEqual(Object.keys(answers).sort());
  });

  it.skipIf(skip)("drops answers that routing no longer asks for when the stage changes", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { responseId } = await startFor(t.db, survey);
    const response = { id: responseId, forumId: survey.forumId };
    for (const [code, value] of Object.entries(minimalParentAnswers())) await saveAnswer(t.db, response, code, value, "en");
    await saveAnswer(t.db, response, "ehcp_stage", { kind: "options", codes: ["final"] }, "en");
    await saveAnswer(t.db, response, "plan_needs_accurate", { kind: "options", codes: ["agree"] }, "en");
    // Back to SEN support: the plan question is no longer on the route.
    await saveAnswer(t.db, response, "ehcp_stage", { kind: "options", codes: ["sen_support"] }, "en");
    const result = await submitResponse(t.db, response, survey.definition, "en");
    expect(result.status).toBe("submitted");
    const answers = await loadAnswers(t.db, responseId);
    expect(answers.plan_needs_accurate).toBeUndefined();
    expect(answers.ehcp_stage).toEqual({ kind: "options", codes: ["sen_support"] });
  });

  it.skipIf(skip)("a multiple choice answer keeps every option, in the survey's order", async () => {
    const definition = {
      title: { en: "Test" },
      intro: { en: "Test" },
      audience: "parent_carer" as const,
      minutes: 1,
      languages: ["en"],
      questions: [
        {
          code: "needs",
          type: "multiple_choice" as const,
          role: "other" as const,
          title: { en: "Needs" },
          required: true,
          options: [
            { code: "a", label: { en: "A" } },
            { code: "b", label: { en: "B" } },
            { code: "c", label: { en: "C" } },
          ],
        },
      ],
    };
    const { survey } = await forumWithSurvey(t.db, definition, "multi");
    const { responseId, result } = await submitAnswers(t.db, survey, { needs: { kind: "options", codes: ["a", "c"] } });
    expect(result.status).toBe("submitted");
    expect(await loadAnswers(t.db, responseId)).toEqual({ needs: { kind: "options", codes: ["a", "c"] } });
  });

  it.skipIf(skip)("a resume code works once, stops working once a new one is issued, and never after the response is sent", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { responseId } = await startFor(t.db, survey);
    const first = (await issueResumeCode(t.db, responseId))!;
    const second = (await issueResumeCode(t.db, responseId))!;
    expect(await claimResumeCode(t.db, first)).toBeUndefined();
    // Typed loosely (spaces, lower case), it still works, once.
    expect(await claimResumeCode(t.db, ` ${second.replace("-", " ").toLowerCase()} `)).toEqual({
      responseId,
      publicId: survey.publicId,
      language: "en",
    });
    expect(await claimResumeCode(t.db, second)).toBeUndefined();
    // Saving again gives a fresh code, which is spent by sending.
    const third = (await issueResumeCode(t.db, responseId))!;
    const response = { id: responseId, forumId: survey.forumId };
    for (const [code, value] of Object.entries(minimalParentAnswers())) await saveAnswer(t.db, response, code, value, "en");
    await submitResponse(t.db, response, survey.definition, "en");
    expect(await claimResumeCode(t.db, third)).toBeUndefined();
  });

  it.skipIf(skip)("withdrawal with the receipt code deletes the response, its answers, consents and contact", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { responseId } = await startResponse(t.db, {
      forumId: survey.forumId,
      surveyId: survey.id,
      versionId: survey.versionId,
      respondentRole: "parent_carer",
      language: "en",
      idempotencyKey: "key-bbbbbbbbbbbbbbbb",
      consents: { ...ALL_CONSENTS, follow_up: true },
      contact: { name: "A parent", contact: "parent@example.org" },
    });
    const response = { id: responseId, forumId: survey.forumId };
    for (const [code, value] of Object.entries(minimalParentAnswers())) await saveAnswer(t.db, response, code, value, "en");
    const result = await submitResponse(t.db, response, survey.definition, "en");
    if (result.status !== "submitted") throw new Error("expected a submission");
    expect(await findByReceipt(t.db, result.receiptCode)).toMatchObject({ responseId });
    expect(await count("follow_up_contacts", responseId)).toBe(1);

    expect(await withdrawResponse(t.db, result.receiptCode)).toBe(true);
    expect(await count("responses", responseId)).toBe(0);
    expect(await count("answers", responseId)).toBe(0);
    expect(await count("consents", responseId)).toBe(0);
    expect(await count("follow_up_contacts", responseId)).toBe(0);
    expect(await withdrawResponse(t.db, result.receiptCode)).toBe(false);
    const audit = await t.db.selectFrom("audit_log").select(["action", "detail"]).execute();
    expect(audit).toEqual([{ action: "response.withdrawn", detail: null }]);
  });

  it.skipIf(skip)("an invitation is spent in the submitting transaction; a spent one leaves the response unsent", async () => {
    const { survey } = await forumWithSurvey(t.db);
    const { tokens } = await createInvitationBatch(t.db, {
      forumId: survey.forumId,
      surveyId: survey.id,
      label: "Test",
      size: 1,
      createdBy: "test",
    });
    const answerAndSubmit = async () => {
      const { responseId } = await startFor(t.db, survey);
      const response = { id: responseId, forumId: survey.forumId };
      for (const [code, value] of Object.entries(minimalParentAnswers())) await saveAnswer(t.db, response, code, value, "en");
      const result = await submitResponse(t.db, response, survey.definition, "en", { invitation: { token: tokens[0] } });
      return { responseId, result };
    };
    const first = await answerAndSubmit();
    expect(first.result.status).toBe("submitted");
    expect(await checkSurveyInvitation(t.db, tokens[0])).toEqual({ state: "spent", publicId: survey.publicId });
    const second = await answerAndSubmit();
    expect(second.result.status).toBe("invitation_spent");
    expect((await findRespondentResponse(t.db, second.responseId, survey.id))?.status).toBe("in_progress");
    const missing = await submitResponse(t.db, { id: second.responseId, forumId: survey.forumId }, survey.definition, "en", {
      invitation: { token: null },
    });
    expect(missing.status).toBe("invitation_spent");
  });

  it.skipIf(skip)("a response is invisible through another forum's survey", async () => {
    const a = await forumWithSurvey(t.db);
    const b = await forumWithSurvey(t.db);
    const { responseId } = await startFor(t.db, a.survey);
    expect(await findRespondentResponse(t.db, responseId, a.survey.id)).toBeDefined();
    expect(await findRespondentResponse(t.db, responseId, b.survey.id)).toBeUndefined();
  });
});

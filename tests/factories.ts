import type { DB } from "~/db.server";
import type { Answers } from "~/domain/routing";
import type { SurveyDefinition } from "~/domain/survey";
import { createForum } from "~/models/forums.server";
import { saveAnswer, startResponse, submitResponse } from "~/models/responses.server";
import { createSurvey, publishVersion } from "~/models/surveys.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { parentCarerExperience } from "~/templates";
import { randomUUID } from "node:crypto";

let counter = 0;

export async function forumWithSurvey(db: DB, definition: SurveyDefinition = parentCarerExperience, slug = "parent-carer-experience") {
  counter += 1;
  const forum = await createForum(db, { slug: `forum-${counter}-${randomUUID().slice(0, 6)}`, name: `Forum ${counter}` });
  const created = await createSurvey(db, { forumId: forum.id, slug, definition });
  await publishVersion(db, forum.id, created.versionId);
  const survey = (await findPublishedSurvey(db, created.publicId))!;
  return { forum, survey };
}

export const ALL_CONSENTS = { participate: true, special_category: true, quotes: false, follow_up: false };

export async function startFor(db: DB, survey: Awaited<ReturnType<typeof forumWithSurvey>>["survey"], key: string = randomUUID()) {
  return startResponse(db, {
    forumId: survey.forumId,
    surveyId: survey.id,
    versionId: survey.versionId,
    respondentRole: survey.audience,
    language: "en",
    idempotencyKey: key,
    consents: ALL_CONSENTS,
  });
}

/** Answers a whole survey through the same model calls the pages use, then submits it. */
export async function submitAnswers(db: DB, survey: Awaited<ReturnType<typeof forumWithSurvey>>["survey"], answers: Answers, now?: Date) {
  const { responseId } = await startFor(db, survey);
  const response = { id: responseId, forumId: survey.forumId };
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, response, code, value, "en");
  const result = await submitResponse(db, response, survey.definition, "en", { now });
  return { responseId, result };
}

/** A valid parent answer set with every required question answered, not routed to EHC plans. */
export function minimalParentAnswers(): Answers {
  return {
    overall_experience: { kind: "options", codes: ["good"] },
    listened_to: { kind: "options", codes: ["agree"] },
    confidence_needs_met: { kind: "options", codes: ["fairly"] },
    ehcp_stage: { kind: "options", codes: ["sen_support"] },
    finding_information: { kind: "options", codes: ["fairly_easy"] },
    feedback_leads_to_change: { kind: "options", codes: ["yes_some"] },
  };
}

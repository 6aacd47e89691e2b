/**
 * Forums and answers for the network tests (NB-1): forums set up as the forum command sets them
 * up, and parents' answers submitted through the pages' own model calls, in the months of the
 * last complete stocktake half-year (SAMPLE_PERIOD), so the tests pass on any date.
 */
import type { DB } from "~/db.server";
import { periodRange } from "~/domain/periods";
import type { Answers } from "~/domain/routing";
import { createForumWithDefaultSurveys } from "~/models/forum-setup.server";
import { findPublishedSurveyBySlug } from "~/models/published-surveys.server";
import { minimalParentAnswers, submitAnswers } from "../factories";
import { SAMPLE_PERIOD } from "./clock";

export const TEMPLATE = "parent-carer-experience";

/** The calendar month "YYYY-MM" `offset` months into SAMPLE_PERIOD (0 to 5). */
export function sampleMonth(offset: number): string {
  const [year, month] = periodRange("stocktake", SAMPLE_PERIOD).start.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1 + offset, 15, 12));
  return date.toISOString().slice(0, 7);
}

/** Noon on the 15th of that month. */
export function sampleInstant(offset: number): Date {
  return new Date(`${sampleMonth(offset)}-15T12:00:00Z`);
}

/** A forum set up with the default surveys; returns its parents' survey for answering. */
export async function hostedForum(db: DB, code: string, name = `${code} forum`) {
  const { forum } = await createForumWithDefaultSurveys(db, { code, name, actor: "test" });
  const survey = await findPublishedSurveyBySlug(db, forum.id, TEMPLATE);
  if (!survey) throw new Error("the parents' survey was not set up");
  return { forum, survey };
}

type Survey = NonNullable<Awaited<ReturnType<typeof findPublishedSurveyBySlug>>>;

/** The minimal parent answers with some questions changed. */
export function parentAnswers(changes: Record<string, string> = {}): Answers {
  const answers = minimalParentAnswers();
  for (const [code, value] of Object.entries(changes)) answers[code] = { kind: "options", codes: [value] };
  return answers;
}

/** A parent whose child has a final EHC plan, agreeing with three of its four statements (K6i positive). */
export function finalPlanAnswers(): Answers {
  return parentAnswers({
    ehcp_stage: "final",
    assessment_satisfaction: "fairly_satisfied",
    kept_informed: "mostly",
    plan_needs_accurate: "agree",
    plan_views_reflected: "agree",
    plan_provision_specific: "agree",
    plan_outcomes_achievable: "disagree",
    provision_delivered: "most",
    plan_improved_education: "agree",
    annual_review_4_weeks: "within_4_weeks",
  });
}

/** Submits `count` responses with these answers in the month `offset` months into SAMPLE_PERIOD. */
export async function submitMany(db: DB, survey: Survey, count: number, answers: Answers, offset: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { result } = await submitAnswers(db, survey, answers, sampleInstant(offset));
    if (result.status !== "submitted") throw new Error(`not submitted: ${JSON.stringify(result)}`);
  }
}

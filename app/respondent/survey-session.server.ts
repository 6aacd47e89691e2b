import { redirect } from "@remix-run/node";
import { readCookie, serialiseCookie } from "~/cookies.server";
import { getDb } from "~/db.server";
import { firstUnanswered } from "~/domain/routing";
import type { SurveyDefinition } from "~/domain/survey";
import { type PublishedSurvey } from "~/models/published-surveys.server";
import { getVersionDefinition } from "~/models/published-surveys.server";
import { findPublishedSurvey } from "~/models/published-surveys.server";
import { findRespondentResponse, loadAnswers, type RespondentResponse } from "~/models/responses.server";
import { notFound } from "~/http.server";

/**
 * What every survey page needs: the published survey behind the public id, and the
 * respondent's response from their cookie. A parent's place is never tied to a login.
 */

export const RESPONSE_COOKIE = "response";
export const RECEIPT_COOKIE = "receipt";
export const RESUME_COOKIE = "resume";
export const INVITATION_COOKIE = "invitation";
/** Long enough that no one loses a half-finished survey to a timeout. */
const RESPONSE_COOKIE_DAYS = 180;

export function surveyPath(publicId: string, rest = ""): string {
  return `/s/${publicId}${rest ? `/${rest}` : ""}`;
}

export async function requireSurvey(publicId: string | undefined): Promise<PublishedSurvey> {
  if (!publicId || !/^[a-z0-9]{4,40}$/.test(publicId)) throw notFound();
  const survey = await findPublishedSurvey(getDb(), publicId);
  if (!survey) throw notFound();
  return survey;
}

/** The language survey content is shown in: the interface language if the survey has it. */
export function contentLanguage(survey: PublishedSurvey, uiLanguage: string): string {
  return survey.definition.languages.includes(uiLanguage) ? uiLanguage : "en";
}

export function respondentRoleOf(survey: PublishedSurvey): string {
  return survey.audience;
}

export async function currentResponse(request: Request, survey: PublishedSurvey): Promise<RespondentResponse | undefined> {
  const id = readCookie(request, RESPONSE_COOKIE);
  if (!id || id.length > 64) return undefined;
  return findRespondentResponse(getDb(), id, survey.id);
}

export function responseCookie(request: Request, publicId: string, responseId: string): string {
  return serialiseCookie(request, RESPONSE_COOKIE, responseId, {
    path: surveyPath(publicId),
    maxAgeSeconds: RESPONSE_COOKIE_DAYS * 24 * 3600,
  });
}

export function flashCookie(request: Request, publicId: string, name: string, value: string, seconds = 3600): string {
  return serialiseCookie(request, name, value, { path: surveyPath(publicId), maxAgeSeconds: seconds });
}

/**
 * An in-progress response is needed for question and check pages: without one, go to the start
 * page; once submitted, to the confirmation.
 */
export async function requireInProgress(request: Request, survey: PublishedSurvey) {
  const response = await currentResponse(request, survey);
  if (!response) throw redirect(surveyPath(survey.publicId));
  if (response.status === "submitted") throw redirect(surveyPath(survey.publicId, "done"));
  // A response stays on the version it started, even if a newer one was published since.
  const definition = response.versionId === survey.versionId ? survey.definition : await getVersionDefinition(getDb(), response.versionId);
  return { response, definition };
}

/** Where a respondent picks up: their first unanswered question, or the check page. */
export async function continuePath(survey: PublishedSurvey, response: RespondentResponse, definition: SurveyDefinition) {
  const answers = await loadAnswers(getDb(), response.id);
  const next = firstUnanswered(definition, answers);
  return next ? surveyPath(survey.publicId, `q/${next.code}`) : surveyPath(survey.publicId, "check");
}

/** The single-use invitation this browser arrived with, for invitation-only surveys. */
export function invitationToken(request: Request): string | null {
  const token = readCookie(request, INVITATION_COOKIE);
  return token && /^[A-Za-z0-9_-]{10,64}$/.test(token) ? token : null;
}

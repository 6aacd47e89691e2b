import { redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { isUiLanguage, type MessageKey } from "~/i18n";
import { languageCookie } from "~/respondent/language.server";
import { claimResumeCode } from "~/models/responses.server";
import { allowAttempt } from "~/auth/rate-limit.server";
import { responseCookie, surveyPath } from "~/respondent/survey-session.server";

/** The resume form's action: the code is spent here, and this device carries on. */
export async function resumeWithCode(request: Request, code: string, address: string) {
  if (!(await allowAttempt(getDb(), `resume:${address}`, 20, 10 * 60_000))) return { error: "resume.error.tooMany" as MessageKey };
  const found = await claimResumeCode(getDb(), code);
  if (!found) return { error: "resume.error.notFound" as MessageKey };
  const headers = new Headers();
  headers.append("Set-Cookie", responseCookie(request, found.publicId, found.responseId));
  // The language the response was being answered in comes back with it, on any device.
  if (isUiLanguage(found.language)) headers.append("Set-Cookie", languageCookie(request, found.language));
  return { redirect: redirect(surveyPath(found.publicId, "continue"), { headers }) };
}

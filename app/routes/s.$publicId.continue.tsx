import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { continuePath, requireInProgress, requireSurvey } from "~/respondent/survey-session.server";

/** Picks up where the respondent left off: the first unanswered question, or the check page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const { response, definition } = await requireInProgress(request, survey);
  return redirect(await continuePath(survey, response, definition));
}

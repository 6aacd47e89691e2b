import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { stopAssistedEntry } from "~/respondent/assisted.server";
import { requireSurvey, surveyPath } from "~/respondent/survey-session.server";

/**
 * The banner's way out for a member of staff entering responses for someone: this browser stops
 * being theirs and goes back to the survey's admin page. A plain link, so it works without
 * JavaScript; it only ever ends this browser's own mark, so a link from elsewhere can do no harm.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await requireSurvey(params.publicId);
  const { ended, cookies } = await stopAssistedEntry(request, survey);
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  // Only a browser that was entering responses learns where the survey's admin page is.
  return redirect(ended ? `/admin/surveys/${survey.id}/assist?stopped=1` : surveyPath(survey.publicId), { headers });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { serialiseCookie } from "~/cookies.server";
import { getDb } from "~/db.server";
import { translator } from "~/i18n";
import { requestLanguage } from "~/respondent/language.server";
import { checkSurveyInvitation } from "~/models/survey-invitations.server";
import { INVITATION_COOKIE, surveyPath } from "~/respondent/survey-session.server";

/**
 * A single-use invitation link. The token is kept in a cookie for this survey only and spent
 * when the response is sent, so opening the link twice before answering loses nothing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const state = await checkSurveyInvitation(getDb(), token);
  const t = translator(requestLanguage(request));
  if (state.state === "unknown") throw json({ title: t("invite.unknown.title"), body: t("invite.unknown.body") }, { status: 404 });
  if (state.state === "spent") throw json({ title: t("invite.spent.title"), body: t("invite.spent.body") }, { status: 410 });
  return redirect(surveyPath(state.publicId), {
    headers: {
      "Set-Cookie": serialiseCookie(request, INVITATION_COOKIE, token, {
        path: surveyPath(state.publicId),
        maxAgeSeconds: 180 * 24 * 3600,
      }),
    },
  });
}

/** Never rendered on success (the loader redirects); present so errors get the site's pages. */
export default function Invitation() {
  return null;
}

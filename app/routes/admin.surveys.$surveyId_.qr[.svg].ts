import type { LoaderFunctionArgs } from "@remix-run/node";

import QRCode from "qrcode";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { findSurveyToShare } from "~/models/survey-invitations.server";
import { notFound } from "~/http.server";
import { inviteOnlyRefusal } from "~/components/share";
import { publicBaseUrl } from "~/mail/links.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const survey = params.surveyId ? await findSurveyToShare(getDb(), staff.forumId, params.surveyId) : undefined;
  if (!survey) throw notFound();
  if (survey.access === "invite_only") return inviteOnlyRefusal();
  const link = `${publicBaseUrl(request)}/s/${survey.publicId}`;
  const svg = await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Content-Disposition": `inline; filename="${survey.slug}-qr.svg"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}

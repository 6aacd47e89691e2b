import type { LoaderFunctionArgs } from "@remix-run/node";

import QRCode from "qrcode";
import { requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { findSurveyToShare } from "~/models/survey-invitations.server";
import { notFound } from "~/http.server";
import { inviteOnlyRefusal } from "~/components/share";
import { publicBaseUrl } from "~/mail/links.server";

/** A 1024-pixel PNG: sharp on an A4 poster. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const survey = params.surveyId ? await findSurveyToShare(getDb(), staff.forumId, params.surveyId) : undefined;
  if (!survey) throw notFound();
  if (survey.access === "invite_only") return inviteOnlyRefusal();
  const link = `${publicBaseUrl(request)}/s/${survey.publicId}`;
  const png = await QRCode.toBuffer(link, { type: "png", width: 1024, margin: 2, errorCorrectionLevel: "M" });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="${survey.slug}-qr.png"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import * as z from "zod";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { csvCell } from "~/domain/csv";
import { createInvitationBatch, findSurveyToShare, MAX_BATCH } from "~/models/survey-invitations.server";
import { firstErrors } from "~/auth/staff-forms.server";
import { notFound, readForm } from "~/http.server";
import { publicBaseUrl } from "~/mail/links.server";

const BatchForm = z.object({
  label: z
    .string()
    .trim()
    .min(1, "Enter a name for this batch, for example Spring 2026 SENCOs")
    .max(100, "Name must be 100 characters or fewer"),
  size: z.coerce
    .number({ error: "Enter how many links you need, as a number" })
    .int("Enter a whole number")
    .min(1, "Enter at least 1")
    .max(MAX_BATCH, `Create at most ${MAX_BATCH} links at a time`),
});

/**
 * Creates a batch of single-use links and answers with them as a CSV download. The links exist
 * only in this download: the database keeps hashes, so they can never be shown again.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const survey = params.surveyId ? await findSurveyToShare(getDb(), staff.forumId, params.surveyId) : undefined;
  if (!survey) throw notFound();
  const form = Object.fromEntries(await readForm(request));
  const parsed = BatchForm.safeParse(form);
  const sharePage = `/admin/surveys/${survey.id}/share`;
  if (!parsed.success) {
    const query = new URLSearchParams();
    for (const [field, message] of Object.entries(firstErrors(parsed.error))) query.set(`error_${field}`, message);
    query.set("label", String(form.label ?? "").slice(0, 200));
    query.set("size", String(form.size ?? "").slice(0, 20));
    return redirect(`${sharePage}?${query}`);
  }
  const { tokens } = await createInvitationBatch(getDb(), {
    forumId: staff.forumId,
    surveyId: survey.id,
    label: parsed.data.label,
    size: parsed.data.size,
    createdBy: staff.user.id,
  });
  await audit(staff, "survey.invitations_created", survey.id, { count: tokens.length });
  const origin = publicBaseUrl(request);
  const lines = ["number,link", ...tokens.map((token, i) => `${i + 1},${csvCell(`${origin}/i/${token}`)}`)];
  const filename = `${survey.slug}-invitations-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response("\uFEFF" + lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

export async function loader({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const survey = params.surveyId ? await findSurveyToShare(getDb(), staff.forumId, params.surveyId) : undefined;
  if (!survey) throw notFound();
  return redirect(`/admin/surveys/${survey.id}/share`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";

import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { countSubmittedResponses, rawResponsesCsv } from "~/models/raw-export.server";
import { notFound } from "~/http.server";

/**
 * /admin/surveys/:surveyId/responses.csv: the raw responses, for the forum's admins only. Free
 * text as moderated, unless `originals=1` asks for the respondents' own words, which is recorded
 * in the audit log as its own action.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const db = getDb();
  const includeOriginals = new URL(request.url).searchParams.get("originals") === "1";
  const surveyId = params.surveyId ?? "";
  const chunks = await rawResponsesCsv(db, { forumId: staff.forumId, surveyId, includeOriginals });
  if (!chunks) throw notFound();
  const rows = await countSubmittedResponses(db, staff.forumId, surveyId);
  await audit(staff, includeOriginals ? "responses.exported_with_originals" : "responses.exported", surveyId, { rows });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const suffix = includeOriginals ? "-with-original-text" : "";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="responses-${londonDate(new Date())}${suffix}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

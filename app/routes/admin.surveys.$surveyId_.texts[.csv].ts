import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { surveyTexts, translationCsv } from "~/domain/survey-texts";
import { resolveTextsExport } from "~/models/survey-translations.server";

/**
 * /admin/surveys/:surveyId/texts.csv?language=ur: the draft's texts (or the newest published
 * version's) for a translator outside the platform, one row per text, to be imported back on the
 * translations page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const resolved = await resolveTextsExport(getDb(), staff.forumId, params.surveyId ?? "", new URL(request.url).searchParams);
  if (!resolved.ok) {
    return new Response(`${resolved.message}\n`, { status: resolved.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { source, language } = resolved;
  const body = translationCsv(source.definition, language);
  await audit(staff, "survey.texts_exported", params.surveyId, {
    version: source.versionNo,
    language,
    format: "csv",
    texts: surveyTexts(source.definition).length,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${resolved.fileName("csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}

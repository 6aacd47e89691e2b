import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { surveyTexts } from "~/domain/survey-texts";
import { resolveTextsExport } from "~/models/survey-translations.server";
import { translationWorkbook } from "~/models/translation-workbook.server";

/** /admin/surveys/:surveyId/texts.xlsx?language=ur: the same rows as texts.csv, as an Excel workbook. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["admin"]);
  const resolved = await resolveTextsExport(getDb(), staff.forumId, params.surveyId ?? "", new URL(request.url).searchParams);
  if (!resolved.ok) {
    return new Response(`${resolved.message}\n`, { status: resolved.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { source, language } = resolved;
  const body = await translationWorkbook(source.definition, language, new Date());
  await audit(staff, "survey.texts_exported", params.surveyId, {
    version: source.versionNo,
    language,
    format: "xlsx",
    texts: surveyTexts(source.definition).length,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${resolved.fileName("xlsx")}"`,
      "Cache-Control": "no-store",
    },
  });
}

import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { surveyKpiMetadata } from "~/models/board.server";
import { exportAuditDetail, exportFileName, kpiCellChunks, kpiWorkbookStream, resolveKpiExport } from "~/models/kpi-export.server";

/**
 * /board/export.xlsx?survey=&periodType=&by=: the same cells as the CSV on a `data` sheet
 * (numbers as numbers), and a `metadata` sheet with the method, SDC-1 and every KPI's definition,
 * streamed as it is written.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  const resolved = await resolveKpiExport(db, staff.forumId, new URL(request.url).searchParams);
  if (!resolved.ok) {
    return new Response(`${resolved.message}\n`, { status: resolved.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const kpis = await surveyKpiMetadata(db, staff.forumId, resolved.request.survey);
  const workbook = await kpiWorkbookStream(kpiCellChunks(db, resolved.request), {
    request: resolved.request,
    kpis,
    generatedAt: new Date(),
    methodologyUrl: new URL(METHODOLOGY_PATH, request.url).href,
  });
  await audit(staff, "kpis.exported", resolved.request.survey.id, exportAuditDetail("xlsx", resolved));
  return new Response(workbook, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${exportFileName(resolved.request, "xlsx")}"`,
      "Cache-Control": "no-store",
    },
  });
}

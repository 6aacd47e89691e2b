import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { surveyKpiMetadata } from "~/models/board.server";
import { exportAuditDetail, exportFileName, kpiCellChunks, kpiWorkbookStream, resolveKpiExport } from "~/models/kpi-export.server";
import {
  networkExportAuditDetail,
  networkExportFileName,
  networkExportRows,
  networkWorkbook,
  resolveNetworkExport,
} from "~/models/network-export.server";
import { readKpiScope } from "~/schemas/board";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function refused(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function xlsxHeaders(fileName: string): HeadersInit {
  return { "Content-Type": XLSX, "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" };
}

/**
 * /board/export.xlsx?survey=&periodType=&by=: the same cells as the CSV on a `data` sheet
 * (numbers as numbers), and a `metadata` sheet with the method, SDC-1 and every KPI's definition,
 * streamed as it is written. With `scope=network`: the network tidy rows of NB-1 on a `network`
 * sheet, and the method on `metadata`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const methodologyUrl = new URL(METHODOLOGY_PATH, request.url).href;
  const scope = readKpiScope(params);
  if (!scope.success) return refused(400, scope.error.issues[0].message);
  if (scope.data === "network") {
    const resolved = await resolveNetworkExport(db, staff.forumId, params);
    if (!resolved.ok) return refused(resolved.status, resolved.message);
    const rows = await networkExportRows(db, resolved.request);
    const workbook = await networkWorkbook(rows, { request: resolved.request, generatedAt: new Date(), methodologyUrl });
    await audit(staff, "kpis.exported", resolved.request.template, networkExportAuditDetail("xlsx", resolved));
    return new Response(workbook, { headers: xlsxHeaders(networkExportFileName(resolved.request, "xlsx")) });
  }
  const resolved = await resolveKpiExport(db, staff.forumId, params);
  if (!resolved.ok) return refused(resolved.status, resolved.message);
  const kpis = await surveyKpiMetadata(db, staff.forumId, resolved.request.survey);
  const workbook = await kpiWorkbookStream(kpiCellChunks(db, resolved.request), {
    request: resolved.request,
    kpis,
    generatedAt: new Date(),
    methodologyUrl,
  });
  await audit(staff, "kpis.exported", resolved.request.survey.id, exportAuditDetail("xlsx", resolved));
  return new Response(workbook, { headers: xlsxHeaders(exportFileName(resolved.request, "xlsx")) });
}

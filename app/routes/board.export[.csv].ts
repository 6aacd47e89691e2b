import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { toNetworkCsv } from "~/domain/network";
import { exportAuditDetail, exportFileName, resolveKpiExport, tidyCsvStream } from "~/models/kpi-export.server";
import { networkExportAuditDetail, networkExportFileName, networkExportRows, resolveNetworkExport } from "~/models/network-export.server";
import { readKpiScope } from "~/schemas/board";

function refused(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function csvHeaders(request: Request, fileName: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    // The CSV's columns are fixed; where its method is explained travels in a header instead.
    Link: `<${new URL(METHODOLOGY_PATH, request.url).href}>; rel="describedby"`,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
  };
}

/**
 * /board/export.csv?survey=&periodType=&by=: the tidy CSV of the KPI contract, streamed as it is built
 * (UTF-8 with a byte order mark, CRLF, formula-safe text). SDC-1 is applied to every cell.
 * With `scope=network`: the network tidy CSV of NB-1 for the survey's template instead.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const scope = readKpiScope(params);
  if (!scope.success) return refused(400, scope.error.issues[0].message);
  if (scope.data === "network") {
    const resolved = await resolveNetworkExport(db, staff.forumId, params);
    if (!resolved.ok) return refused(resolved.status, resolved.message);
    const csv = toNetworkCsv(await networkExportRows(db, resolved.request));
    await audit(staff, "kpis.exported", resolved.request.template, networkExportAuditDetail("csv", resolved));
    return new Response(csv, { headers: csvHeaders(request, networkExportFileName(resolved.request, "csv")) });
  }
  const resolved = await resolveKpiExport(db, staff.forumId, params);
  if (!resolved.ok) return refused(resolved.status, resolved.message);
  const body = await tidyCsvStream(db, resolved.request);
  await audit(staff, "kpis.exported", resolved.request.survey.id, exportAuditDetail("csv", resolved));
  return new Response(body, { headers: csvHeaders(request, exportFileName(resolved.request, "csv")) });
}

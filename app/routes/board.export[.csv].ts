import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit, requireRole } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { exportAuditDetail, exportFileName, resolveKpiExport, tidyCsvStream } from "~/models/kpi-export.server";

/**
 * /board/export.csv?survey=&periodType=&by=: the tidy CSV of the KPI contract, streamed as it is built
 * (UTF-8 with a byte order mark, CRLF, formula-safe text). SDC-1 is applied to every cell.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ["board"]);
  const db = getDb();
  const resolved = await resolveKpiExport(db, staff.forumId, new URL(request.url).searchParams);
  if (!resolved.ok) {
    return new Response(`${resolved.message}\n`, { status: resolved.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const body = await tidyCsvStream(db, resolved.request);
  await audit(staff, "kpis.exported", resolved.request.survey.id, exportAuditDetail("csv", resolved));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      // The CSV's columns are fixed; where its method is explained travels in a header instead.
      Link: `<${new URL(METHODOLOGY_PATH, request.url).href}>; rel="describedby"`,
      "Content-Disposition": `attachment; filename="${exportFileName(resolved.request, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}

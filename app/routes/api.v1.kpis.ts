import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db.server";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import { METHOD_NOTES, METHOD_VERSION, SDC_RULE_TEXT } from "~/domain/xlsx-metadata";
import { authenticateApiToken, bearerToken } from "~/models/api-tokens.server";
import { recordAudit } from "~/models/audit.server";
import { collectKpiCells, exportAuditDetail, resolveKpiExport } from "~/models/kpi-export.server";

/**
 * GET /api/v1/kpis?survey=<short name or public id>&periodType=&by=, with
 * `Authorization: Bearer <token>`: the same cells as /board/export.csv for the same query (the
 * same function makes both), as JSON. A token reads only its own forum's surveys.
 */
function problem(status: number, error: string, headers: Record<string, string> = {}) {
  return json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const token = bearerToken(request);
  const caller = token ? await authenticateApiToken(db, token) : undefined;
  if (!caller) {
    return problem(401, "Send a valid API token as Authorization: Bearer <token>. Forum admins issue tokens on /admin/api-tokens.", {
      "WWW-Authenticate": 'Bearer realm="kpis"',
    });
  }
  const resolved = await resolveKpiExport(db, caller.forumId, new URL(request.url).searchParams);
  if (!resolved.ok) return problem(resolved.status, resolved.message);
  const cells = await collectKpiCells(db, resolved.request);
  await recordAudit(db, {
    forumId: caller.forumId,
    actor: `api_token:${caller.tokenId}`,
    action: "kpis.exported",
    subject: resolved.request.survey.id,
    detail: exportAuditDetail("json", resolved),
  });
  return json(
    {
      survey: resolved.request.survey.slug,
      periodType: resolved.query.periodType,
      segments: resolved.request.segments,
      generatedAt: new Date().toISOString(),
      method: {
        version: METHOD_VERSION,
        methodology: new URL(METHODOLOGY_PATH, request.url).href,
        interval: METHOD_NOTES.interval,
        sdc: SDC_RULE_TEXT,
        columns: TIDY_CSV_COLUMNS,
      },
      // The tidy CSV's columns in its order, plus the KPI definition's version.
      cells: cells.map((cell) => ({
        ...Object.fromEntries(TIDY_CSV_COLUMNS.map((column) => [column, cell[column]])),
        kpi_version: cell.kpi_version,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

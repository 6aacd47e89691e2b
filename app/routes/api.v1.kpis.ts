import { METHODOLOGY_PATH } from "~/domain/methodology";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db.server";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import { METHOD_NOTES, METHOD_VERSION, SDC_RULE_TEXT } from "~/domain/xlsx-metadata";
import { authenticateApiToken, bearerToken } from "~/models/api-tokens.server";
import { recordAudit } from "~/models/audit.server";
import { collectKpiCells, exportAuditDetail, resolveKpiExport } from "~/models/kpi-export.server";
import { NETWORK_METHOD_NOTE, networkExportAuditDetail, networkExportRows, resolveNetworkExport } from "~/models/network-export.server";
import { NETWORK_CSV_COLUMNS } from "~/domain/network";
import { readKpiScope } from "~/schemas/board";
import type { DB } from "~/db.server";

/**
 * GET /api/v1/kpis?survey=<short name or public id>&periodType=&by=, with
 * `Authorization: Bearer <token>`: the same cells as /board/export.csv for the same query (the
 * same function makes both), as JSON. A token reads only its own forum's surveys.
 * With `scope=network`: the network tidy rows of NB-1 for the survey's template (no `by`).
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
  const params = new URL(request.url).searchParams;
  const scope = readKpiScope(params);
  if (!scope.success) return problem(400, scope.error.issues[0].message);
  if (scope.data === "network") return networkKpis(db, request, caller, params);
  const resolved = await resolveKpiExport(db, caller.forumId, params);
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

/** scope=network: the rows of /board/export.csv?scope=network, as JSON. */
async function networkKpis(db: DB, request: Request, caller: { forumId: string; tokenId: string }, params: URLSearchParams) {
  const resolved = await resolveNetworkExport(db, caller.forumId, params);
  if (!resolved.ok) return problem(resolved.status, resolved.message);
  const rows = await networkExportRows(db, resolved.request);
  await recordAudit(db, {
    forumId: caller.forumId,
    actor: `api_token:${caller.tokenId}`,
    action: "kpis.exported",
    subject: resolved.request.template,
    detail: networkExportAuditDetail("json", resolved),
  });
  return json(
    {
      survey: resolved.request.template,
      scope: "network",
      periodType: resolved.query.periodType,
      segments: ["forum"],
      generatedAt: new Date().toISOString(),
      method: {
        version: METHOD_VERSION,
        methodology: new URL(METHODOLOGY_PATH, request.url).href,
        interval: METHOD_NOTES.interval,
        network: NETWORK_METHOD_NOTE,
        sdc: SDC_RULE_TEXT,
        columns: NETWORK_CSV_COLUMNS,
      },
      cells: rows.map((row) => Object.fromEntries(NETWORK_CSV_COLUMNS.map((column) => [column, row[column]]))),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

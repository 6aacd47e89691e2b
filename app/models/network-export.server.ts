/**
 * The network tidy rows of NB-1 in the board's exports and the API (`scope=network`): the same
 * rows as `npm run kpis -- --network` and the public network pages (computeNetworkRows), for the
 * template of one of the forum's surveys, as CSV, XLSX or JSON. Nothing here computes a figure.
 */
import ExcelJS from "exceljs";
import type { DB } from "~/db.server";
import { NETWORK_CSV_COLUMNS, type NetworkRow } from "~/domain/network";
import { NETWORK_TEMPLATES } from "~/domain/network-counts";
import { londonDate, PERIOD_TYPES, type PeriodType } from "~/domain/periods";
import { METHOD_NOTES, METHOD_VERSION, SDC_RULE_TEXT } from "~/domain/xlsx-metadata";
import { EVERY, readNetworkExportQuery, type NetworkExportQuery } from "~/schemas/board";
import { findForumSurvey } from "./board.server";
import { computeNetworkRows } from "./network-counts.server";

export interface NetworkExportRequest {
  /** The template's slug: the rows' `survey`. */
  template: string;
  periodTypes: PeriodType[];
}

export type ResolvedNetworkExport =
  { ok: true; request: NetworkExportRequest; query: NetworkExportQuery } | { ok: false; status: 400 | 404; message: string };

/** What the network rows are computed under: the methods' notes, for the JSON and the workbook. */
export const NETWORK_METHOD_NOTE =
  "Network benchmarking (NB-1): member forums share monthly counts only. The network figure pools them (Wilson 95% interval) and is published only when at least 3 forums have n > 0 and the total n is at least 10. Each forum's funnel limits are Wilson intervals around the network proportion at its own n, at z = 1.959964 (95%) and z = 3.090232 (99.8%); its position is above, high, within, low or below, never a rank. Forums are a breakdown under SDC-1, secondary suppression included.";

/**
 * The network export a query string asks for: one of this forum's surveys (404 otherwise) whose
 * template the network compares (400 otherwise), a period type or `every`, and no breakdown.
 */
export async function resolveNetworkExport(db: DB, forumId: string, params: URLSearchParams): Promise<ResolvedNetworkExport> {
  const parsed = readNetworkExportQuery(params);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => i.message).join(" ") };
  const survey = await findForumSurvey(db, forumId, parsed.data.survey);
  if (!survey) return { ok: false, status: 404, message: `This forum has no published survey "${parsed.data.survey}".` };
  if (!NETWORK_TEMPLATES.includes(survey.slug)) {
    return {
      ok: false,
      status: 400,
      message: `The network compares only the standard surveys (${NETWORK_TEMPLATES.join(", ")}); "${survey.slug}" is not one of them.`,
    };
  }
  const periodTypes = parsed.data.periodType === EVERY ? [...PERIOD_TYPES] : [parsed.data.periodType];
  return { ok: true, request: { template: survey.slug, periodTypes }, query: parsed.data };
}

/** Every network row of the request: each period type in turn, in the network CSV's order. */
export async function networkExportRows(db: DB, request: NetworkExportRequest): Promise<NetworkRow[]> {
  const rows: NetworkRow[] = [];
  for (const periodType of request.periodTypes) rows.push(...(await computeNetworkRows(db, { template: request.template, periodType })));
  return rows;
}

const NUMERIC = new Set<string>([
  "n",
  "numerator",
  "percent",
  "ci_lower",
  "ci_upper",
  "percent_negative",
  "target",
  "funnel95_lower",
  "funnel95_upper",
  "funnel998_lower",
  "funnel998_upper",
]);

/**
 * The network rows as a workbook: a `network` sheet with exactly the network CSV's columns
 * (numbers as numbers, blanks as empty cells, text as text a spreadsheet never evaluates) and a
 * `metadata` sheet with the method.
 */
export async function networkWorkbook(
  rows: readonly NetworkRow[],
  context: { request: NetworkExportRequest; generatedAt: Date; methodologyUrl: string },
): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Parent carer voice";
  workbook.created = context.generatedAt;
  const sheet = workbook.addWorksheet("network", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = NETWORK_CSV_COLUMNS.map((column) => ({
    key: column,
    width: column === "kpi_name" ? 36 : Math.max(10, column.length + 2),
    style: NUMERIC.has(column) && column !== "n" && column !== "numerator" && column !== "target" ? { numFmt: "0.0" } : {},
  }));
  sheet.addRow([...NETWORK_CSV_COLUMNS]).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      NETWORK_CSV_COLUMNS.map((column) => {
        const value = row[column];
        if (value === null || value === "") return null;
        return NUMERIC.has(column) ? Number(value) : String(value);
      }),
    );
  }
  const meta = workbook.addWorksheet("metadata");
  meta.columns = [{ width: 20 }, { width: 120 }];
  const about: [string, string][] = [
    ["survey", context.request.template],
    ["time_identifier", context.request.periodTypes.join(", ")],
    ["segment_types", "all, forum"],
    ["method_version", METHOD_VERSION],
    ["methodology", context.methodologyUrl],
    ["network", NETWORK_METHOD_NOTE],
    ["sdc_rule", SDC_RULE_TEXT],
    ["n", METHOD_NOTES.n],
    ["interval", METHOD_NOTES.interval],
    ["periods", METHOD_NOTES.periods],
    ["generated_at", context.generatedAt.toISOString()],
  ];
  for (const [key, value] of about) meta.addRow([key, value]);
  const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

/** What the audit log records about a network export: codes only. */
export function networkExportAuditDetail(format: string, resolved: { request: NetworkExportRequest; query: NetworkExportQuery }) {
  return { format, scope: "network", survey: resolved.request.template, period_type: resolved.query.periodType, by: null };
}

export function networkExportFileName(request: NetworkExportRequest, extension: string): string {
  const periods = request.periodTypes.length === 1 ? request.periodTypes[0] : "all-periods";
  return `network-${request.template}-${periods}-${londonDate(new Date())}.${extension}`;
}

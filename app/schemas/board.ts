/**
 * The query strings of the board dashboard, the board pack, the KPI exports and the KPI API.
 * Plain GET forms, so every choice is in the address and a link reproduces the view. Whether a
 * survey or segment exists is checked on the server (the KPI engine knows the survey's segments).
 */
import * as z from "zod";
import { PERIOD_TYPES, type PeriodType } from "~/domain/periods";

export const PERIOD_TYPE_NAMES: Record<PeriodType, string> = {
  quarter: "Quarters",
  stocktake: "Stocktake half-years (June and December)",
  academic_year: "Academic years",
};

export const DEFAULT_PERIOD_TYPE: PeriodType = "stocktake";

/** Exports and the API: every period type, or every breakdown of the survey. */
export const EVERY = "every";

const surveyReference = z
  .string()
  .trim()
  .max(100, "The survey must be its short name or its public id.")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "The survey must be its short name (such as parent-carer-experience) or its public id.");

const segmentCode = z
  .string()
  .trim()
  .max(64, "A breakdown is a segment code such as district.")
  .regex(/^[a-z][a-z0-9_]*$/, "A breakdown is a segment code such as district.");

const periodType = z.enum(PERIOD_TYPES, {
  error: `The period type must be one of ${PERIOD_TYPES.join(", ")}.`,
});

/** A period label of any type ("2026-H2", "2026-Q3", "2025/26"); whether it fits the period type is checked with it. */
const periodLabel = z
  .string()
  .trim()
  .max(10, "Choose a period from the list.")
  .regex(/^(\d{4}-Q[1-4]|\d{4}-H[12]|\d{4}\/\d{2})$/, "Choose a period from the list.");

/**
 * The dashboard and the pack: one survey (default: the first), one period type, one period
 * (default: the latest with published figures), at most one breakdown.
 */
export const BoardViewSchema = z.object({
  survey: surveyReference.optional(),
  periodType: periodType.default(DEFAULT_PERIOD_TYPE),
  period: periodLabel.optional(),
  by: segmentCode.optional(),
});
export type BoardView = z.infer<typeof BoardViewSchema>;

/**
 * Exports and the API: one survey; a period type or `every` (default stocktake); breakdowns as
 * repeated or comma-separated `by` values, or `every`; none gives the `all` rows only.
 */
export const KpiExportQuerySchema = z.object({
  survey: surveyReference,
  periodType: z
    .enum([EVERY, ...PERIOD_TYPES], { error: `The period type must be one of ${PERIOD_TYPES.join(", ")}, or ${EVERY}.` })
    .default(DEFAULT_PERIOD_TYPE),
  by: z
    .array(
      z
        .string()
        .trim()
        .regex(/^([a-z][a-z0-9_]{0,63})$/, "A breakdown is a segment code such as district, or every."),
    )
    .max(20, "Ask for at most 20 breakdowns at once.")
    .default([]),
});
export type KpiExportQuery = z.infer<typeof KpiExportQuerySchema>;

/**
 * Exports and the API: `scope=forum` (the default) for the forum's own cells, or `scope=network`
 * for the network tidy rows of NB-1 for the survey's template (every member forum by code, the
 * network figure first; no other breakdown).
 */
export const KPI_SCOPES = ["forum", "network"] as const;
export const KpiScopeSchema = z
  .enum(KPI_SCOPES, { error: `The scope must be forum (this forum's figures) or network (the network of forums' figures).` })
  .default("forum");

export const NetworkExportQuerySchema = z.object({
  survey: surveyReference,
  periodType: KpiExportQuerySchema.shape.periodType,
  by: z.array(z.string()).max(0, "A network export is broken down by forum only: leave out by."),
});
export type NetworkExportQuery = z.infer<typeof NetworkExportQuerySchema>;

/** Reads one query parameter: absent and empty are the same (a GET form sends empty fields). */
function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value.trim() === "" ? undefined : value;
}

export function readBoardView(params: URLSearchParams) {
  return BoardViewSchema.safeParse({
    survey: param(params, "survey"),
    periodType: param(params, "periodType"),
    period: param(params, "period"),
    by: param(params, "by"),
  });
}

export function readKpiExportQuery(params: URLSearchParams) {
  const by = params
    .getAll("by")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return KpiExportQuerySchema.safeParse({ survey: param(params, "survey") ?? "", periodType: param(params, "periodType"), by });
}

export function readKpiScope(params: URLSearchParams) {
  return KpiScopeSchema.safeParse(param(params, "scope"));
}

export function readNetworkExportQuery(params: URLSearchParams) {
  const by = params
    .getAll("by")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return NetworkExportQuerySchema.safeParse({ survey: param(params, "survey") ?? "", periodType: param(params, "periodType"), by });
}

/** The query string of an export link (or a dashboard or pack link, with its period) for a board view. */
export function exportQueryString(view: { survey: string; periodType: string; period?: string; by?: string | string[] }): string {
  const params = new URLSearchParams({ survey: view.survey, periodType: view.periodType });
  if (view.period) params.set("period", view.period);
  for (const by of [view.by ?? []].flat()) if (by) params.append("by", by);
  return params.toString();
}

/**
 * What a forum shares with the network of forums (rule NB-1): aggregate counts per survey
 * template, KPI and London calendar month, and the counts file a forum on its own installation
 * sends to the network's. Never a response, free text or a segment: only n, numerator and negative.
 *
 * Pure: no I/O. Reading a counts file is network-counts-file.ts.
 */
import { SURVEY_TEMPLATES } from "~/templates";
import { CSV_BOM, CSV_LINE_END, csvRow } from "./csv";
import { DEFAULT_KPIS, type KpiDefinition } from "./kpi-definitions";
import type { SurveyDefinition } from "./survey";

/** One forum's counts for one KPI of one survey template in one month (a row of the counts file). */
export interface ForumMonthCount {
  /** The forum's code: its short name in its own installation, such as birmingham-demo. */
  forum: string;
  forum_name: string;
  /** The template's slug, such as parent-carer-experience. */
  survey_template: string;
  /** YYYY-MM, Europe/London. */
  month: string;
  kpi_id: string;
  n: number;
  numerator: number;
  /** Null for a KPI with no negative share (K6i). */
  negative: number | null;
}

/** The counts file's header, in this order. */
export const COUNTS_FILE_COLUMNS = [
  "forum",
  "forum_name",
  "survey_template",
  "month",
  "kpi_id",
  "n",
  "numerator",
  "negative",
] as const satisfies readonly (keyof ForumMonthCount)[];

/** A forum's code: lower-case letters, digits and hyphens, as forums are named in a web address. */
export const FORUM_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

// ------------------------------------------------------------------------------------------------
// The templates and KPIs the network compares

/** The survey templates every forum starts with, by slug: the network compares these. */
export const NETWORK_TEMPLATES: readonly string[] = SURVEY_TEMPLATES.map((t) => t.slug);

/**
 * The standard KPIs a template asks, in register order: those whose every question the template
 * asks as a question of its own (segment questions are breakdowns, not KPIs).
 */
export function templateKpis(definition: SurveyDefinition): KpiDefinition[] {
  const asked = new Set(definition.questions.filter((q) => q.role !== "segment").map((q) => q.code));
  return DEFAULT_KPIS.filter((kpi) =>
    kpi.kind === "ehcp_quality_index"
      ? (kpi.questions ?? []).length > 0 && (kpi.questions ?? []).every((q) => asked.has(q))
      : asked.has(kpi.question),
  );
}

const KPIS_BY_TEMPLATE = new Map<string, KpiDefinition[]>(SURVEY_TEMPLATES.map((t) => [t.slug, templateKpis(t.definition)]));

/** The standard KPIs of a network template, in register order; empty for a slug that is not one. */
export function networkKpis(template: string): KpiDefinition[] {
  return KPIS_BY_TEMPLATE.get(template) ?? [];
}

/** True for a KPI with no negative share: its rows leave `negative` empty. */
export function hasNoNegative(kpi: Pick<KpiDefinition, "kind">): boolean {
  return kpi.kind === "ehcp_quality_index";
}

/**
 * True when a forum's definition of a standard KPI counts exactly what the standard one does
 * (the order of option codes aside). A forum that changed a KPI in its own register still sees
 * its own figures at home, but shares none for that KPI: they would not compare with the others'.
 */
export function countsAsStandard(kpi: KpiDefinition): boolean {
  const standard = DEFAULT_KPIS.find((k) => k.id === kpi.id);
  if (!standard) return false;
  const canonical = (d: KpiDefinition) =>
    JSON.stringify({
      kind: d.kind ?? "proportion",
      question: d.kind === "ehcp_quality_index" ? null : d.question,
      questions: d.kind === "ehcp_quality_index" ? [...(d.questions ?? [])].sort() : null,
      positive: [...d.positive].sort(),
      negative: [...d.negative].sort(),
      excluded: [...d.excluded].sort(),
    });
  return canonical(kpi) === canonical(standard);
}

// ------------------------------------------------------------------------------------------------
// Writing a counts file

/** Rows in the file's order: forum, template, month, then KPI in register order. */
export function sortCounts(rows: readonly ForumMonthCount[]): ForumMonthCount[] {
  const rank = new Map(DEFAULT_KPIS.map((k, i) => [k.id, i]));
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) =>
      text(a.forum, b.forum) ||
      text(a.survey_template, b.survey_template) ||
      text(a.month, b.month) ||
      (rank.get(a.kpi_id) ?? rank.size) - (rank.get(b.kpi_id) ?? rank.size) ||
      text(a.kpi_id, b.kpi_id),
  );
}

/** The counts file: a BOM, the header, one CRLF-terminated line per row with n > 0. */
export function toCountsFile(rows: readonly ForumMonthCount[]): string {
  let out = CSV_BOM + COUNTS_FILE_COLUMNS.join(",") + CSV_LINE_END;
  for (const row of sortCounts(rows)) {
    if (row.n <= 0) continue;
    out += csvRow(COUNTS_FILE_COLUMNS.map((column) => row[column])) + CSV_LINE_END;
  }
  return out;
}

/**
 * What every KPI export and board pack says about its own figures: the method (the methodology page), the
 * disclosure rule and each KPI's definition in words and codes, so that a reader can recompute
 * any figure from the raw counts. Pure: no I/O, no figures computed here.
 */
import { EHCP_QUALITY_INDEX_MINIMUM, type KpiDefinition } from "./kpi-definitions";
import { LOW_RELIABILITY_BELOW_N, SUPPRESS_BELOW_N } from "./kpi-cells";
import { METHOD_EDITION, METHODOLOGY_PATH } from "./methodology";
import { Z_95 } from "./statistics";
import { localise, optionsOf, type SurveyDefinition } from "./survey";

/** The edition of the method the figures follow (explained at /methodology), and the interval's z. */
export const METHOD_VERSION = `methodology ${METHOD_EDITION} (${METHODOLOGY_PATH}); Wilson z=${Z_95}`;

export const METHOD_NOTES = {
  n: "n is the base: the responses that answered the question, minus the options the KPI excludes. Skipped or not-asked questions never count.",
  interval: `The 95% interval is the Wilson score interval (z = ${Z_95}). Percentages and bounds are rounded half away from zero to 1 decimal place, from exact counts.`,
  change:
    "Change from the previous period is in percentage points, with the Newcombe hybrid score interval (method 10). It is called significant only when that interval excludes 0.",
  rag: "RAG against the forum's target: green when the figure is at or above the target; amber when it is below the target but the target is within the interval; red when the whole interval is below the target.",
  periods:
    "Responses are placed by their submission date in Europe/London. Quarters are calendar quarters; stocktake half-years run 1 December to 31 May (H1, June stocktake) and 1 June to 30 November (H2, December stocktake); academic years run 1 September to 31 August.",
  pooling: "Young people's (easy read) surveys are reported separately and never pooled with the parent and carer survey.",
} as const;

/** Rule SDC-1 as applied to every view, export and API response. */
export const SDC_RULE_TEXT =
  `SDC-1: a cell with n below ${SUPPRESS_BELOW_N} is suppressed (figures blank, flag c). ` +
  "Within one breakdown, if exactly one cell is suppressed, the unsuppressed cell with the smallest n is also suppressed (the all row never is). " +
  `A cell with n from ${SUPPRESS_BELOW_N} to ${LOW_RELIABILITY_BELOW_N - 1} is published with flag u (low reliability). ` +
  "Breakdowns show one dimension at a time.";

export const FLAG_MEANINGS = {
  c: `Suppressed: fewer than ${SUPPRESS_BELOW_N} responses, or suppressed so that a small group cannot be worked out from the others.`,
  u: `Low reliability: ${SUPPRESS_BELOW_N} to ${LOW_RELIABILITY_BELOW_N - 1} responses.`,
} as const;

export interface KpiMetadata {
  kpi_id: string;
  kpi_name: string;
  kpi_version: number;
  question_codes: string;
  question_wording: string;
  scale: string;
  positive: string;
  negative: string;
  excluded: string;
  target: number | null;
}

/** A KPI's definition in the survey's own (English) words and codes. */
export function kpiMetadata(kpi: KpiDefinition & { version: number; target: number | null }, definition: SurveyDefinition): KpiMetadata {
  const isIndex = kpi.kind === "ehcp_quality_index";
  const codes = isIndex ? [...(kpi.questions ?? [])] : [kpi.question];
  const questions = codes.map((code) => definition.questions.find((q) => q.code === code));
  const wording = questions.map((q, i) => (q ? localise(q.title, "en") : codes[i])).join(" | ");
  const scale = questions[0]
    ? optionsOf(questions[0])
        .map((o) => o.code)
        .join(", ")
    : "";
  const list = (codes: readonly string[]) => (codes.length > 0 ? codes.join(", ") : "none");
  return {
    kpi_id: kpi.id,
    kpi_name: kpi.name,
    kpi_version: kpi.version,
    question_codes: codes.join(", "),
    question_wording: wording,
    scale,
    positive: isIndex
      ? `respondent answers ${list(kpi.positive)} to at least ${EHCP_QUALITY_INDEX_MINIMUM} of the ${codes.length} statements`
      : list(kpi.positive),
    negative: isIndex ? "none (the index has no negative share)" : list(kpi.negative),
    excluded: isIndex
      ? `${list(kpi.excluded)} is not a valid answer; base = respondents with at least ${EHCP_QUALITY_INDEX_MINIMUM} valid answers`
      : list(kpi.excluded),
    target: kpi.target,
  };
}

export const KPI_METADATA_COLUMNS = [
  "kpi_id",
  "kpi_name",
  "kpi_version",
  "question_codes",
  "question_wording",
  "scale",
  "positive",
  "negative",
  "excluded",
  "target",
] as const satisfies readonly (keyof KpiMetadata)[];

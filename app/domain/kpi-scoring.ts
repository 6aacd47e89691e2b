import { EHCP_QUALITY_INDEX_MINIMUM, EHCP_QUALITY_INDEX_QUESTIONS, type KpiDefinition } from "./kpi-definitions";

/** KPI scoring: base, positive and negative counts from the answers to one question. Pure functions, no I/O. */

/** Responses per option code for one question (answered responses only; skipped ones are absent). */
export type OptionCounts = Readonly<Record<string, number>>;

/** A KPI's raw figures. `negative` is null where the KPI has no negative share (K6i). */
export interface KpiScore {
  n: number;
  numerator: number;
  negative: number | null;
}

/**
 * Base, positive and negative counts for a proportion KPI.
 * Base = every answered response minus the excluded options; options in no list (`neither`,
 * K1's `dont_know`, or a code we do not recognise) stay in the base, as the KPI contract says.
 */
export function scoreCounts(def: KpiDefinition, counts: OptionCounts): KpiScore {
  if (def.kind === "ehcp_quality_index") {
    throw new TypeError(`${def.id} is scored per respondent: use scoreQualityIndex`);
  }
  const excluded = new Set(def.excluded);
  const positive = new Set(def.positive);
  const negative = new Set(def.negative);
  let n = 0;
  let numerator = 0;
  let negativeCount = 0;
  for (const [option, count] of Object.entries(counts)) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`count for ${def.id} option "${option}" must be a non-negative integer, got ${count}`);
    }
    if (excluded.has(option)) continue;
    n += count;
    if (positive.has(option)) numerator += count;
    if (negative.has(option)) negativeCount += count;
  }
  return { n, numerator, negative: negativeCount };
}

/** One respondent's answers by question code; null, undefined or "" = not answered. */
export type RespondentAnswers = Readonly<Record<string, string | null | undefined>>;

type QualityIndexClass = "positive" | "in_base" | "outside_base";

/**
 * K6i for one respondent: in the base with at least 3 valid answers (answered and not excluded,
 * i.e. not `dont_know`); positive when agreeing with at least 3 of the 4 statements.
 * Agreeing answers are valid, so every positive respondent is in the base.
 */
export function classifyQualityIndexRespondent(def: KpiDefinition, answers: RespondentAnswers): QualityIndexClass {
  const questions = def.questions ?? EHCP_QUALITY_INDEX_QUESTIONS;
  let valid = 0;
  let agreed = 0;
  for (const code of questions) {
    const answer = answers[code];
    if (answer === null || answer === undefined || answer === "" || def.excluded.includes(answer)) continue;
    valid += 1;
    if (def.positive.includes(answer)) agreed += 1;
  }
  if (valid < EHCP_QUALITY_INDEX_MINIMUM) return "outside_base";
  return agreed >= EHCP_QUALITY_INDEX_MINIMUM ? "positive" : "in_base";
}

/** K6i over a group of respondents. */
export function scoreQualityIndex(def: KpiDefinition, respondents: Iterable<RespondentAnswers>): KpiScore {
  let n = 0;
  let numerator = 0;
  for (const answers of respondents) {
    const c = classifyQualityIndexRespondent(def, answers);
    if (c === "outside_base") continue;
    n += 1;
    if (c === "positive") numerator += 1;
  }
  return { n, numerator, negative: null };
}

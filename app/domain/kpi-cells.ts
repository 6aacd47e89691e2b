import type { PeriodType } from "./periods";
import { percentFromCounts, wilsonPercent, Z_95 } from "./statistics";
import type { KpiDefinition } from "./kpi-definitions";
import { type KpiScore, type OptionCounts, scoreCounts } from "./kpi-scoring";

/**
 * KPI scoring, published cells and disclosure control (the KPI contract: "The KPIs", "Figures published
 * for every KPI cell", "Disclosure control (rule SDC-1)").
 *
 * Pure functions, no I/O. The flow for every view, export and API is:
 *   counts per option → scoreCounts → buildCell (unsuppressed) → suppressSmallCells (SDC-1).
 * Only the output of suppressSmallCells may leave the server.
 */
type CellFlag = "" | "c" | "u";
type Rag = "" | "green" | "amber" | "red";

/** One published row: KPI × period × segment value. Blank figures are null. */
export interface KpiCell {
  time_period: string;
  time_identifier: PeriodType;
  survey: string;
  kpi_id: string;
  kpi_name: string;
  segment_type: string;
  segment_value: string;
  n: number | null;
  numerator: number | null;
  percent: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  percent_negative: number | null;
  flag: CellFlag;
  target: number | null;
  rag: Rag;
}

/** Column order of the tidy CSV export, exactly as the KPI contract lists it. */
export const TIDY_CSV_COLUMNS = [
  "time_period",
  "time_identifier",
  "survey",
  "kpi_id",
  "kpi_name",
  "segment_type",
  "segment_value",
  "n",
  "numerator",
  "percent",
  "ci_lower",
  "ci_upper",
  "percent_negative",
  "flag",
  "target",
  "rag",
] as const satisfies readonly (keyof KpiCell)[];

/** Below this base a cell is suppressed (SDC-1 rule 1). */
export const SUPPRESS_BELOW_N = 10;
/** Below this base a published cell is flagged `u`, low reliability (SDC-1 rule 3). */
export const LOW_RELIABILITY_BELOW_N = 30;

/** The segment type (and value) of the whole-population row. */
export const ALL_SEGMENT = "all";
/** Segment value of respondents who did not answer the segment question. */
export const UNKNOWN_SEGMENT_VALUE = "unknown";

interface CellContext {
  time_period: string;
  time_identifier: PeriodType;
  survey: string;
  segment_type: string;
  segment_value: string;
}

type BuildCellInput = CellContext & {
  kpi: KpiDefinition;
  /** The forum's target percent for this KPI, or null when none is set. */
  target: number | null;
  z?: number;
} & ({ counts: OptionCounts; score?: never } | { score: KpiScore; counts?: never });

/**
 * An UNSUPPRESSED cell: figures for any n > 0, flag `u` for 10 ≤ n < 30, RAG against the target.
 * A base of 0 gives blank figures (nothing to divide). Pass the result through suppressSmallCells
 * before publishing anything.
 */
export function buildCell(input: BuildCellInput): KpiCell {
  const { kpi, target } = input;
  if (input.segment_type === ALL_SEGMENT && input.segment_value !== ALL_SEGMENT) {
    throw new RangeError(`the "all" row must have segment_value "all", got "${input.segment_value}"`);
  }
  if (target !== null && !(Number.isFinite(target) && target >= 0 && target <= 100)) {
    throw new RangeError(`target must be a percent in 0..100 or null, got ${target}`);
  }
  const score = input.score ?? scoreCounts(kpi, input.counts);
  assertScore(score, kpi.id);
  const { n, numerator, negative } = score;

  const base = {
    time_period: input.time_period,
    time_identifier: input.time_identifier,
    survey: input.survey,
    kpi_id: kpi.id,
    kpi_name: kpi.name,
    segment_type: input.segment_type,
    segment_value: input.segment_value,
    n,
    numerator,
    target,
  };
  if (n === 0) {
    return { ...base, percent: null, ci_lower: null, ci_upper: null, percent_negative: null, flag: "", rag: "" };
  }
  const percent = percentFromCounts(numerator, n);
  const ci = wilsonPercent(numerator, n, input.z ?? Z_95);
  return {
    ...base,
    percent,
    ci_lower: ci.lower,
    ci_upper: ci.upper,
    percent_negative: negative === null ? null : percentFromCounts(negative, n),
    flag: reliabilityFlag(n),
    rag: ragStatus(percent, ci.upper, target),
  };
}

/** Rule 3: `u` for 10 ≤ n < 30, otherwise blank (cells under 10 are suppressed, not flagged u). */
function reliabilityFlag(n: number): "" | "u" {
  return n >= SUPPRESS_BELOW_N && n < LOW_RELIABILITY_BELOW_N ? "u" : "";
}

/**
 * RAG from the PUBLISHED (rounded) percent and upper bound, so a reader can check it from the
 * published row: green if percent ≥ target; amber if percent < target ≤ ci_upper; red if
 * ci_upper < target; blank with no target.
 */
export function ragStatus(percent: number | null, ciUpper: number | null, target: number | null): Rag {
  if (target === null || percent === null || ciUpper === null) return "";
  if (percent >= target) return "green";
  return target <= ciUpper ? "amber" : "red";
}

/**
 * The segment values a breakdown lists: every value with at least one response in the period
 * (`unknown` included), in the order given, plus (defensively) any value that has KPI counts.
 * A listed value with no KPI answers gets a base-0 cell, which SDC-1 then suppresses.
 */
export function breakdownValues(respondedValues: Iterable<string>, withCounts: Iterable<string> = []): string[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const v of [...respondedValues, ...withCounts]) {
    if (!seen.has(v)) {
      seen.add(v);
      values.push(v);
    }
  }
  return values;
}

type BuildBreakdownInput = Omit<CellContext, "segment_value"> & {
  kpi: KpiDefinition;
  target: number | null;
  z?: number;
  /** Segment values with at least one response in the period (any question), `unknown` included. */
  respondedValues: Iterable<string>;
} & (
    | { countsByValue: Readonly<Record<string, OptionCounts>>; scoresByValue?: never }
    | { scoresByValue: Readonly<Record<string, KpiScore>>; countsByValue?: never }
  );

/** Unsuppressed cells for one breakdown, one per value from `breakdownValues` (base 0 where no answers). */
export function buildBreakdownCells(input: BuildBreakdownInput): KpiCell[] {
  const { kpi, target, z, respondedValues, countsByValue, scoresByValue, ...context } = input;
  const known = Object.keys(countsByValue ?? scoresByValue ?? {});
  const emptyScore: KpiScore = { n: 0, numerator: 0, negative: kpi.kind === "ehcp_quality_index" ? null : 0 };
  return breakdownValues(respondedValues, known).map((segment_value) => {
    const cellContext = { ...context, segment_value, kpi, target, z };
    if (scoresByValue) {
      return buildCell({ ...cellContext, score: hasOwn(scoresByValue, segment_value) ? scoresByValue[segment_value] : emptyScore });
    }
    const counts = countsByValue && hasOwn(countsByValue, segment_value) ? countsByValue[segment_value] : {};
    return buildCell({ ...cellContext, counts });
  });
}

/**
 * Apply SDC-1 rules 1–3 to cells, per breakdown (survey × KPI × period × segment type; the `all`
 * row is its own breakdown). Returns new cells in the input order; the input is not changed.
 *
 * 1. n < 10 (including base 0): n, numerator, percent, ci_*, percent_negative blank, rag blank,
 *    flag `c`. The target stays: it is the forum's, not a figure about respondents.
 * 2. If exactly one cell of a breakdown is suppressed by rule 1, also suppress the unsuppressed
 *    cell with the smallest n (ties: segment value code first in code-unit order). This never
 *    cascades: the secondary cell has n ≥ 10, so afterwards the breakdown has exactly two
 *    suppressed cells, and rule 2 cannot fire again. The `all` row is never chosen. A breakdown
 *    with a single cell has nothing to pair with; then that cell's base is the `all` base, which
 *    is therefore suppressed by rule 1 too, so nothing can be derived by subtraction.
 * 3. Unsuppressed cells are flagged `u` when 10 ≤ n < 30, otherwise blank.
 *
 * Cells already blank (n null) count as suppressed, so applying this twice changes nothing.
 */
export function suppressSmallCells(cells: readonly KpiCell[]): KpiCell[] {
  const suppressed = new Set<number>();
  const breakdowns = new Map<string, number[]>();
  const seen = new Set<string>();

  cells.forEach((cell, i) => {
    if (cell.segment_type === ALL_SEGMENT && cell.segment_value !== ALL_SEGMENT) {
      throw new RangeError(`the "all" row must have segment_value "all", got "${cell.segment_value}"`);
    }
    const key = breakdownKey(cell);
    const cellKey = `${key}\u0000${cell.segment_value}`;
    if (seen.has(cellKey)) {
      throw new RangeError(`duplicate cell: ${cell.kpi_id} ${cell.time_period} ${cell.segment_type}=${cell.segment_value}`);
    }
    seen.add(cellKey);
    const members = breakdowns.get(key) ?? [];
    members.push(i);
    breakdowns.set(key, members);
    if (cell.n === null || cell.n < SUPPRESS_BELOW_N) suppressed.add(i); // rule 1
  });

  // The all row is its own breakdown of exactly one cell (validated above: one value, no
  // duplicates), so rule 2 never has another cell to pick there: it is never a secondary cell.
  for (const members of breakdowns.values()) {
    const primary = members.filter((i) => suppressed.has(i));
    if (primary.length !== 1) continue;
    let chosen: number | undefined;
    for (const i of members) {
      if (suppressed.has(i)) continue;
      if (chosen === undefined || isSmallerForSecondary(cells[i], cells[chosen])) chosen = i;
    }
    if (chosen !== undefined) suppressed.add(chosen); // rule 2
  }

  return cells.map((cell, i) => (suppressed.has(i) ? suppressCell(cell) : { ...cell, flag: reliabilityFlag(cell.n as number) }));
}

function isSmallerForSecondary(a: KpiCell, b: KpiCell): boolean {
  const an = a.n as number;
  const bn = b.n as number;
  if (an !== bn) return an < bn;
  return a.segment_value < b.segment_value;
}

/**
 * A cell as rule 1 publishes it: figures and rag blank, flag `c`. For callers with a rule of their
 * own on top of SDC-1 (network benchmarking suppresses a network figure from fewer than three forums).
 */
export function suppressCell<T extends KpiCell>(cell: T): T {
  return {
    ...cell,
    n: null,
    numerator: null,
    percent: null,
    ci_lower: null,
    ci_upper: null,
    percent_negative: null,
    flag: "c",
    rag: "",
  };
}

function breakdownKey(cell: KpiCell): string {
  return [cell.survey, cell.kpi_id, cell.time_identifier, cell.time_period, cell.segment_type].join("\u0000");
}

function assertScore(score: KpiScore, id: string): void {
  const { n, numerator, negative } = score;
  const ok =
    Number.isSafeInteger(n) &&
    n >= 0 &&
    Number.isSafeInteger(numerator) &&
    numerator >= 0 &&
    (negative === null || (Number.isSafeInteger(negative) && negative >= 0)) &&
    numerator + (negative ?? 0) <= n;
  if (!ok) throw new RangeError(`${id}: inconsistent counts n=${n} numerator=${numerator} negative=${negative}`);
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

// Kept here for the callers that build cells from these.

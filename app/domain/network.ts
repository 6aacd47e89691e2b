/**
 * Network benchmarking (rule NB-1): forums compare themselves with the network of forums from
 * aggregate counts alone. For each KPI × period, the network figure pools every member forum's
 * counts, and each forum sits on a funnel plot around it (Spiegelhalter's, with Wilson limits)
 * with a position (above, high, within, low, below), never a rank.
 *
 * Pure: no I/O. Every figure goes through the functions that make every other published figure
 * (buildCell, suppressSmallCells, wilsonIntervalAt, proportionToPercent), so a forum's row here is
 * the figure its own board would publish for the same counts.
 */
import { CSV_BOM, CSV_LINE_END, csvCell } from "./csv";
import { ALL_SEGMENT, buildCell, suppressCell, suppressSmallCells, TIDY_CSV_COLUMNS, type KpiCell } from "./kpi-cells";
import type { KpiScore } from "./kpi-scoring";
import { hasNoNegative, networkKpis, type ForumMonthCount } from "./network-counts";
import { comparePeriods, periodOf, type PeriodType } from "./periods";
import { proportionToPercent, wilsonIntervalAt, Z_95, type Interval } from "./statistics";
import { tidyCsvHeader, tidyCsvRow } from "./tidy-csv";

/** The 99.9th percentile of the standard normal distribution: the funnel's outer (99.8%) limits. */
export const Z_998 = 3.090232;
/** The breakdown of a KPI × period by forum: `segment_type` of every forum row. */
export const FORUM_SEGMENT = "forum";
/** The network figure is published only when at least this many forums have n > 0 for it. */
export const NETWORK_MINIMUM_FORUMS = 3;

export const FUNNEL_POSITIONS = ["above", "high", "within", "low", "below"] as const;
export type FunnelPosition = (typeof FUNNEL_POSITIONS)[number];

/** A row of the network tidy CSV: a KPI cell, plus its funnel limits and position (blank where suppressed). */
export interface NetworkRow extends KpiCell {
  funnel95_lower: number | null;
  funnel95_upper: number | null;
  funnel998_lower: number | null;
  funnel998_upper: number | null;
  position: FunnelPosition | "";
}

export const NETWORK_CSV_COLUMNS = [
  ...TIDY_CSV_COLUMNS,
  "funnel95_lower",
  "funnel95_upper",
  "funnel998_lower",
  "funnel998_upper",
  "position",
] as const satisfies readonly (keyof NetworkRow)[];

/** A forum's funnel limits around the network proportion p0, as unrounded proportions. */
export interface FunnelLimits {
  inner: Interval;
  outer: Interval;
}

/** The Wilson interval with p = p0 (unrounded) and the forum's n, at z = 1.959964 and z = 3.090232. */
export function funnelLimits(p0: number, n: number): FunnelLimits {
  return { inner: wilsonIntervalAt(p0, n, Z_95), outer: wilsonIntervalAt(p0, n, Z_998) };
}

/**
 * Where a forum's proportion p sits among its limits, all unrounded: above the outer upper limit,
 * else above the inner; below the outer lower limit, else below the inner; else within.
 */
export function funnelPosition(p: number, limits: FunnelLimits): FunnelPosition {
  if (p > limits.outer.upper) return "above";
  if (p > limits.inner.upper) return "high";
  if (p < limits.outer.lower) return "below";
  if (p < limits.inner.lower) return "low";
  return "within";
}

export interface NetworkRowsInput {
  /** Every member forum's monthly counts; rows of other templates are left out. */
  counts: readonly ForumMonthCount[];
  /** The survey template's slug (one of NETWORK_TEMPLATES): the rows' `survey`. */
  template: string;
  periodType: PeriodType;
  /** Only these KPIs (each KPI × period is a breakdown of its own, so the others change nothing). */
  kpiIds?: readonly string[];
}

const NO_FUNNEL = { funnel95_lower: null, funnel95_upper: null, funnel998_lower: null, funnel998_upper: null, position: "" } as const;

/**
 * The network tidy rows of one template: for every period with counts (oldest first) and every
 * standard KPI of the template (register order), the network row, then one row per forum with
 * any counts for the template in the period (by code: an order that ranks nobody).
 *
 * - Forum figure: n and numerator (and negative) summed over the period's months.
 * - Network figure: N = Σ n, X = Σ numerator over the forums; Wilson interval as for any cell.
 *   Suppressed (flag c) unless at least 3 forums have n > 0 for the KPI and period, and N ≥ 10.
 * - SDC-1 treats the forums as a breakdown (segment_type `forum`), the network row as its `all`
 *   row, secondary suppression included; a suppressed forum row has blank limits and position.
 * - While the network figure is suppressed, every limit and position is blank too: the limits are
 *   Wilson intervals around p0 at a known n, and p0 could be worked back out of them.
 * Target and rag stay blank: targets are each forum's own, not the network's.
 */
export function networkRows(input: NetworkRowsInput): NetworkRow[] {
  const { template, periodType } = input;
  const all = networkKpis(template);
  if (all.length === 0) throw new RangeError(`"${template}" is not a survey template the network compares`);
  const only = input.kpiIds;
  const kpis = only ? all.filter((k) => only.includes(k.id)) : all;
  const kpiIds = new Set(kpis.map((k) => k.id));
  const templateIds = new Set(all.map((k) => k.id));

  // scores[period][forum][kpi]: the forum's counts summed over the period's months. A row of a
  // KPI left out still puts its forum and period in the breakdowns, as it would unrestricted.
  const scores = new Map<string, Map<string, Map<string, KpiScore>>>();
  for (const row of input.counts) {
    if (row.survey_template !== template || !templateIds.has(row.kpi_id)) continue;
    const period = periodOf(periodType, `${row.month}-01`);
    const byForum = getOrSet(scores, period, () => new Map<string, Map<string, KpiScore>>());
    const byKpi = getOrSet(byForum, row.forum, () => new Map<string, KpiScore>());
    if (!kpiIds.has(row.kpi_id)) continue;
    const sum = byKpi.get(row.kpi_id) ?? { n: 0, numerator: 0, negative: row.negative === null ? null : 0 };
    byKpi.set(row.kpi_id, {
      n: sum.n + row.n,
      numerator: sum.numerator + row.numerator,
      negative: sum.negative === null || row.negative === null ? null : sum.negative + row.negative,
    });
  }

  const cells: KpiCell[] = [];
  // For each cell: the unsuppressed score, and (forum rows) the index of its network row.
  const raw: KpiScore[] = [];
  const networkIndex: number[] = [];
  const contributing = new Map<number, number>();
  for (const period of [...scores.keys()].sort(comparePeriods)) {
    const byForum = scores.get(period) ?? new Map<string, Map<string, KpiScore>>();
    const forums = [...byForum.keys()].sort(byCode);
    const context = { time_period: period, time_identifier: periodType, survey: template, target: null };
    for (const kpi of kpis) {
      const empty: KpiScore = { n: 0, numerator: 0, negative: hasNoNegative(kpi) ? null : 0 };
      const perForum = forums.map((forum) => byForum.get(forum)?.get(kpi.id) ?? empty);
      const network = perForum.reduce<KpiScore>(
        (total, s) => ({
          n: total.n + s.n,
          numerator: total.numerator + s.numerator,
          negative: total.negative === null || s.negative === null ? null : total.negative + s.negative,
        }),
        empty,
      );
      const at = cells.length;
      cells.push(buildCell({ ...context, kpi, segment_type: ALL_SEGMENT, segment_value: ALL_SEGMENT, score: network }));
      raw.push(network);
      networkIndex.push(at);
      contributing.set(at, perForum.filter((s) => s.n > 0).length);
      forums.forEach((forum, i) => {
        cells.push(buildCell({ ...context, kpi, segment_type: FORUM_SEGMENT, segment_value: forum, score: perForum[i] }));
        raw.push(perForum[i]);
        networkIndex.push(at);
      });
    }
  }

  const published = suppressSmallCells(cells).map((cell, i) =>
    cell.segment_type === ALL_SEGMENT && (contributing.get(i) ?? 0) < NETWORK_MINIMUM_FORUMS ? suppressCell(cell) : cell,
  );
  return published.map((cell, i): NetworkRow => {
    const network = published[networkIndex[i]];
    if (cell.segment_type === ALL_SEGMENT || cell.flag === "c" || network.flag === "c") return { ...cell, ...NO_FUNNEL };
    const { n, numerator } = raw[i];
    const pooled = raw[networkIndex[i]];
    const limits = funnelLimits(pooled.numerator / pooled.n, n);
    return {
      ...cell,
      funnel95_lower: proportionToPercent(limits.inner.lower),
      funnel95_upper: proportionToPercent(limits.inner.upper),
      funnel998_lower: proportionToPercent(limits.outer.lower),
      funnel998_upper: proportionToPercent(limits.outer.upper),
      position: funnelPosition(numerator / n, limits),
    };
  });
}

// ------------------------------------------------------------------------------------------------
// The network tidy CSV

const FUNNEL_COLUMNS = ["funnel95_lower", "funnel95_upper", "funnel998_lower", "funnel998_upper"] as const;

function networkCsvRow(row: NetworkRow): string {
  const limits = FUNNEL_COLUMNS.map((column) => {
    const value = row[column];
    return value === null ? "" : value.toFixed(1);
  });
  return [tidyCsvRow(row), ...limits, csvCell(row.position)].join(",");
}

/** The network tidy CSV: a BOM, the header (NETWORK_CSV_COLUMNS), one CRLF-terminated line per row. */
export function toNetworkCsv(rows: Iterable<NetworkRow>): string {
  let out = CSV_BOM + [tidyCsvHeader(), ...NETWORK_CSV_COLUMNS.slice(TIDY_CSV_COLUMNS.length)].join(",") + CSV_LINE_END;
  for (const row of rows) out += networkCsvRow(row) + CSV_LINE_END;
  return out;
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

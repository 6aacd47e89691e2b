/**
 * The worked examples of the public methodology page, computed by the same functions that make
 * every published figure, so the page can never disagree with them. Pure: no I/O.
 */
import { buildCell, ragStatus, suppressSmallCells, type KpiCell } from "./kpi-cells";
import type { KpiDefinition } from "./kpi-definitions";
import { networkRows } from "./network";
import { periodOf, periodRange, type PeriodType, PERIOD_TYPES } from "./periods";
import { newcombePercent, percentFromCounts, wilsonInterval, wilsonPercent, Z_95 } from "./statistics";

/** The edition of the method the figures follow; a change to any rule on the page starts a new one. */
export const METHOD_EDITION = "2026-12";
export const METHODOLOGY_PATH = "/methodology";

/** Wilson's interval for 7 of 10, every step shown (the figures a reader can check by hand). */
export function wilsonExample(numerator = 7, n = 10) {
  const p = numerator / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const exact = wilsonInterval(numerator, n);
  return {
    numerator,
    n,
    z: Z_95,
    p,
    z2,
    denominator,
    centre,
    half,
    exact,
    percent: percentFromCounts(numerator, n),
    published: wilsonPercent(numerator, n),
  };
}

/** A change between two periods with its Newcombe interval. */
export function newcombeExample(previous = { numerator: 60, n: 100 }, latest = { numerator: 75, n: 110 }) {
  return {
    previous: { ...previous, percent: percentFromCounts(previous.numerator, previous.n) },
    latest: { ...latest, percent: percentFromCounts(latest.numerator, latest.n) },
    change: newcombePercent(previous.numerator, previous.n, latest.numerator, latest.n),
  };
}

const EXAMPLE_KPI: KpiDefinition = {
  id: "K2",
  name: "Felt listened to",
  question: "listened_to",
  positive: ["yes"],
  negative: [],
  excluded: [],
};

/** One breakdown before and after SDC-1: which cells rule 1 hides, and which rule 2 hides with them. */
export function suppressionExample(groups: readonly { value: string; n: number; numerator: number }[] = EXAMPLE_GROUPS) {
  const context = { time_period: "2026-H1", time_identifier: "stocktake" as const, survey: "example", target: null, kpi: EXAMPLE_KPI };
  const cell = (segment_type: string, segment_value: string, n: number, numerator: number): KpiCell =>
    buildCell({ ...context, segment_type, segment_value, score: { n, numerator, negative: 0 } });
  const total = groups.reduce((sum, g) => ({ n: sum.n + g.n, numerator: sum.numerator + g.numerator }), { n: 0, numerator: 0 });
  const before = [cell("all", "all", total.n, total.numerator), ...groups.map((g) => cell("age_band", g.value, g.n, g.numerator))];
  const after = suppressSmallCells(before);
  return before.map((b, i) => {
    const a = after[i];
    const rule = a.flag !== "c" ? null : b.n !== null && b.n < 10 ? ("primary" as const) : ("secondary" as const);
    return { value: b.segment_value, n: b.n ?? 0, before: b.percent, after: a.percent, flag: a.flag, rule };
  });
}

const EXAMPLE_GROUPS = [
  { value: "0-4", n: 48, numerator: 30 },
  { value: "5-10", n: 7, numerator: 4 },
  { value: "11-15", n: 23, numerator: 12 },
  { value: "16-25", n: 61, numerator: 40 },
];

/** The three RAG outcomes against one target, each from ragStatus itself. */
export function ragExamples(target = 70) {
  return [
    { numerator: 150, n: 200 },
    { numerator: 27, n: 40 },
    { numerator: 110, n: 200 },
  ].map(({ numerator, n }) => {
    const percent = percentFromCounts(numerator, n);
    const ci = wilsonPercent(numerator, n);
    return { numerator, n, percent, ci, target, rag: ragStatus(percent, ci.upper, target) };
  });
}

/** Where a response sent on `date` (London) falls under each period type, with the period's dates. */
export function periodExamples(date = "2026-12-02"): { type: PeriodType; period: string; start: string; end: string }[] {
  return PERIOD_TYPES.map((type) => {
    const period = periodOf(type, date);
    return { type, period, ...periodRange(type, period) };
  });
}

const NETWORK_EXAMPLE = [
  { code: "forum-a", n: 200, numerator: 150 },
  { code: "forum-b", n: 100, numerator: 68 },
  { code: "forum-c", n: 120, numerator: 66 },
  { code: "forum-d", n: 80, numerator: 33 },
  { code: "forum-e", n: 150, numerator: 60 },
];

/**
 * Five forums' K1 in one quarter, through the rules of network benchmarking (NB-1): the pooled
 * network figure, and each forum's funnel limits and position (one forum in each position).
 */
export function networkExample(forums: readonly { code: string; n: number; numerator: number }[] = NETWORK_EXAMPLE) {
  const counts = forums.map((f) => ({
    forum: f.code,
    forum_name: f.code,
    survey_template: "parent-carer-experience",
    month: "2026-01",
    kpi_id: "K1",
    n: f.n,
    numerator: f.numerator,
    negative: 0,
  }));
  const rows = networkRows({ counts, template: "parent-carer-experience", periodType: "quarter" }).filter((r) => r.kpi_id === "K1");
  const total = forums.reduce((sum, f) => ({ n: sum.n + f.n, numerator: sum.numerator + f.numerator }), { n: 0, numerator: 0 });
  return { p0: total.numerator / total.n, total, network: rows[0], forums: rows.slice(1) };
}

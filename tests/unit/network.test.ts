/**
 * Network benchmarking (NB-1) recomputed by hand.
 *
 * Every expected figure below is a literal worked out apart from the code, with a short Python
 * script (float Wilson formula as the contract writes it; percentages from counts rounded with
 * fractions.Fraction, bounds rounded half away from zero with decimal.ROUND_HALF_UP on the value's
 * shortest decimal form; position by comparing the unrounded p = x/n with the unrounded limits
 * around p0 = X/N). For example, for forum "damson", K1, 2026-Q1:
 *   p0 = 377/650 = 0.58; n = 80; z = 1.959964: z² = 3.841459, 1 + z²/n = 1.048018,
 *   centre = (0.58 + 3.841459/160)/1.048018 = 0.576335, half = 0.105711 → 47.1 to 68.2;
 *   z = 3.090232 → 41.0 to 73.3; p = 33/80 = 0.4125 < 0.470624 but > 0.410068: low.
 */
import { describe, expect, it } from "vitest";
import type { ForumMonthCount } from "~/domain/network-counts";
import { funnelLimits, funnelPosition, networkRows, NETWORK_CSV_COLUMNS, toNetworkCsv, type NetworkRow } from "~/domain/network";
import { TIDY_CSV_COLUMNS } from "~/domain/kpi-cells";
import { networkExample } from "~/domain/methodology";

const TEMPLATE = "parent-carer-experience";

function count(forum: string, month: string, kpi_id: string, n: number, numerator: number, negative: number | null): ForumMonthCount {
  return { forum, forum_name: `${forum} forum`, survey_template: TEMPLATE, month, kpi_id, n, numerator, negative };
}

/**
 * Five forums in 2026-Q1, chosen so that K1 puts one forum in each position. Ash's K1 comes in
 * two months (January and March), which the quarter sums. In 2026-Q2 only two forums have counts.
 */
const FIVE_FORUMS: ForumMonthCount[] = [
  // K1: n, positive, negative
  count("ash", "2026-01", "K1", 120, 90, 15),
  count("ash", "2026-03", "K1", 80, 60, 10),
  count("birch", "2026-02", "K1", 100, 68, 15),
  count("cedar", "2026-01", "K1", 120, 66, 30),
  count("damson", "2026-03", "K1", 80, 33, 13),
  count("elm", "2026-02", "K1", 150, 60, 45),
  // K2: cedar has fewer than 10 answers, so one more forum is hidden with it (damson and elm
  // tie at 35; damson's code sorts first).
  count("ash", "2026-02", "K2", 50, 40, 5),
  count("birch", "2026-02", "K2", 40, 30, 4),
  count("cedar", "2026-02", "K2", 9, 5, 2),
  count("damson", "2026-02", "K2", 35, 20, 10),
  count("elm", "2026-02", "K2", 35, 14, 12),
  // K6i: no negative share; every forum between 10 and 29, so each row is flagged u.
  count("ash", "2026-01", "K6i", 12, 9, null),
  count("birch", "2026-01", "K6i", 20, 15, null),
  count("cedar", "2026-01", "K6i", 15, 6, null),
  count("damson", "2026-01", "K6i", 25, 20, null),
  count("elm", "2026-01", "K6i", 18, 9, null),
  // 2026-Q2: two forums only.
  count("ash", "2026-04", "K1", 40, 20, 10),
  count("birch", "2026-05", "K1", 30, 12, 9),
  // Another template: never part of this template's rows.
  { ...count("ash", "2026-01", "K11", 500, 1, 1), survey_template: "senco-experience" },
];

type Expected = [
  segment: string,
  n: number | null,
  numerator: number | null,
  percent: number | null,
  ci: [number, number] | null,
  negative: number | null,
  flag: "" | "c" | "u",
  funnel95: [number, number] | null,
  funnel998: [number, number] | null,
  position: string,
];

function figures(row: NetworkRow): Expected {
  return [
    row.segment_value,
    row.n,
    row.numerator,
    row.percent,
    row.ci_lower === null ? null : [row.ci_lower, row.ci_upper as number],
    row.percent_negative,
    row.flag,
    row.funnel95_lower === null ? null : [row.funnel95_lower, row.funnel95_upper as number],
    row.funnel998_lower === null ? null : [row.funnel998_lower, row.funnel998_upper as number],
    row.position,
  ];
}

function rowsOf(rows: NetworkRow[], period: string, kpi: string): Expected[] {
  return rows.filter((r) => r.time_period === period && r.kpi_id === kpi).map(figures);
}

describe("networkRows (NB-1), recomputed by hand", () => {
  const rows = networkRows({ counts: FIVE_FORUMS, template: TEMPLATE, periodType: "quarter" });

  it("K1 2026-Q1: the pooled figure 377 of 650, and one forum in each of the five positions", () => {
    expect(rowsOf(rows, "2026-Q1", "K1")).toEqual([
      ["all", 650, 377, 58.0, [54.2, 61.7], 19.7, "", null, null, ""],
      ["ash", 200, 150, 75.0, [68.6, 80.5], 12.5, "", [51.1, 64.6], [47.1, 68.2], "above"],
      ["birch", 100, 68, 68.0, [58.3, 76.3], 15.0, "", [48.2, 67.2], [42.7, 71.9], "high"],
      ["cedar", 120, 66, 55.0, [46.1, 63.6], 25.0, "", [49.1, 66.4], [44.0, 70.8], "within"],
      // 33/80 = 41.25 % and 13/80 = 16.25 %: halves rounded away from zero.
      ["damson", 80, 33, 41.3, [31.1, 52.2], 16.3, "", [47.1, 68.2], [41.0, 73.3], "low"],
      ["elm", 150, 60, 40.0, [32.5, 48.0], 30.0, "", [50.0, 65.6], [45.4, 69.6], "below"],
    ]);
  });

  it("K2 2026-Q1: one forum under 10 hides the next smallest too (a tie, broken by code), never the network row", () => {
    expect(rowsOf(rows, "2026-Q1", "K2")).toEqual([
      ["all", 169, 109, 64.5, [57.0, 71.3], 19.5, "", null, null, ""],
      ["ash", 50, 40, 80.0, [67.0, 88.8], 10.0, "", [50.6, 76.3], [42.9, 81.5], "high"],
      ["birch", 40, 30, 75.0, [59.8, 85.8], 10.0, "", [49.0, 77.4], [40.5, 82.9], "within"],
      ["cedar", null, null, null, null, null, "c", null, null, ""],
      ["damson", null, null, null, null, null, "c", null, null, ""],
      ["elm", 35, 14, 40.0, [25.6, 56.4], 34.3, "", [47.9, 78.2], [39.0, 83.8], "low"],
    ]);
  });

  it("K6i 2026-Q1: no negative share, flag u from 10 to 29 answers, limits around 59 of 90", () => {
    expect(rowsOf(rows, "2026-Q1", "K6i")).toEqual([
      ["all", 90, 59, 65.6, [55.3, 74.6], null, "", null, null, ""],
      ["ash", 12, 9, 75.0, [46.8, 91.1], null, "u", [38.1, 85.5], [26.3, 91.0], "within"],
      ["birch", 20, 15, 75.0, [53.1, 88.8], null, "u", [43.8, 82.3], [33.1, 88.0], "within"],
      ["cedar", 15, 6, 40.0, [19.8, 64.3], null, "u", [40.7, 84.1], [29.3, 89.8], "low"],
      ["damson", 25, 20, 80.0, [60.9, 91.1], null, "u", [46.0, 80.9], [35.9, 86.6], "within"],
      ["elm", 18, 9, 50.0, [29.0, 71.0], null, "u", [42.7, 82.9], [31.7, 88.7], "within"],
    ]);
  });

  it("2026-Q2: two forums give no network figure, so no limits or positions either, though each forum is shown", () => {
    expect(rowsOf(rows, "2026-Q2", "K1")).toEqual([
      ["all", null, null, null, null, null, "c", null, null, ""],
      ["ash", 40, 20, 50.0, [35.2, 64.8], 25.0, "", null, null, ""],
      ["birch", 30, 12, 40.0, [24.6, 57.7], 30.0, "", null, null, ""],
    ]);
  });

  it("lists every KPI of the template for every period with counts: network row first, then the forums by code", () => {
    const kpis = ["K1", "K2", "K3", "K4", "K5", "K6", "K6i", "K7", "K8", "K9", "K10", "K13"];
    const order = rows.map((r) => `${r.time_period} ${r.kpi_id} ${r.segment_type}=${r.segment_value}`);
    const expected = [
      ...kpis.flatMap((k) =>
        ["all=all", "forum=ash", "forum=birch", "forum=cedar", "forum=damson", "forum=elm"].map((s) => `2026-Q1 ${k} ${s}`),
      ),
      ...kpis.flatMap((k) => ["all=all", "forum=ash", "forum=birch"].map((s) => `2026-Q2 ${k} ${s}`)),
    ];
    expect(order).toEqual(expected);
    // A KPI no forum answered: every row suppressed, base 0 behind each.
    expect(rowsOf(rows, "2026-Q1", "K4").every((r) => r[6] === "c" && r[1] === null && r[9] === "")).toBe(true);
    for (const row of rows) {
      expect(row.survey).toBe(TEMPLATE);
      expect(row.time_identifier).toBe("quarter");
      expect(row.target).toBeNull();
      expect(row.rag).toBe("");
    }
  });

  it("pools months into whichever period type is asked", () => {
    const byHalfYear = networkRows({ counts: FIVE_FORUMS, template: TEMPLATE, periodType: "stocktake" });
    // 2026-H1 runs from December 2025 to May 2026: both quarters together.
    expect(rowsOf(byHalfYear, "2026-H1", "K1").map((r) => r.slice(0, 4))).toEqual([
      ["all", 720, 409, 56.8],
      ["ash", 240, 170, 70.8],
      ["birch", 130, 80, 61.5],
      ["cedar", 120, 66, 55.0],
      ["damson", 80, 33, 41.3],
      ["elm", 150, 60, 40.0],
    ]);
    const byYear = networkRows({ counts: FIVE_FORUMS, template: TEMPLATE, periodType: "academic_year" });
    expect([...new Set(byYear.map((r) => r.time_period))]).toEqual(["2025/26"]);
  });
});

describe("the network figure's own rule", () => {
  const three = (kpi: string, a: number, b: number, c: number) => [
    count("ash", "2026-01", kpi, a, Math.floor(a / 2), 0),
    count("birch", "2026-01", kpi, b, Math.floor(b / 2), 0),
    count("cedar", "2026-01", kpi, c, Math.floor(c / 2), 0),
  ];

  it("is published with three forums and N ≥ 10, even when every forum is suppressed", () => {
    const rows = networkRows({ counts: three("K1", 4, 4, 4), template: TEMPLATE, periodType: "quarter" });
    expect(figures(rows[0])).toEqual(["all", 12, 6, 50.0, [25.4, 74.6], 0.0, "u", null, null, ""]);
    expect(rows.slice(1, 4).map((r) => r.flag)).toEqual(["c", "c", "c"]);
  });

  it("is suppressed with three forums but N < 10", () => {
    const rows = networkRows({ counts: three("K1", 3, 3, 3), template: TEMPLATE, periodType: "quarter" });
    expect(rows[0].flag).toBe("c");
    expect(rows[0].n).toBeNull();
  });

  it("counts only forums with n > 0 for that KPI: a forum listed for another KPI's answers does not make three", () => {
    const counts = [
      count("ash", "2026-01", "K1", 40, 30, 5),
      count("birch", "2026-01", "K1", 50, 20, 5),
      count("cedar", "2026-01", "K2", 60, 30, 5),
    ];
    const rows = networkRows({ counts, template: TEMPLATE, periodType: "quarter" });
    const k1 = rows.filter((r) => r.kpi_id === "K1");
    expect(k1.map((r) => [r.segment_value, r.flag, r.n])).toEqual([
      ["all", "c", null],
      // Cedar is listed (it has counts in the period) with base 0 for K1, so suppressed, and ash,
      // the smallest other forum, with it.
      ["ash", "c", null],
      ["birch", "", 50],
      ["cedar", "c", null],
    ]);
    expect(k1.every((r) => r.position === "" && r.funnel95_lower === null)).toBe(true);
  });

  it("refuses a template the network does not compare", () => {
    expect(() => networkRows({ counts: [], template: "my-own-survey", periodType: "quarter" })).toThrow(RangeError);
    expect(networkRows({ counts: [], template: TEMPLATE, periodType: "quarter" })).toEqual([]);
  });
});

describe("funnel positions", () => {
  const limits = funnelLimits(0.5, 100);

  it("puts the limits around the unrounded p0 at the forum's n, the outer ones wider", () => {
    expect(limits.inner.lower).toBeCloseTo(0.403832, 6);
    expect(limits.inner.upper).toBeCloseTo(0.596168, 6);
    expect(limits.outer.lower).toBeCloseTo(0.352376, 6);
    expect(limits.outer.upper).toBeCloseTo(0.647624, 6);
  });

  it("calls each side by the strict comparison of unrounded values", () => {
    expect(funnelPosition(0.66, limits)).toBe("above");
    expect(funnelPosition(0.62, limits)).toBe("high");
    expect(funnelPosition(limits.inner.upper, limits)).toBe("within");
    expect(funnelPosition(0.5, limits)).toBe("within");
    expect(funnelPosition(limits.inner.lower, limits)).toBe("within");
    expect(funnelPosition(0.38, limits)).toBe("low");
    expect(funnelPosition(limits.outer.lower, limits)).toBe("low");
    expect(funnelPosition(0.34, limits)).toBe("below");
  });

  it("keeps the limits inside 0 to 1 at the ends", () => {
    expect(funnelLimits(0, 20).inner.lower).toBe(0);
    expect(funnelLimits(1, 20).outer.upper).toBe(1);
  });
});

describe("the network tidy CSV", () => {
  it("has the tidy columns then the funnel columns, with one decimal place and blanks where suppressed", () => {
    const rows = networkRows({ counts: FIVE_FORUMS, template: TEMPLATE, periodType: "quarter" });
    const lines = toNetworkCsv(rows).split("\r\n");
    expect(lines[0]).toBe(`\ufeff${NETWORK_CSV_COLUMNS.join(",")}`);
    expect(NETWORK_CSV_COLUMNS.slice(0, TIDY_CSV_COLUMNS.length)).toEqual([...TIDY_CSV_COLUMNS]);
    expect(lines[1]).toBe(
      "2026-Q1,quarter,parent-carer-experience,K1,Overall experience (FFT style),all,all,650,377,58.0,54.2,61.7,19.7,,,,,,,,",
    );
    expect(lines[5]).toBe(
      "2026-Q1,quarter,parent-carer-experience,K1,Overall experience (FFT style),forum,damson,80,33,41.3,31.1,52.2,16.3,,,,47.1,68.2,41.0,73.3,low",
    );
    const cedarK2 = lines.find((l) => l.includes(",K2,") && l.includes(",forum,cedar,"));
    expect(cedarK2).toBe("2026-Q1,quarter,parent-carer-experience,K2,Felt listened to,forum,cedar,,,,,,,c,,,,,,,");
    expect(lines.at(-1)).toBe("");
    expect(lines.length).toBe(rows.length + 2);
  });
});

describe("the methodology page's worked example", () => {
  it("is NB-1's own figures for five forums, one in each position", () => {
    const example = networkExample();
    expect(example.p0).toBe(0.58);
    expect([example.network.percent, example.network.ci_lower, example.network.ci_upper]).toEqual([58.0, 54.2, 61.7]);
    expect(example.forums.map((r) => [r.segment_value, r.funnel95_lower, r.funnel95_upper, r.position])).toEqual([
      ["forum-a", 51.1, 64.6, "above"],
      ["forum-b", 48.2, 67.2, "high"],
      ["forum-c", 49.1, 66.4, "within"],
      ["forum-d", 47.1, 68.2, "low"],
      ["forum-e", 50.0, 65.6, "below"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { networkRows } from "~/domain/network";
import { compareWithNetwork } from "~/domain/network-comparison";
import type { ForumMonthCount } from "~/domain/network-counts";

const TEMPLATE = "parent-carer-experience";

function count(forum: string, kpi_id: string, n: number, numerator: number, month = "2026-02"): ForumMonthCount {
  return { forum, forum_name: `${forum} forum`, survey_template: TEMPLATE, month, kpi_id, n, numerator, negative: 0 };
}

/**
 * K1 in 2026-Q1: ash 15 of 20, birch 9 of 30, cedar 20 of 25, dell 3 of 5 (suppressed, so ash,
 * the smallest other, is hidden too). Network 47 of 80 (58.75%). Birch's 30% is below the 99.8%
 * limit at n = 30 (about 32%); cedar's 80% is above the 95% limit at n = 25 (about 75.5%) and
 * within the 99.8% one (about 82%). K2: only ash and birch, fewer than 3 forums. K3: ash has none.
 */
const COUNTS: ForumMonthCount[] = [
  count("ash", "K1", 20, 15),
  count("birch", "K1", 30, 9),
  count("cedar", "K1", 25, 20),
  count("dell", "K1", 5, 3),
  count("ash", "K2", 20, 10),
  count("birch", "K2", 20, 12),
  count("birch", "K3", 20, 12),
  count("cedar", "K3", 20, 12),
  count("dell", "K3", 20, 12),
  // Another quarter's counts never reach 2026-Q1's comparison.
  count("ash", "K3", 50, 50, "2026-04"),
];

const compare = (forum: string) =>
  compareWithNetwork({ counts: COUNTS, template: TEMPLATE, periodType: "quarter", period: "2026-Q1", forum });
const byKpi = (forum: string, kpi: string) => compare(forum).find((k) => k.kpiId === kpi)!;

describe("a forum compared with the network (NB-1)", () => {
  it("gives each forum's position from the network rows, by hand", () => {
    expect([byKpi("birch", "K1").position, byKpi("cedar", "K1").position]).toEqual(["below", "high"]);
    const network = byKpi("birch", "K1").network!;
    expect([network.n, network.numerator, network.percent]).toEqual([80, 47, 58.8]);
  });

  it("says why a position is missing", () => {
    expect([byKpi("dell", "K1").position, byKpi("dell", "K1").reason]).toEqual([null, "suppressed"]);
    // Ash's 20 are hidden as the breakdown's secondary cell.
    expect([byKpi("ash", "K1").forum!.flag, byKpi("ash", "K1").reason]).toEqual(["c", "suppressed"]);
    expect([byKpi("birch", "K2").network!.flag, byKpi("birch", "K2").reason]).toEqual(["c", "too_few_forums"]);
    expect([byKpi("ash", "K3").forum?.n ?? 0, byKpi("ash", "K3").reason]).toEqual([0, "no_counts"]);
    // Ash's 0 for K3 is a suppressed cell of the breakdown, so birch (first of the smallest) is hidden too.
    expect([byKpi("birch", "K3").position, byKpi("birch", "K3").reason]).toEqual([null, "suppressed"]);
    expect(byKpi("cedar", "K3").position).toBe("within");
  });

  it("holds exactly the rows networkRows makes for the period, every KPI of the template in register order", () => {
    const rows = networkRows({ counts: COUNTS, template: TEMPLATE, periodType: "quarter" }).filter((r) => r.time_period === "2026-Q1");
    const comparison = compare("cedar");
    expect(comparison.map((k) => k.kpiId)).toEqual([...new Set(rows.map((r) => r.kpi_id))]);
    for (const k of comparison) {
      expect(k.network).toEqual(rows.find((r) => r.kpi_id === k.kpiId && r.segment_type === "all"));
      expect(k.forum).toEqual(rows.find((r) => r.kpi_id === k.kpiId && r.segment_value === "cedar") ?? null);
    }
  });
});

/** The methodology page's worked examples are the method's own figures, checked by hand here. */
import { describe, expect, it } from "vitest";
import { newcombeExample, periodExamples, ragExamples, suppressionExample, wilsonExample } from "~/domain/methodology";

describe("the methodology's worked examples", () => {
  it("shows each step of Wilson's interval for 7 of 10, ending at the published 39.7 to 89.2", () => {
    const w = wilsonExample();
    expect(w.p).toBe(0.7);
    expect(w.centre).toBeCloseTo(0.6445, 4);
    expect(w.half).toBeCloseTo(0.2477, 4);
    expect(w.centre - w.half).toBeCloseTo(w.exact.lower, 12);
    expect(w.published).toEqual({ lower: 39.7, upper: 89.2 });
    expect(w.percent).toBe(70);
  });

  it("calls a change significant only when its interval leaves out 0", () => {
    const rise = newcombeExample({ numerator: 60, n: 100 }, { numerator: 75, n: 110 });
    expect(rise.change.difference).toBe(8.2);
    expect(rise.change.significant).toBe(rise.change.lower > 0 || rise.change.upper < 0);
    const big = newcombeExample({ numerator: 100, n: 400 }, { numerator: 200, n: 400 });
    expect(big.change.significant).toBe(true);
    expect(big.change.lower).toBeGreaterThan(0);
  });

  it("hides the small group and the next smallest, and nothing else", () => {
    const rows = suppressionExample();
    expect(rows.map((r) => [r.value, r.rule])).toEqual([
      ["all", null],
      ["0-4", null],
      ["5-10", "primary"],
      ["11-15", "secondary"],
      ["16-25", null],
    ]);
    expect(rows[0].n).toBe(48 + 7 + 23 + 61);
    expect(rows.filter((r) => r.rule).every((r) => r.after === null && r.flag === "c")).toBe(true);
  });

  it("gives one green, one amber and one red against a 70% target", () => {
    expect(ragExamples().map((r) => r.rag)).toEqual(["green", "amber", "red"]);
  });

  it("places 2 December 2026 in 2026-Q4, the stocktake half-year 2027-H1 and the academic year 2026/27", () => {
    expect(periodExamples().map((p) => [p.period, p.start, p.end])).toEqual([
      ["2026-Q4", "2026-10-01", "2026-12-31"],
      ["2027-H1", "2026-12-01", "2027-05-31"],
      ["2026/27", "2026-09-01", "2027-08-31"],
    ]);
  });
});

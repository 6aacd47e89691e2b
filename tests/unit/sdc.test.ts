import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  breakdownValues,
  buildBreakdownCells,
  buildCell,
  ragStatus,
  suppressSmallCells,
  TIDY_CSV_COLUMNS,
  type KpiCell,
} from "~/domain/kpi-cells";
import { classifyQualityIndexRespondent, scoreCounts, scoreQualityIndex } from "~/domain/kpi-scoring";
import { DEFAULT_KPIS, EHCP_QUALITY_INDEX_QUESTIONS, type KpiDefinition } from "~/domain/kpi-definitions";

const kpi = (id: string): KpiDefinition => {
  const def = DEFAULT_KPIS.find((k) => k.id === id);
  if (!def) throw new Error(`no KPI ${id}`);
  return def;
};

const K1 = kpi("K1");

/** An unsuppressed cell of K1 in 2026-Q1 with the given base and positive count. */
function cell(
  segment_type: string,
  segment_value: string,
  n: number,
  numerator = Math.floor(n / 2),
  extra: Partial<{ time_period: string; kpi: KpiDefinition; target: number | null }> = {},
): KpiCell {
  return buildCell({
    time_period: extra.time_period ?? "2026-Q1",
    time_identifier: "quarter",
    survey: "parent-carer-experience",
    segment_type,
    segment_value,
    kpi: extra.kpi ?? K1,
    target: extra.target ?? null,
    score: { n, numerator, negative: 0 },
  });
}

const BLANKED = { n: null, numerator: null, percent: null, ci_lower: null, ci_upper: null, percent_negative: null, rag: "", flag: "c" };

const flags = (cells: KpiCell[]) => Object.fromEntries(cells.map((c) => [c.segment_value, c.flag]));

describe("the KPI register (standard table)", () => {
  it("lists K1–K13 and K6i, then the young people's K1_YP, K2_YP and K13_YP, and not K14", () => {
    expect(DEFAULT_KPIS.map((k) => k.id)).toEqual([
      "K1",
      "K2",
      "K3",
      "K4",
      "K5",
      "K6",
      "K6i",
      "K7",
      "K8",
      "K9",
      "K10",
      "K11",
      "K12",
      "K13",
      "K1_YP",
      "K2_YP",
      "K13_YP",
    ]);
  });

  it.each([
    ["K1", "overall_experience", ["very_good", "good"], ["poor", "very_poor"], []],
    ["K2", "listened_to", ["strongly_agree", "agree"], ["disagree", "strongly_disagree"], ["not_applicable"]],
    ["K3", "confidence_needs_met", ["very", "fairly"], ["not_very", "not_at_all"], ["dont_know"]],
    ["K4", "assessment_satisfaction", ["very_satisfied", "fairly_satisfied"], ["fairly_dissatisfied", "very_dissatisfied"], []],
    ["K5", "kept_informed", ["always", "mostly"], ["rarely", "never"], []],
    ["K6", "plan_outcomes_achievable", ["strongly_agree", "agree"], ["disagree", "strongly_disagree"], ["dont_know"]],
    ["K7", "provision_delivered", ["all", "most"], ["some", "none"], ["dont_know"]],
    ["K8", "plan_improved_education", ["strongly_agree", "agree"], ["disagree", "strongly_disagree"], ["dont_know"]],
    ["K9", "annual_review_4_weeks", ["within_4_weeks"], ["took_longer", "not_received"], ["dont_know"]],
    ["K10", "finding_information", ["very_easy", "fairly_easy"], ["fairly_difficult", "very_difficult"], ["havent_looked"]],
    ["K11", "senco_service_rating", ["very_good", "good"], ["poor", "very_poor"], ["dont_know"]],
    ["K12", "senco_plan_grade", ["outstanding", "good"], ["requires_improvement", "inadequate"], []],
    ["K13", "feedback_leads_to_change", ["yes_definitely", "yes_some"], ["no"], ["dont_know"]],
    ["K1_YP", "yp_overall_experience", ["good"], ["not_good"], ["dont_know"]],
    ["K2_YP", "yp_listened_to", ["yes"], ["no"], []],
    ["K13_YP", "yp_feedback_leads_to_change", ["yes"], ["no"], ["dont_know"]],
  ])("%s scores %s", (id, question, positive, negative, excluded) => {
    const def = kpi(id);
    expect(def.question).toBe(question);
    expect(def.positive).toEqual(positive);
    expect(def.negative).toEqual(negative);
    expect(def.excluded).toEqual(excluded);
    expect(def.kind ?? "proportion").toBe("proportion");
  });

  it("K6i is the index over the four plan-quality statements", () => {
    const def = kpi("K6i");
    expect(def.kind).toBe("ehcp_quality_index");
    expect(def.questions).toEqual([...EHCP_QUALITY_INDEX_QUESTIONS]);
    expect(def.questions).not.toContain("plan_improved_education");
  });

  it("names the tidy CSV columns in the KPI contract's order, one per KpiCell field", () => {
    expect(TIDY_CSV_COLUMNS.join(", ")).toBe(
      "time_period, time_identifier, survey, kpi_id, kpi_name, segment_type, segment_value, n, numerator, percent, ci_lower, ci_upper, percent_negative, flag, target, rag",
    );
    expect(Object.keys(cell("all", "all", 40)).sort()).toEqual([...TIDY_CSV_COLUMNS].sort());
  });
});

describe("scoreCounts", () => {
  it("K1 keeps dont_know and neither in the base (FFT style)", () => {
    const s = scoreCounts(K1, { very_good: 3, good: 2, neither: 1, poor: 1, very_poor: 1, dont_know: 2 });
    expect(s).toEqual({ n: 10, numerator: 5, negative: 2 });
  });

  it("K2 drops not_applicable from the base; neither stays", () => {
    expect(scoreCounts(kpi("K2"), { strongly_agree: 4, agree: 3, neither: 2, disagree: 1, not_applicable: 5 })).toEqual({
      n: 10,
      numerator: 7,
      negative: 1,
    });
  });

  it("K3 drops dont_know", () => {
    expect(scoreCounts(kpi("K3"), { very: 1, fairly: 1, not_very: 1, not_at_all: 1, dont_know: 6 })).toEqual({
      n: 4,
      numerator: 2,
      negative: 2,
    });
  });

  it("an empty question has base 0", () => {
    expect(scoreCounts(kpi("K9"), {})).toEqual({ n: 0, numerator: 0, negative: 0 });
    expect(scoreCounts(kpi("K9"), { dont_know: 4 })).toEqual({ n: 0, numerator: 0, negative: 0 });
  });

  it("rejects negative or fractional counts, and refuses to score the index from option counts", () => {
    expect(() => scoreCounts(K1, { good: -1 })).toThrow(RangeError);
    expect(() => scoreCounts(K1, { good: 1.5 })).toThrow(RangeError);
    expect(() => scoreCounts(kpi("K6i"), { agree: 3 })).toThrow(TypeError);
  });
});

describe("K6i EHCP quality index", () => {
  const K6i = kpi("K6i");
  const answers = (a: (string | undefined)[]) => Object.fromEntries(EHCP_QUALITY_INDEX_QUESTIONS.map((q, i) => [q, a[i]]));

  it.each([
    [["agree", "strongly_agree", "agree", "disagree"], "positive"], // 3 of 4 agree
    [["agree", "agree", "agree", undefined], "positive"], // 3 valid, all agree
    [["agree", "agree", "agree", "dont_know"], "positive"],
    [["agree", "agree", "neither", "disagree"], "in_base"], // 4 valid, 2 agree
    [["agree", "agree", "neither", undefined], "in_base"], // 3 valid, 2 agree
    [["agree", "agree", "dont_know", "dont_know"], "outside_base"], // only 2 valid
    [["agree", "agree", undefined, "dont_know"], "outside_base"],
    [[undefined, undefined, undefined, undefined], "outside_base"], // not routed to
  ])("%j → %s", (a, expected) => {
    expect(classifyQualityIndexRespondent(K6i, answers(a))).toBe(expected);
  });

  it("ignores plan_improved_education and counts respondents", () => {
    const score = scoreQualityIndex(K6i, [
      answers(["agree", "agree", "agree", "agree"]),
      answers(["agree", "agree", "neither", "disagree"]),
      { ...answers(["agree", "agree", "dont_know", undefined]), plan_improved_education: "agree" },
    ]);
    expect(score).toEqual({ n: 2, numerator: 1, negative: null });
  });

  it("publishes no negative share", () => {
    const c = buildCell({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      survey: "s",
      segment_type: "all",
      segment_value: "all",
      kpi: K6i,
      target: null,
      score: { n: 12, numerator: 9, negative: null },
    });
    expect(c.percent).toBe(75);
    expect(c.percent_negative).toBeNull();
  });
});

describe("buildCell", () => {
  it("computes the worked example of the method from raw counts", () => {
    const c = buildCell({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      survey: "parent-carer-experience",
      segment_type: "all",
      segment_value: "all",
      kpi: K1,
      target: null,
      counts: { very_good: 4, good: 3, neither: 1, poor: 1, dont_know: 1 },
    });
    expect(c).toEqual({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      survey: "parent-carer-experience",
      kpi_id: "K1",
      kpi_name: "Overall experience (FFT style)",
      segment_type: "all",
      segment_value: "all",
      n: 10,
      numerator: 7,
      percent: 70,
      ci_lower: 39.7,
      ci_upper: 89.2,
      percent_negative: 10,
      flag: "u",
      target: null,
      rag: "",
    });
  });

  it("flags u exactly for 10 ≤ n < 30", () => {
    expect(cell("all", "all", 9).flag).toBe(""); // not yet suppressed: that is suppressSmallCells' job
    expect(cell("all", "all", 10).flag).toBe("u");
    expect(cell("all", "all", 29).flag).toBe("u");
    expect(cell("all", "all", 30).flag).toBe("");
  });

  it("RAG: green at or above target, amber when the target is inside the CI, red above it", () => {
    expect(cell("all", "all", 10, 7, { target: 70 }).rag).toBe("green"); // 70.0 ≥ 70
    expect(cell("all", "all", 10, 7, { target: 89.2 }).rag).toBe("amber"); // target = ci_upper
    expect(cell("all", "all", 10, 7, { target: 89.3 }).rag).toBe("red");
    expect(cell("all", "all", 10, 7, { target: null }).rag).toBe("");
  });

  it("RAG compares the published (rounded) figures", () => {
    // 699/1000 = 69.9 exactly; 6997/10000 = 69.97 → 70.0 published, so green against 70.
    expect(cell("all", "all", 1000, 699, { target: 70 }).rag).not.toBe("green");
    expect(cell("all", "all", 10000, 6997, { target: 70 }).rag).toBe("green");
    expect(ragStatus(null, null, 70)).toBe("");
  });

  it("gives blank figures for a base of 0", () => {
    const c = cell("district", "ladywood", 0, 0);
    expect([c.n, c.numerator, c.percent, c.ci_lower, c.ci_upper, c.percent_negative]).toEqual([0, 0, null, null, null, null]);
  });

  it("rejects inconsistent input", () => {
    expect(() => cell("all", "ladywood", 40)).toThrow(RangeError);
    expect(() => cell("all", "all", 10, 11)).toThrow(RangeError);
    expect(() => cell("all", "all", 10, 5, { target: 120 })).toThrow(RangeError);
  });
});

describe("suppressSmallCells: SDC-1 worked examples", () => {
  it("rule 1 blanks a cell with n < 10 (the all row too) and keeps the target", () => {
    const [out] = suppressSmallCells([cell("all", "all", 9, 5, { target: 60 })]);
    expect(out).toMatchObject({ ...BLANKED, target: 60, kpi_id: "K1", segment_value: "all" });
  });

  it("rule 2 suppresses the smallest other cell when exactly one is primary", () => {
    const out = suppressSmallCells([
      cell("district", "ladywood", 40),
      cell("district", "yardley", 5),
      cell("district", "erdington", 12),
      cell("district", "unknown", 31),
    ]);
    expect(flags(out)).toEqual({ ladywood: "", yardley: "c", erdington: "c", unknown: "" });
    expect(out[2]).toMatchObject(BLANKED);
  });

  it("rule 2 ties go to the segment value code that sorts first", () => {
    const out = suppressSmallCells([
      cell("district", "yardley", 3),
      cell("district", "selly_oak", 15),
      cell("district", "edgbaston", 15),
      cell("district", "hall_green", 15),
    ]);
    expect(flags(out)).toEqual({ yardley: "c", selly_oak: "u", edgbaston: "c", hall_green: "u" });
  });

  it("no secondary suppression when two or more cells are primary, or none", () => {
    expect(
      flags(suppressSmallCells([cell("age_phase", "primary", 3), cell("age_phase", "secondary", 4), cell("age_phase", "post16", 12)])),
    ).toEqual({ primary: "c", secondary: "c", post16: "u" });
    expect(flags(suppressSmallCells([cell("age_phase", "primary", 10), cell("age_phase", "secondary", 11)]))).toEqual({
      primary: "u",
      secondary: "u",
    });
  });

  it("the all row is its own breakdown and never a secondary cell", () => {
    // The all row has the smallest unsuppressed n of this KPI × period, yet only district cells are chosen.
    const out = suppressSmallCells([
      cell("all", "all", 11),
      cell("district", "ladywood", 4),
      cell("district", "yardley", 47),
      cell("district", "erdington", 60),
    ]);
    expect(out.map((c) => c.flag)).toEqual(["u", "c", "c", ""]);
  });

  it("a one-cell breakdown with its only cell suppressed stays as it is", () => {
    // Nothing to pair it with; that value then holds every respondent, so the all row is suppressed too.
    const out = suppressSmallCells([cell("all", "all", 6), cell("district", "outside_area", 6)]);
    expect(out.map((c) => c.flag)).toEqual(["c", "c"]);
  });

  it("a value with responses but base 0 for the KPI is listed, suppressed, and triggers rule 2", () => {
    expect(breakdownValues(["ladywood", "unknown", "yardley", "ladywood"], ["erdington"])).toEqual([
      "ladywood",
      "unknown",
      "yardley",
      "erdington",
    ]);
    const cells = buildBreakdownCells({
      time_period: "2026-Q1",
      time_identifier: "quarter",
      survey: "parent-carer-experience",
      segment_type: "district",
      kpi: kpi("K9"),
      target: null,
      respondedValues: ["ladywood", "yardley", "unknown"],
      // Yardley's families answered other questions, but none were routed to K9's question.
      countsByValue: { ladywood: { within_4_weeks: 20, took_longer: 20 }, unknown: { within_4_weeks: 8, took_longer: 4, dont_know: 3 } },
    });
    expect(cells.map((c) => [c.segment_value, c.n])).toEqual([
      ["ladywood", 40],
      ["yardley", 0],
      ["unknown", 12],
    ]);
    const out = suppressSmallCells(cells);
    expect(flags(out)).toEqual({ ladywood: "", yardley: "c", unknown: "c" });
  });

  it("breakdowns are separate per KPI and per period", () => {
    const K3 = kpi("K3");
    const out = suppressSmallCells([
      cell("district", "ladywood", 5),
      cell("district", "yardley", 20),
      cell("district", "erdington", 50),
      cell("district", "ladywood", 50, 25, { time_period: "2026-Q2" }),
      cell("district", "yardley", 20, 10, { time_period: "2026-Q2" }),
      cell("district", "ladywood", 50, 25, { kpi: K3 }),
      cell("district", "yardley", 4, 2, { kpi: K3 }),
    ]);
    expect(out.map((c) => c.flag)).toEqual(["c", "c", "", "", "u", "c", "c"]);
  });

  it("recomputes rule 3, is idempotent, keeps order and does not mutate its input", () => {
    const input = [cell("district", "b", 25), cell("district", "a", 8), cell("district", "c", 30)];
    const copy = structuredClone(input);
    const once = suppressSmallCells(input);
    expect(input).toEqual(copy);
    expect(once.map((c) => c.segment_value)).toEqual(["b", "a", "c"]);
    expect(suppressSmallCells(once)).toEqual(once);
  });

  it("rejects duplicate cells in a breakdown, and an all row with another value", () => {
    expect(() => suppressSmallCells([cell("district", "a", 30), cell("district", "a", 40)])).toThrow(RangeError);
    expect(() => suppressSmallCells([cell("all", "all", 5), { ...cell("all", "all", 40), segment_value: "x" }])).toThrow(RangeError);
  });
});

describe("suppressSmallCells: properties", () => {
  const SEGMENT_TYPES = ["all", "district", "age_phase"];
  // Cells for 2 KPIs × 2 periods × up to 3 segment types, each with up to 6 values and a random base.
  const cellsArb = fc
    .array(
      fc.record({
        kpi: fc.constantFrom("K1", "K3"),
        period: fc.constantFrom("2026-Q1", "2026-Q2"),
        segment_type: fc.constantFrom(...SEGMENT_TYPES),
        value: fc.constantFrom("a", "b", "c", "d", "e", "unknown"),
        n: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 80 })),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        target: fc.option(fc.integer({ min: 0, max: 100 })),
      }),
      { maxLength: 40 },
    )
    .map((rows) => {
      const seen = new Set<string>();
      const cells: KpiCell[] = [];
      for (const r of rows) {
        const value = r.segment_type === "all" ? "all" : r.value;
        const key = [r.kpi, r.period, r.segment_type, value].join("|");
        if (seen.has(key)) continue;
        seen.add(key);
        cells.push(
          cell(r.segment_type, value, r.n, Math.floor(r.share * r.n), { kpi: kpi(r.kpi), time_period: r.period, target: r.target }),
        );
      }
      return cells;
    });

  const groupBy = (cells: KpiCell[]) => {
    const groups = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const key = [c.kpi_id, c.time_period, c.segment_type].join("|");
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    return [...groups.values()];
  };

  it("no published cell has n < 10, and suppressed cells are fully blank", () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        for (const c of suppressSmallCells(cells)) {
          if (c.flag === "c") expect(c).toMatchObject(BLANKED);
          else expect(c.n).toBeGreaterThanOrEqual(10);
        }
      }),
    );
  });

  it("no breakdown with more than one cell has exactly one suppressed cell", () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const out = suppressSmallCells(cells);
        for (const group of groupBy(cells)) {
          const suppressed = group.filter((i) => out[i].flag === "c").length;
          if (group.length > 1) expect(suppressed).not.toBe(1);
        }
      }),
    );
  });

  it("suppresses exactly the rule 1 cells plus at most one secondary, the smallest, never the all row", () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const out = suppressSmallCells(cells);
        for (const group of groupBy(cells)) {
          const primary = group.filter((i) => (cells[i].n as number) < 10);
          const secondary = group.filter((i) => out[i].flag === "c" && (cells[i].n as number) >= 10);
          const expectSecondary = primary.length === 1 && group.length > 1 && cells[group[0]].segment_type !== "all";
          expect(secondary.length).toBe(expectSecondary ? 1 : 0);
          for (const i of primary) expect(out[i].flag).toBe("c");
          if (secondary.length === 1) {
            const s = cells[secondary[0]];
            for (const i of group) {
              const other = cells[i];
              if (i === secondary[0] || (other.n as number) < 10) continue;
              expect(s.n as number).toBeLessThanOrEqual(other.n as number);
              if (other.n === s.n) expect(s.segment_value < other.segment_value).toBe(true);
            }
          }
        }
      }),
    );
  });

  it("never changes an unsuppressed cell's figures, and applies rule 3 to them", () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const out = suppressSmallCells(cells);
        out.forEach((c, i) => {
          if (c.flag === "c") return;
          expect(c).toEqual(cells[i]);
          expect(c.flag).toBe((c.n as number) < 30 ? "u" : "");
        });
      }),
    );
  });
});

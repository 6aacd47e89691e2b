import { describe, expect, it } from "vitest";
import { latestPublishedPeriod, type HeadlineCell } from "~/domain/board-period";

const shown = (time_period: string, percent = 50): HeadlineCell => ({ time_period, segment_type: "all", percent });
const hidden = (time_period: string): HeadlineCell => ({ time_period, segment_type: "all", percent: null });

describe("latestPublishedPeriod", () => {
  it("on 2 December opens on the half-year that ended on 30 November, naming the new one", () => {
    const periods = ["2026-H1", "2026-H2", "2027-H1"];
    const headline = [shown("2026-H1"), shown("2026-H2"), hidden("2027-H1"), hidden("2027-H1")];
    expect(latestPublishedPeriod({ periods, headline, today: "2026-12-02" })).toEqual({ period: "2026-H2", tooFewLater: ["2027-H1"] });
  });

  it("on 2 June opens on the half-year that ended on 31 May", () => {
    const periods = ["2026-H2", "2027-H1", "2027-H2"];
    const headline = [shown("2026-H2"), shown("2027-H1"), hidden("2027-H2")];
    expect(latestPublishedPeriod({ periods, headline, today: "2027-06-02" })).toEqual({ period: "2027-H1", tooFewLater: ["2027-H2"] });
  });

  it("needs only one published headline figure, and reads only headline (all) cells", () => {
    const periods = ["2026-Q2", "2026-Q3"];
    const q3 = [hidden("2026-Q3"), shown("2026-Q3"), hidden("2026-Q3")];
    expect(latestPublishedPeriod({ periods, headline: [shown("2026-Q2"), ...q3], today: "2026-10-01" }).period).toBe("2026-Q3");
    // A published breakdown cell is not a headline figure.
    const breakdownOnly = [shown("2026-Q2"), { time_period: "2026-Q3", segment_type: "district", percent: 40 }];
    expect(latestPublishedPeriod({ periods, headline: breakdownOnly, today: "2026-10-01" })).toEqual({
      period: "2026-Q2",
      tooFewLater: ["2026-Q3"],
    });
  });

  it("never opens on a period that has not begun by today", () => {
    const periods = ["2025/26", "2026/27"];
    const headline = [shown("2025/26"), shown("2026/27")];
    expect(latestPublishedPeriod({ periods, headline, today: "2026-08-31" })).toEqual({ period: "2025/26", tooFewLater: [] });
    expect(latestPublishedPeriod({ periods, headline, today: "2026-09-01" })).toEqual({ period: "2026/27", tooFewLater: [] });
    // Without a clock, nothing is set aside for being in the future.
    expect(latestPublishedPeriod({ periods, headline, today: null }).period).toBe("2026/27");
    // A clock behind every period (the data run ahead of it) still opens somewhere.
    expect(latestPublishedPeriod({ periods, headline, today: "2020-01-01" }).period).toBe("2026/27");
  });

  it("with nothing published, opens on the latest period that has begun; with no periods, on none", () => {
    const periods = ["2026-H1", "2026-H2"];
    expect(latestPublishedPeriod({ periods, headline: [hidden("2026-H1"), hidden("2026-H2")], today: "2026-12-02" })).toEqual({
      period: "2026-H2",
      tooFewLater: [],
    });
    expect(latestPublishedPeriod({ periods: [], headline: [], today: "2026-12-02" })).toEqual({ period: null, tooFewLater: [] });
  });

  it("takes the periods in any order", () => {
    const periods = ["2027-H1", "2026-H1", "2026-H2"];
    expect(latestPublishedPeriod({ periods, headline: [shown("2026-H1")], today: "2027-03-01" })).toEqual({
      period: "2026-H1",
      tooFewLater: ["2026-H2", "2027-H1"],
    });
  });
});

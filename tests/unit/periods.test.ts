import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  comparePeriods,
  isPeriodType,
  londonDate,
  nextPeriod,
  PERIOD_TYPES,
  periodOf,
  periodRange,
  periodTypeOf,
  previousPeriod,
  type PeriodType,
} from "~/domain/periods";

describe("londonDate", () => {
  it.each([
    // [instant, London date]: BST (UTC+1) runs from the last Sunday of March to the last Sunday of October, 01:00 UTC.
    ["2026-03-31T23:30:00Z", "2026-04-01"], // BST: already 00:30 on 1 April
    ["2026-03-29T00:59:59Z", "2026-03-29"], // GMT, seconds before the clocks go forward
    ["2026-03-28T23:30:00Z", "2026-03-28"], // GMT: no shift yet
    ["2026-06-30T23:00:00Z", "2026-07-01"],
    ["2026-05-31T22:59:59Z", "2026-05-31"],
    ["2026-05-31T23:00:00Z", "2026-06-01"], // BST midnight starts stocktake H2
    ["2026-08-31T23:30:00Z", "2026-09-01"], // BST: a new academic year
    ["2026-10-24T23:30:00Z", "2026-10-25"], // still BST on the Saturday night
    ["2026-10-25T23:30:00Z", "2026-10-25"], // GMT after the clocks go back
    ["2026-11-30T23:59:00Z", "2026-11-30"], // GMT: London date = UTC date
    ["2025-12-01T00:00:00Z", "2025-12-01"],
    ["2025-12-31T23:59:59.999Z", "2025-12-31"],
    ["2026-04-01T00:30:00+01:00", "2026-04-01"],
    ["2026-03-31T18:30:00-05:00", "2026-04-01"], // = 23:30Z = 00:30 BST on 1 April
  ])("%s is %s in London", (instant, expected) => {
    expect(londonDate(instant)).toBe(expected);
    expect(londonDate(new Date(instant))).toBe(expected);
  });

  it("reads a bare date, or a date-time without an offset, as London wall-clock time", () => {
    expect(londonDate("2026-03-31")).toBe("2026-03-31");
    expect(londonDate("2026-06-30T23:30")).toBe("2026-06-30");
    expect(londonDate("2026-06-30 23:30:15")).toBe("2026-06-30");
  });

  it("rejects what is not a date", () => {
    expect(() => londonDate("yesterday")).toThrow(RangeError);
    expect(() => londonDate("2026-02-30")).toThrow(RangeError);
    expect(() => londonDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("agrees with the UK summer-time rule for any instant 2000–2037 (property)", () => {
    const lastSundayUtc = (year: number, month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0)); // last day of month (0-based month)
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1); // that Sunday, 01:00 UTC
    };
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2037-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        const t = d.getTime();
        const y = d.getUTCFullYear();
        const bst = t >= lastSundayUtc(y, 2) && t < lastSundayUtc(y, 9);
        const expected = new Date(t + (bst ? 3_600_000 : 0)).toISOString().slice(0, 10);
        expect(londonDate(d)).toBe(expected);
      }),
    );
  });
});

describe("periodOf", () => {
  it.each([
    ["quarter", "2026-01-01", "2026-Q1"],
    ["quarter", "2026-03-31", "2026-Q1"],
    ["quarter", "2026-04-01", "2026-Q2"],
    ["quarter", "2026-09-30", "2026-Q3"],
    ["quarter", "2026-12-31", "2026-Q4"],
    ["stocktake", "2025-11-30", "2025-H2"],
    ["stocktake", "2025-12-01", "2026-H1"], // December opens next year's H1
    ["stocktake", "2025-12-15", "2026-H1"],
    ["stocktake", "2026-05-31", "2026-H1"],
    ["stocktake", "2026-06-01", "2026-H2"],
    ["stocktake", "2026-11-30", "2026-H2"],
    ["stocktake", "2026-12-01", "2027-H1"],
    ["academic_year", "2025-09-01", "2025/26"],
    ["academic_year", "2026-08-31", "2025/26"],
    ["academic_year", "2026-09-01", "2026/27"],
    ["academic_year", "2000-01-15", "1999/00"],
    ["academic_year", "2099-10-01", "2099/00"],
  ] as [PeriodType, string, string][])("%s of %s is %s", (type, date, expected) => {
    expect(periodOf(type, date)).toBe(expected);
  });

  it("places instants by their London date (BST/GMT boundaries)", () => {
    expect(periodOf("quarter", londonDate("2026-03-31T23:30:00Z"))).toBe("2026-Q2");
    expect(periodOf("stocktake", londonDate("2026-11-30T23:59:00Z"))).toBe("2026-H2");
    expect(periodOf("stocktake", londonDate("2025-12-01T00:00:00Z"))).toBe("2026-H1");
    expect(periodOf("stocktake", londonDate("2026-05-31T23:30:00Z"))).toBe("2026-H2");
    expect(periodOf("academic_year", londonDate("2026-08-31T23:30:00Z"))).toBe("2026/27");
  });

  it("rejects a non-date", () => {
    expect(() => periodOf("quarter", "2026-13-01")).toThrow(RangeError);
    expect(() => periodOf("quarter", "2026-04-31")).toThrow(RangeError);
    expect(() => periodOf("quarter", "1/4/2026")).toThrow(RangeError);
  });
});

describe("periodRange", () => {
  it.each([
    ["quarter", "2026-Q1", "2026-01-01", "2026-03-31"],
    ["quarter", "2024-Q1", "2024-01-01", "2024-03-31"],
    ["quarter", "2026-Q2", "2026-04-01", "2026-06-30"],
    ["quarter", "2026-Q3", "2026-07-01", "2026-09-30"],
    ["quarter", "2026-Q4", "2026-10-01", "2026-12-31"],
    ["stocktake", "2026-H1", "2025-12-01", "2026-05-31"],
    ["stocktake", "2026-H2", "2026-06-01", "2026-11-30"],
    ["academic_year", "2025/26", "2025-09-01", "2026-08-31"],
    ["academic_year", "1999/00", "1999-09-01", "2000-08-31"],
  ] as [PeriodType, string, string, string][])("%s %s is %s to %s", (type, period, start, end) => {
    expect(periodRange(type, period)).toEqual({ start, end });
  });

  it("rejects labels of another type or malformed labels", () => {
    expect(() => periodRange("quarter", "2026-H1")).toThrow(RangeError);
    expect(() => periodRange("quarter", "2026-Q5")).toThrow(RangeError);
    expect(() => periodRange("stocktake", "2026-H3")).toThrow(RangeError);
    expect(() => periodRange("academic_year", "2025/27")).toThrow(RangeError);
    expect(() => periodRange("academic_year", "2025-26")).toThrow(RangeError);
  });
});

describe("previousPeriod / nextPeriod", () => {
  it.each([
    ["quarter", "2026-Q1", "2025-Q4"],
    ["quarter", "2026-Q3", "2026-Q2"],
    ["stocktake", "2026-H1", "2025-H2"],
    ["stocktake", "2026-H2", "2026-H1"],
    ["academic_year", "2025/26", "2024/25"],
    ["academic_year", "2000/01", "1999/00"],
  ] as [PeriodType, string, string][])("%s before %s is %s", (type, period, previous) => {
    expect(previousPeriod(type, period)).toBe(previous);
    expect(nextPeriod(type, previous)).toBe(period);
  });
});

describe("comparePeriods and period types", () => {
  it("sorts labels chronologically", () => {
    expect(["2026-Q1", "2025-Q4", "2026-Q3", "2025-Q1"].sort(comparePeriods)).toEqual(["2025-Q1", "2025-Q4", "2026-Q1", "2026-Q3"]);
    expect(["2026-H1", "2025-H2", "2026-H2"].sort(comparePeriods)).toEqual(["2025-H2", "2026-H1", "2026-H2"]);
    expect(["2000/01", "1999/00", "2025/26"].sort(comparePeriods)).toEqual(["1999/00", "2000/01", "2025/26"]);
    expect(comparePeriods("2026-Q1", "2026-Q1")).toBe(0);
  });

  it("refuses to compare periods of different types", () => {
    expect(() => comparePeriods("2026-Q1", "2026-H1")).toThrow(RangeError);
  });

  it("knows the three period types", () => {
    expect(PERIOD_TYPES).toEqual(["quarter", "stocktake", "academic_year"]);
    expect(isPeriodType("stocktake")).toBe(true);
    expect(isPeriodType("month")).toBe(false);
    expect(periodTypeOf("2026-Q1")).toBe("quarter");
    expect(periodTypeOf("2026-H2")).toBe("stocktake");
    expect(periodTypeOf("2025/26")).toBe("academic_year");
  });
});

describe("periods tile the calendar (property)", () => {
  const day = fc
    .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it("every date lies in its period's range, and the day after a range's end starts the next period", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIOD_TYPES), day, (type, date) => {
        const period = periodOf(type, date);
        const { start, end } = periodRange(type, period);
        expect(start <= date && date <= end).toBe(true);
        expect(periodOf(type, start)).toBe(period);
        expect(periodOf(type, end)).toBe(period);
        expect(periodOf(type, addDays(start, -1))).toBe(previousPeriod(type, period));
        expect(periodOf(type, addDays(end, 1))).toBe(nextPeriod(type, period));
        expect(comparePeriods(previousPeriod(type, period), period)).toBe(-1);
        expect(periodTypeOf(period)).toBe(type);
      }),
    );
  });
});

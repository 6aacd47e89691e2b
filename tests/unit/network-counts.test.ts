/** The counts file a forum sends to the network (NB-1): written and read back, and every kind of bad file refused. */
import { describe, expect, it } from "vitest";
import { COUNTS_FILE_COLUMNS, countsAsStandard, networkKpis, toCountsFile, type ForumMonthCount } from "~/domain/network-counts";
import { readCountsFile } from "~/domain/network-counts-file";
import { DEFAULT_KPIS } from "~/domain/kpi-definitions";

const NOW = new Date("2026-12-03T12:00:00Z");
const HEADER = COUNTS_FILE_COLUMNS.join(",");

function file(...lines: string[]): string {
  return [HEADER, ...lines].join("\r\n") + "\r\n";
}

function read(text: string) {
  return readCountsFile(text, { now: NOW });
}

function problems(text: string) {
  const outcome = read(text);
  if (outcome.ok) throw new Error("expected the file to be refused");
  return outcome.problems.map((p) => [p.row, p.column, p.message]);
}

const GOOD = "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-03,K1,40,25,6";

describe("the counts file", () => {
  it("round-trips: what toCountsFile writes, readCountsFile reads back, in the file's order", () => {
    const rows: ForumMonthCount[] = [
      {
        forum: "leeds-pcf",
        forum_name: 'Leeds "PCF", West Yorkshire',
        survey_template: "parent-carer-experience",
        month: "2026-03",
        kpi_id: "K6i",
        n: 12,
        numerator: 7,
        negative: null,
      },
      {
        forum: "leeds-pcf",
        forum_name: 'Leeds "PCF", West Yorkshire',
        survey_template: "parent-carer-experience",
        month: "2026-03",
        kpi_id: "K1",
        n: 40,
        numerator: 25,
        negative: 6,
      },
      {
        forum: "leeds-pcf",
        forum_name: 'Leeds "PCF", West Yorkshire',
        survey_template: "senco-experience",
        month: "2026-01",
        kpi_id: "K11",
        n: 9,
        numerator: 9,
        negative: 0,
      },
    ];
    const text = toCountsFile(rows);
    expect(text.split("\r\n")).toEqual([
      `\ufeff${HEADER}`,
      'leeds-pcf,"Leeds ""PCF"", West Yorkshire",parent-carer-experience,2026-03,K1,40,25,6',
      'leeds-pcf,"Leeds ""PCF"", West Yorkshire",parent-carer-experience,2026-03,K6i,12,7,',
      'leeds-pcf,"Leeds ""PCF"", West Yorkshire",senco-experience,2026-01,K11,9,9,0',
      "",
    ]);
    const back = read(text);
    expect(back).toEqual({ ok: true, rows: [rows[1], rows[0], rows[2]], rowNumbers: [2, 3, 4] });
  });

  it("leaves out rows with n = 0", () => {
    const zero = {
      forum: "a",
      forum_name: "A",
      survey_template: "parent-carer-experience",
      month: "2026-01",
      kpi_id: "K1",
      n: 0,
      numerator: 0,
      negative: 0,
    };
    expect(toCountsFile([zero])).toBe(`\ufeff${HEADER}\r\n`);
  });

  it("accepts spaces around cells and blank lines, as a spreadsheet may leave them", () => {
    const outcome = read(file(" leeds-pcf , Leeds Parent Carer Forum ,parent-carer-experience, 2026-03 ,K1, 40 ,25,6", ""));
    expect(outcome.ok).toBe(true);
  });

  it("refuses a wrong header, naming what it should be", () => {
    const swapped = ["forum", "forum_name", "survey_template", "month", "kpi_id", "numerator", "n", "negative"].join(",");
    expect(problems(`${swapped}\r\n${GOOD}\r\n`)).toEqual([
      [1, null, `The header must be ${HEADER}, in that order; this file's is ${swapped}.`],
    ]);
    expect(problems(`forum,forum_name,survey_template,month,kpi_id,n,numerator\r\n${GOOD}\r\n`)[0][0]).toBe(1);
  });

  it("refuses an empty file, and a header with nothing under it", () => {
    expect(problems("")).toEqual([[null, null, expect.stringContaining("The file is empty")]]);
    expect(problems(file())).toEqual([[null, null, "The file has a header row but no counts under it."]]);
  });

  it("names every bad cell by row and column, and stores nothing of a file with any", () => {
    const text = file(
      GOOD,
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-13,K1,40,25,6",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,March 2026,K1,40,25,6",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2027-01,K1,40,25,6",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K1,-4,2,1",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K2,10,-1,1",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K3,10,11,0",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K4,10,6,5",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K5,0,0,0",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K6i,10,6,2",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K7,10,6,",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K11,10,6,1",
      "leeds-pcf,Leeds Parent Carer Forum,my-own-survey,2026-04,K1,10,6,1",
      "Leeds PCF,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K8,10,6,1",
      "leeds-pcf,,parent-carer-experience,2026-04,K9,10,6,1",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K10,10.5,6,1",
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-04,K13,10,6",
    );
    expect(problems(text)).toEqual([
      [3, "month", "month must be a calendar month written YYYY-MM, such as 2026-03."],
      [4, "month", "month must be a calendar month written YYYY-MM, such as 2026-03."],
      [5, "month", "month must not be after this month (2026-12)."],
      [6, "n", "n must be a whole number of 0 or more, written with digits only."],
      [7, "numerator", "numerator must be a whole number of 0 or more, written with digits only."],
      [8, "numerator", "numerator must not be more than n (10)."],
      [9, "negative", "negative must not be more than n (10) minus numerator (6)."],
      [10, "n", "n must be more than 0: the file has rows only for counts with n > 0."],
      [11, "negative", "negative must be empty: K6i has no negative share."],
      [12, "negative", "negative is needed for K7."],
      [13, "kpi_id", "kpi_id must be a KPI of parent-carer-experience: one of K1, K2, K3, K4, K5, K6, K6i, K7, K8, K9, K10, K13."],
      [
        14,
        "survey_template",
        "survey_template must be one of the network's survey templates: parent-carer-experience, senco-experience, young-people-easy-read.",
      ],
      [15, "forum", "forum must be the forum's code: lower-case letters, digits and hyphens, such as birmingham-pcf."],
      [16, "forum_name", "forum_name must be the forum's name."],
      [17, "n", "n must be a whole number of 0 or more, written with digits only."],
      [18, null, "The row has 7 cells; every row needs 8, one per column."],
    ]);
  });

  it("refuses a row that comes twice, and a forum named two ways", () => {
    const text = file(
      GOOD,
      "leeds-pcf,Leeds Parent Carer Forum,parent-carer-experience,2026-03,K1,41,25,6",
      "leeds-pcf,Leeds PCF,parent-carer-experience,2026-03,K2,41,25,6",
    );
    expect(problems(text)).toEqual([
      [3, null, "Row 2 already has leeds-pcf's K1 for parent-carer-experience in 2026-03: each comes once."],
      [4, "forum_name", 'forum_name must be the same on every row of leeds-pcf: row 2 has "Leeds Parent Carer Forum".'],
    ]);
  });

  it("refuses a file that is not CSV at all, and a name with control characters", () => {
    expect(problems(`${HEADER}\r\n"leeds-pcf,Leeds`)[0][2]).toMatch(/double quote that is never closed/);
    expect(problems(file("leeds-pcf,Leeds\u0007PCF,parent-carer-experience,2026-03,K1,40,25,6"))).toEqual([
      [2, "forum_name", "forum_name must not hold control characters."],
    ]);
  });

  it("counts every problem but lists at most the cap", () => {
    const bad = Array.from({ length: 30 }, (_, i) => `leeds-pcf,Leeds,parent-carer-experience,2026-0${(i % 9) + 1},K1,x,1,1`);
    const outcome = readCountsFile(file(...bad), { now: NOW, maxProblems: 5 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems).toHaveLength(5);
      expect(outcome.problemCount).toBe(30);
    }
  });
});

describe("what the network compares", () => {
  it("the standard KPIs of each template", () => {
    expect(networkKpis("senco-experience").map((k) => k.id)).toEqual(["K11", "K12"]);
    expect(networkKpis("young-people-easy-read").map((k) => k.id)).toEqual(["K1_YP", "K2_YP", "K13_YP"]);
    expect(networkKpis("no-such-template")).toEqual([]);
  });

  it("a forum's KPI only while it counts exactly what the standard one does", () => {
    const k2 = DEFAULT_KPIS.find((k) => k.id === "K2")!;
    expect(countsAsStandard(k2)).toBe(true);
    expect(countsAsStandard({ ...k2, name: "Listened to", positive: [...k2.positive].reverse() })).toBe(true);
    expect(countsAsStandard({ ...k2, positive: ["strongly_agree"] })).toBe(false);
    expect(countsAsStandard({ ...k2, id: "K15" })).toBe(false);
  });
});

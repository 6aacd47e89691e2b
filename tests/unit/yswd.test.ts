import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { wilsonPercent } from "~/domain/statistics";
import {
  addDays,
  canMoveTo,
  closedByTarget,
  closurePeriods,
  closureRateCells,
  closureScore,
  daysBetween,
  dueForReview,
  formatReference,
  median,
  nextReference,
  parseReference,
  publishProblems,
  quoteRefusal,
  renderAtomFeed,
  responseTimes,
  statusChangeProblems,
  statusProblems,
  STATUS_TRANSITIONS,
  xmlText,
  YSWD_STATUSES,
  type ClosureItem,
  type YswdRuleItem,
  type YswdStatus,
} from "~/domain/yswd";

function item(overrides: Partial<YswdRuleItem> = {}): YswdRuleItem {
  return {
    status: "received",
    whatDone: null,
    notPossibleReason: null,
    raisedOn: "2026-01-10",
    responsePublishedOn: null,
    targetOn: null,
    completedOn: null,
    nextReviewOn: null,
    ...overrides,
  };
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe("the status workflow", () => {
  it("needs a reason before an item can be not possible", () => {
    expect(codes(statusProblems(item({ status: "not_possible" })))).toEqual(["reason_required"]);
    // Spaces are not a reason.
    expect(codes(statusProblems(item({ status: "not_possible", notPossibleReason: "   \n" })))).toEqual(["reason_required"]);
    expect(statusProblems(item({ status: "not_possible", notPossibleReason: "Transport is contracted out." }))).toEqual([]);
  });

  it("needs what was done before an item can be done", () => {
    expect(codes(statusProblems(item({ status: "done" })))).toEqual(["what_done_required"]);
    expect(statusProblems(item({ status: "done", whatDone: "Updates at weeks 6, 12 and 16." }))).toEqual([]);
  });

  it("refuses a move to not possible without a reason, and allows it with one", () => {
    const agreed = item({ status: "agreed" });
    expect(codes(statusChangeProblems(agreed, "not_possible"))).toEqual(["reason_required"]);
    expect(statusChangeProblems({ ...agreed, notPossibleReason: "No budget this year." }, "not_possible")).toEqual([]);
  });

  it("follows the workflow: no skipping from received to done, nothing after superseded, no move to the same status", () => {
    expect(codes(statusChangeProblems(item({ status: "received", whatDone: "x" }), "done"))).toEqual(["bad_transition"]);
    for (const to of YSWD_STATUSES) {
      expect(codes(statusChangeProblems(item({ status: "superseded", whatDone: "x", notPossibleReason: "y" }), to))).toEqual([
        "bad_transition",
      ]);
    }
    expect(codes(statusChangeProblems(item({ status: "agreed" }), "agreed"))).toEqual(["bad_transition"]);
    expect(statusChangeProblems(item({ status: "agreed" }), "in_progress")).toEqual([]);
    expect(statusChangeProblems(item({ status: "done", whatDone: "x" }), "in_progress")).toEqual([]);
  });

  it("lets every open item be declared not possible or superseded", () => {
    for (const from of YSWD_STATUSES) {
      if (from === "superseded") continue;
      expect(canMoveTo(from, "superseded"), from).toBe(true);
      if (from !== "done" && from !== "not_possible") expect(canMoveTo(from, "not_possible"), from).toBe(true);
    }
    // Every target status is a real status.
    for (const targets of Object.values(STATUS_TRANSITIONS)) for (const to of targets) expect(YSWD_STATUSES).toContain(to);
  });

  it("refuses dates before the item was raised", () => {
    const problems = statusProblems(item());
    expect(problems).toEqual([]);
    const early = publishProblems(item({ targetOn: "2026-01-09", responsePublishedOn: "2025-12-31" }), {
      publishedFigure: true,
      usableQuotes: 0,
    });
    expect(early.map((p) => p.field).sort()).toEqual(["responsePublishedOn", "targetOn"]);
  });
});

describe("publishing", () => {
  it("needs at least one piece of approved evidence: a published figure or a usable quote", () => {
    expect(codes(publishProblems(item(), { publishedFigure: false, usableQuotes: 0 }))).toEqual(["evidence_required"]);
    expect(publishProblems(item(), { publishedFigure: true, usableQuotes: 0 })).toEqual([]);
    expect(publishProblems(item(), { publishedFigure: false, usableQuotes: 1 })).toEqual([]);
  });

  it("still needs the status rules met", () => {
    const problems = publishProblems(item({ status: "not_possible" }), { publishedFigure: true, usableQuotes: 2 });
    expect(codes(problems)).toEqual(["reason_required"]);
  });
});

describe("references", () => {
  it("are YSWD-YYYY-NNN, padded to three digits", () => {
    expect(formatReference(2026, 14)).toBe("YSWD-2026-014");
    expect(formatReference(2026, 1234)).toBe("YSWD-2026-1234");
    expect(parseReference("YSWD-2026-014")).toEqual({ year: 2026, number: 14 });
    expect(parseReference("YSWD-2026-14")).toBeUndefined();
    expect(parseReference("yswd-2026-014")).toBeUndefined();
    expect(() => formatReference(2026, 0)).toThrow(RangeError);
  });

  it("count up within a year and start again at 001 in a new year", () => {
    const existing = ["YSWD-2026-001", "YSWD-2026-014", "YSWD-2025-200", "not a reference"];
    expect(nextReference(existing, 2026)).toBe("YSWD-2026-015");
    expect(nextReference(existing, 2027)).toBe("YSWD-2027-001");
    expect(nextReference(["YSWD-2026-999"], 2026)).toBe("YSWD-2026-1000");
  });
});

describe("quotes (SDC-1 rule 5)", () => {
  it("may come only from a cell with at least 10 responses, whatever the consent", () => {
    expect(quoteRefusal({ cellResponses: 9, quoteConsent: true })).toBe("small_cell");
    expect(quoteRefusal({ cellResponses: 0, quoteConsent: true })).toBe("small_cell");
    expect(quoteRefusal({ cellResponses: 10, quoteConsent: true })).toBeNull();
  });

  it("need the family's agreement to quotes", () => {
    expect(quoteRefusal({ cellResponses: 240, quoteConsent: false })).toBe("no_consent");
  });
});

function closure(overrides: Partial<ClosureItem> = {}): ClosureItem {
  return { status: "in_progress", targetOn: "2026-02-15", completedOn: null, notPossibleReason: null, published: true, ...overrides };
}

describe("K14, the closure rate", () => {
  it("counts done, or not possible with a reason, on or before the target date", () => {
    expect(closedByTarget(closure({ status: "done", completedOn: "2026-02-15" }))).toBe(true);
    expect(closedByTarget(closure({ status: "done", completedOn: "2026-02-16" }))).toBe(false);
    expect(closedByTarget(closure({ status: "not_possible", completedOn: "2026-01-01", notPossibleReason: "No budget." }))).toBe(true);
    expect(closedByTarget(closure({ status: "not_possible", completedOn: "2026-01-01", notPossibleReason: null }))).toBe(false);
    expect(closedByTarget(closure({ status: "in_progress", completedOn: "2026-01-01" }))).toBe(false);
    // An unpublished reason is not a published one.
    expect(closedByTarget(closure({ status: "not_possible", completedOn: "2026-01-01", notPossibleReason: "x", published: false }))).toBe(
      false,
    );
  });

  it("takes as its base the published items whose target date falls in the period", () => {
    const items = [
      closure({ targetOn: "2026-01-01", status: "done", completedOn: "2025-12-20" }),
      closure({ targetOn: "2026-03-31" }),
      closure({ targetOn: "2026-04-01", status: "done", completedOn: "2026-03-01" }), // Q2
      closure({ targetOn: null }),
      closure({ targetOn: "2026-02-01", published: false }), // a draft
    ];
    expect(closureScore(items, "quarter", "2026-Q1")).toEqual({ n: 2, numerator: 1, negative: null });
    expect(closureScore(items, "quarter", "2026-Q2")).toEqual({ n: 1, numerator: 1, negative: null });
    expect(closurePeriods(items, "quarter")).toEqual(["2026-Q1", "2026-Q2"]);
  });

  it("is a KPI cell with n, the Wilson interval and SDC-1: 7 of 10 is 70.0 (39.7–89.2)", () => {
    const items = [
      ...Array.from({ length: 7 }, (_, i) =>
        closure({ targetOn: `2026-02-${String(i + 1).padStart(2, "0")}`, status: "done", completedOn: "2026-01-20" }),
      ),
      ...Array.from({ length: 3 }, () => closure({ targetOn: "2026-03-01" })),
    ];
    const [cell] = closureRateCells(items, "quarter");
    expect(cell).toMatchObject({
      kpi_id: "K14",
      time_period: "2026-Q1",
      time_identifier: "quarter",
      segment_type: "all",
      segment_value: "all",
    });
    expect(cell).toMatchObject({ n: 10, numerator: 7, percent: 70, ci_lower: 39.7, ci_upper: 89.2, flag: "u" });
    const ci = wilsonPercent(7, 10);
    expect([cell.ci_lower, cell.ci_upper]).toEqual([ci.lower, ci.upper]);
  });

  it("is suppressed with fewer than 10 items in the period", () => {
    const items = Array.from({ length: 9 }, () => closure({ status: "done", completedOn: "2026-01-01" }));
    const [cell] = closureRateCells(items, "stocktake");
    expect(cell.time_period).toBe("2026-H1");
    expect(cell).toMatchObject({ n: null, numerator: null, percent: null, ci_lower: null, ci_upper: null, flag: "c" });
  });

  it("gives a period with no items a suppressed cell rather than a figure", () => {
    const [cell] = closureRateCells([], "quarter", { periods: ["2026-Q3"] });
    expect(cell.flag).toBe("c");
  });
});

describe("days from raised to response published", () => {
  it("is the median per period of publication", () => {
    expect(daysBetween("2026-03-28", "2026-04-02")).toBe(5); // across the clock change
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    const items = [
      { raisedOn: "2026-01-01", responsePublishedOn: "2026-01-11", published: true },
      { raisedOn: "2026-01-01", responsePublishedOn: "2026-01-31", published: true },
      { raisedOn: "2026-01-01", responsePublishedOn: "2026-02-01", published: true },
      { raisedOn: "2026-01-01", responsePublishedOn: "2026-04-01", published: true },
      { raisedOn: "2026-01-01", responsePublishedOn: null, published: true },
      { raisedOn: "2026-01-01", responsePublishedOn: "2026-01-02", published: false },
    ];
    expect(responseTimes(items, "quarter")).toEqual([
      { time_period: "2026-Q1", n: 3, median_days: 30 },
      { time_period: "2026-Q2", n: 1, median_days: 90 },
    ]);
  });
});

describe("reviews", () => {
  it("are overdue after the review date and due within the look-ahead", () => {
    const today = "2026-06-10";
    const dueBy = addDays(today, 31);
    expect(dueBy).toBe("2026-07-11");
    expect(dueForReview({ nextReviewOn: "2026-06-09", status: "in_progress" }, today, dueBy)).toBe("overdue");
    expect(dueForReview({ nextReviewOn: "2026-06-10", status: "in_progress" }, today, dueBy)).toBe("due");
    expect(dueForReview({ nextReviewOn: "2026-07-11", status: "done" }, today, dueBy)).toBe("due");
    expect(dueForReview({ nextReviewOn: "2026-07-12", status: "in_progress" }, today, dueBy)).toBeNull();
    expect(dueForReview({ nextReviewOn: null, status: "in_progress" }, today, dueBy)).toBeNull();
    expect(dueForReview({ nextReviewOn: "2026-01-01", status: "superseded" as YswdStatus }, today, dueBy)).toBeNull();
  });
});

/** Parses XML strictly; throws on anything not well-formed. Returns the text of every element by name. */
function parseXml(xml: string): Map<string, string[]> {
  const parser = new SaxesParser({ xmlns: true });
  const texts = new Map<string, string[]>();
  const stack: { name: string; text: string }[] = [];
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => stack.push({ name: tag.local, text: "" }));
  parser.on("text", (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    const top = stack.pop()!;
    texts.set(top.name, [...(texts.get(top.name) ?? []), top.text]);
  });
  parser.write(xml).close();
  return texts;
}

describe("the Atom feed", () => {
  it("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlText(`<b>"Tom" & 'Jerry'</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
    expect(xmlText("bell\u0007 and \uD800 lone")).toBe("bell and  lone");
    expect(xmlText("اردو 😀")).toBe("اردو 😀");
  });

  it("is well-formed XML whatever the titles hold, and round-trips the text", () => {
    const nasty = `Transport & "taxis" <script>alert(1)</script> ]]> \u0001`;
    const xml = renderAtomFeed({
      id: "tag:example.org,2026:yswd:demo",
      title: "You said, we did",
      link: "https://example.org/you-said-we-did",
      selfLink: "https://example.org/you-said-we-did.atom",
      language: "en",
      author: "A forum & friends",
      entries: [
        {
          id: "tag:example.org,2026:yswd:demo:YSWD-2026-001",
          title: nasty,
          link: "https://example.org/you-said-we-did/YSWD-2026-001?forum=a&b=c",
          updated: "2026-03-01T10:00:00.000Z",
          published: "2026-02-01T10:00:00.000Z",
          summary: "What families said: it's < good",
          categories: ["transport"],
        },
      ],
    });
    const texts = parseXml(xml);
    expect(texts.get("title")).toEqual(["You said, we did", nasty.replace("\u0001", "")]);
    expect(texts.get("summary")).toEqual(["What families said: it's < good"]);
    expect(texts.get("updated")).toEqual(["2026-03-01T10:00:00.000Z", "2026-03-01T10:00:00.000Z"]);
    expect(xml).not.toContain("<script>");
  });

  it("is valid with no entries", () => {
    const xml = renderAtomFeed({ id: "x:1", title: "t", link: "l", selfLink: "s", language: "ur", author: "a", entries: [] });
    expect(parseXml(xml).get("entry")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { applyRedactions, findSuggestedRedactions, isValidNhsNumber, mergeSpans, segmentText, type RedactionTerm } from "~/domain/pii";

/** The highlighted pieces of text with their kinds, easier to read in a failure than offsets. */
function found(text: string, terms: RedactionTerm[] = []) {
  return findSuggestedRedactions(text, terms).map((s) => [text.slice(s.start, s.end), s.kind]);
}

describe("suggested redactions", () => {
  it("finds email addresses", () => {
    expect(found("Email me at jo.bloggs+send@example.co.uk please.")).toEqual([["jo.bloggs+send@example.co.uk", "email"]]);
  });

  it("finds UK phone numbers in the ways people write them", () => {
    const numbers = [
      "07700 900123",
      "07700900123",
      "0121 496 0000",
      "020 7946 0000",
      "01632 960000",
      "+44 7700 900123",
      "+44 (0)121 496 0000",
      "+447700900123",
    ];
    for (const number of numbers) {
      expect(found(`Ring ${number} after school.`), number).toEqual([[number, "phone"]]);
    }
  });

  it("finds full postcodes with or without the space, in any case", () => {
    expect(found("We live near B15 2TT now")).toEqual([["B15 2TT", "postcode"]]);
    expect(found("We live near B152TT now")).toEqual([["B152TT", "postcode"]]);
    expect(found("postcode b15 2tt")).toEqual([["b15 2tt", "postcode"]]);
    expect(found("SW1A 1AA and EC1A1BB")).toEqual([
      ["SW1A 1AA", "postcode"],
      ["EC1A1BB", "postcode"],
    ]);
  });

  it("finds NHS numbers grouped 3-3-4, and run together only when the check digit is right", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
    expect(found("NHS no 943 476 5919.")).toEqual([["943 476 5919", "nhs_number"]]);
    expect(found("NHS no 943-476-5919.")).toEqual([["943-476-5919", "nhs_number"]]);
    expect(found("his number is 9434765919")).toEqual([["9434765919", "nhs_number"]]);
    // Ten digits with a wrong check digit and no grouping: not an NHS number, not a UK phone.
    expect(found("reference 9434765918")).toEqual([]);
  });

  it("finds web addresses, with or without a scheme, leaving the full stop after them", () => {
    expect(found("See https://example.org/our-story?id=4.")).toEqual([["https://example.org/our-story?id=4", "url"]]);
    expect(found("Look at www.example.com, it helped")).toEqual([["www.example.com", "url"]]);
    expect(found("the school site oakfield.bham.sch.uk has it")).toEqual([["oakfield.bham.sch.uk", "url"]]);
  });

  it("does not flag the numbers families write every day", () => {
    const ordinary = [
      "We waited from 2026 until 2027 for the plan.",
      "The meeting was at 10:30 and again at 09:45.",
      "Only 45% of plans were on time; 12.5% were late.",
      "In Q1 and Q4 nothing happened.",
      "She is 7 and in year 3, 20 weeks late, KS2 SATs.",
      "Plans issued: 1,234 of 2,000.",
      "Dates 01/02/2026 and 2026-03-15.",
      "e.g. the SENCO, i.e. the person in charge.",
    ];
    for (const text of ordinary) expect(found(text), text).toEqual([]);
  });

  it("finds names from the forum's list case-insensitively, on whole words only", () => {
    const terms: RedactionTerm[] = [
      { term: "Oakfield Primary", kind: "school" },
      { term: "Mrs Khan", kind: "staff" },
      { term: "Ann", kind: "other" },
    ];
    expect(found("OAKFIELD  primary said Mrs khan would call.", terms)).toEqual([
      ["OAKFIELD  primary", "school"],
      ["Mrs khan", "staff"],
    ]);
    // "Ann" inside "Annual" or "Joanne" is not the name.
    expect(found("The annual review with Joanne", terms)).toEqual([]);
    expect(found("Ann, and ann.", terms)).toEqual([
      ["Ann", "other_name"],
      ["ann", "other_name"],
    ]);
  });

  it("merges overlapping suggestions into one span", () => {
    // The email's domain is also a web address: one span, not two.
    const spans = findSuggestedRedactions("write to head@oakfield.sch.uk", [{ term: "oakfield", kind: "school" }]);
    expect(spans).toHaveLength(1);
    expect(spans[0].kind).toBe("email");
    expect(
      mergeSpans([
        { start: 5, end: 9, kind: "phone" },
        { start: 0, end: 6, kind: "school" },
        { start: 12, end: 14, kind: "url" },
      ]),
    ).toEqual([
      { start: 0, end: 9, kind: "school" },
      { start: 12, end: 14, kind: "url" },
    ]);
  });

  it("leaves Urdu text untouched except for real matches", () => {
    const urdu = "ہمیں اسکول سے مدد چاہیے، سال 2026 میں۔";
    expect(found(urdu)).toEqual([]);
    const withNumber = "براہ کرم 07700 900123 پر فون کریں";
    expect(found(withNumber)).toEqual([["07700 900123", "phone"]]);
    expect(applyRedactions(withNumber, findSuggestedRedactions(withNumber))).toBe("براہ کرم [removed] پر فون کریں");
    // A name in the list written in Urdu script matches as a whole word.
    const terms: RedactionTerm[] = [{ term: "اوک فیلڈ", kind: "school" }];
    expect(found("بچہ اوک فیلڈ اسکول میں ہے", terms)).toEqual([["اوک فیلڈ", "school"]]);
  });
});

describe("applying redactions", () => {
  it("replaces each span with [removed] and keeps the rest as written", () => {
    const text = "Oakfield Primary never call back, ring 07700 900123 or email a@b.com";
    const spans = findSuggestedRedactions(text, [{ term: "Oakfield Primary", kind: "school" }]);
    expect(applyRedactions(text, spans)).toBe("[removed] never call back, ring [removed] or email [removed]");
  });

  it("returns the text unchanged when there is nothing to remove", () => {
    expect(applyRedactions("Quicker answers please.", [])).toBe("Quicker answers please.");
  });

  it("cuts text into plain and highlighted segments that join back to the original", () => {
    const text = "Call 0121 496 0000 today";
    const segments = segmentText(text, findSuggestedRedactions(text));
    expect(segments).toEqual([{ text: "Call " }, { text: "0121 496 0000", kind: "phone" }, { text: " today" }]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});

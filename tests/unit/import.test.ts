import { describe, expect, it } from "vitest";
import { columnLetter, decodeImportFile, readImport, readSubmittedAt, type ImportParse } from "~/domain/import";
import { londonDate } from "~/domain/periods";
import type { SurveyDefinition } from "~/domain/survey";
import { parentCarerExperience } from "~/templates";

// A fixed import time, in British Summer Time, so "today" and "the future" are certain.
const NOW = new Date("2026-06-15T09:00:00Z");

/** The always-asked required questions of the parent survey, answered with codes. */
const BASE_HEADER = ["overall_experience", "listened_to", "confidence_needs_met", "finding_information", "feedback_leads_to_change"];
const BASE_ROW = ["good", "agree", "fairly", "fairly_easy", "yes_some"];

function csv(rows: string[][], eol = "\n"): string {
  return rows.map((r) => r.map(quote).join(",")).join(eol) + eol;
}
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
function read(text: string, definition: SurveyDefinition = parentCarerExperience, extra: Partial<Parameters<typeof readImport>[2]> = {}) {
  return readImport(definition, text, { audience: definition.audience, now: NOW, ...extra });
}
function problemsOf(result: ImportParse) {
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.problems;
}
function responsesOf(result: ImportParse) {
  if (!result.ok)
    throw new Error(`expected the file to be accepted:\n${result.problems.map((p) => `${p.row}/${p.column}: ${p.message}`).join("\n")}`);
  return result.responses;
}

/** A tiny survey with one question of each kind the import must read. */
const mixed: SurveyDefinition = {
  title: { en: "Mixed" },
  intro: { en: "Mixed" },
  audience: "senco",
  minutes: 1,
  languages: ["en"],
  questions: [
    {
      code: "support",
      type: "multiple_choice",
      role: "other",
      title: { en: "Support" },
      required: false,
      options: [
        { code: "speech", label: { en: "Speech and language therapy" } },
        { code: "ot", label: { en: "Occupational therapy" } },
        { code: "ep", label: { en: "Educational psychology" } },
      ],
    },
    { code: "has_plan", type: "yes_no", role: "other", title: { en: "Has a plan" }, required: false },
    { code: "pupils", type: "number", role: "other", title: { en: "Pupils" }, required: false, min: 0, max: 500 },
    { code: "comment", type: "text_short", role: "free_text", title: { en: "Comment" }, required: false, maxLength: 20 },
  ],
};

describe("reading an import file", () => {
  it("accepts option codes and exact English labels alike", () => {
    const [response] = responsesOf(
      read(csv([BASE_HEADER, ["Good", "Strongly agree", "fairly", "I haven't looked for information", "Yes, to some extent"]])),
    );
    expect(response.answers).toEqual({
      overall_experience: { kind: "options", codes: ["good"] },
      listened_to: { kind: "options", codes: ["strongly_agree"] },
      confidence_needs_met: { kind: "options", codes: ["fairly"] },
      finding_information: { kind: "options", codes: ["havent_looked"] },
      feedback_leads_to_change: { kind: "options", codes: ["yes_some"] },
    });
  });

  it("matches labels exactly: a near miss is named, with the answers that would do", () => {
    const problems = problemsOf(read(csv([BASE_HEADER, ["Very god", "agree", "fairly", "fairly_easy", "yes_some"]])));
    expect(problems).toHaveLength(1);
    expect(problems[0].row).toBe(2);
    expect(problems[0].column).toBe("overall_experience");
    expect(problems[0].message).toContain('"Very god" is not an answer to overall_experience');
    expect(problems[0].message).toContain("very_good (Very good), good (Good)");
    // Case matters, as the spec says "exact".
    expect(problemsOf(read(csv([BASE_HEADER, ["GOOD", "agree", "fairly", "fairly_easy", "yes_some"]])))[0].column).toBe(
      "overall_experience",
    );
  });

  it("splits a multiple choice cell on ';' in codes or labels, in the survey's order", () => {
    const [response] = responsesOf(read(csv([["support"], ["ep; Speech and language therapy"]]), mixed));
    expect(response.answers.support).toEqual({ kind: "options", codes: ["speech", "ep"] });
  });

  it("names each unknown choice in a multiple choice cell", () => {
    const [problem] = problemsOf(read(csv([["support"], ["ot;physio;art"]]), mixed));
    expect(problem.message).toContain('"physio", "art" are not answers to support');
  });

  it("refuses two answers to a one-answer question", () => {
    const [problem] = problemsOf(read(csv([BASE_HEADER, ["good;poor", "agree", "fairly", "fairly_easy", "yes_some"]])));
    expect(problem.message).toContain("takes one answer, but this cell has 2");
  });

  it("reads yes/no by code or label, whole numbers within range, and text within its length", () => {
    const problems = problemsOf(
      read(
        csv([
          ["has_plan", "pupils", "comment"],
          ["Yes", "1200", "x"],
          ["maybe", "2.5", "this answer is far too long"],
          ["No", "12", "  fine  "],
        ]),
        mixed,
      ),
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "pupils"],
      [3, "has_plan"],
      [3, "pupils"],
      [3, "comment"],
    ]);
    expect(problems[0].message).toContain("from 0 to 500");
    expect(problems[2].message).toContain('"2.5" is not a whole number');
    expect(problems[3].message).toContain("27 characters long; the most it takes is 20");
    const [ok] = responsesOf(
      read(
        csv([
          ["has_plan", "pupils", "comment"],
          ["No", "12", "  fine  "],
        ]),
        mixed,
      ),
    );
    expect(ok.answers).toEqual({
      has_plan: { kind: "options", codes: ["no"] },
      pupils: { kind: "number", value: 12 },
      comment: { kind: "text", text: "fine" },
    });
  });

  it("holds over-long free text to the question's own maximum", () => {
    const header = [...BASE_HEADER, "what_would_help"];
    expect(responsesOf(read(csv([header, [...BASE_ROW, "a".repeat(1000)]])))).toHaveLength(1);
    const [problem] = problemsOf(read(csv([header, [...BASE_ROW, "a".repeat(1001)]])));
    expect(problem).toMatchObject({ row: 2, column: "what_would_help" });
    expect(problem.message).toContain("1,001 characters long; the most it takes is 1,000");
    // The answer itself may be personal: the message gives its length, not its text.
    expect(problem.message).not.toContain("aaaa");
  });

  it("keeps commas, quotes and line breaks inside quoted cells", () => {
    const text = 'More help, sooner.\nAnd "listen" to us.';
    const [response] = responsesOf(
      read(
        csv([
          [...BASE_HEADER, "what_would_help"],
          [...BASE_ROW, text],
        ]),
      ),
    );
    expect(response.answers.what_would_help).toEqual({ kind: "text", text });
  });

  it("applies the survey's routing: an answer to a question routing skips is an error", () => {
    const header = [...BASE_HEADER, "ehcp_stage", "assessment_satisfaction", "kept_informed"];
    const [problem, ...rest] = problemsOf(read(csv([header, [...BASE_ROW, "sen_support", "very_satisfied", ""]])));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ row: 2, column: "assessment_satisfaction" });
    expect(problem.message).toContain("answered but routing skips it because ehcp_stage is sen_support");
    // With no stage at all, the message says the stage is empty.
    const [unrouted] = problemsOf(read(csv([header, [...BASE_ROW, "", "", "always"]])));
    expect(unrouted).toMatchObject({ column: "kept_informed" });
    expect(unrouted.message).toContain("because ehcp_stage is empty");
  });

  it("requires what routing asks for, and what everyone is asked", () => {
    const header = [...BASE_HEADER, "ehcp_stage", "assessment_satisfaction", "kept_informed"];
    const problems = problemsOf(read(csv([header, ["", "agree", "fairly", "fairly_easy", "yes_some", "refused_assess", "", "always"]])));
    expect(problems.map((p) => p.column)).toEqual(["overall_experience", "assessment_satisfaction"]);
    expect(problems[0].message).toBe("overall_experience is required, but the cell is empty.");
    expect(problems[1].message).toContain("required for this response because ehcp_stage is refused_assess, but the cell is empty");
  });

  it("says once, in the header, that a column every response needs is missing", () => {
    const header = BASE_HEADER.filter((c) => c !== "listened_to");
    const row = BASE_ROW.filter((_, i) => BASE_HEADER[i] !== "listened_to");
    const problems = problemsOf(read(csv([header, row, row, row])));
    expect(problems).toEqual([{ row: 1, column: "listened_to", message: expect.stringContaining("The file has no listened_to column") }]);
  });

  it("a routed-to required question with no column is named on the rows that need it", () => {
    const header = [...BASE_HEADER, "ehcp_stage"];
    const problems = problemsOf(read(csv([header, [...BASE_ROW, "sen_support"], [...BASE_ROW, "in_assessment"]])));
    expect(problems).toEqual([
      { row: 3, column: "kept_informed", message: expect.stringContaining("the file has no kept_informed column") },
    ]);
  });

  it("refuses unknown and duplicate headings and names them", () => {
    const problems = problemsOf(
      read(
        csv([
          [...BASE_HEADER, "Overall_Experience ", "postcode", "listened_to"],
          [...BASE_ROW, "x", "B1 1AA", "agree"],
        ]),
      ),
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [1, "Overall_Experience"],
      [1, "postcode"],
      [1, "listened_to"],
    ]);
    expect(problems[0].message).toContain("Did you mean overall_experience?");
    expect(problems[1].message).toContain('The heading "postcode" (column G) is not a question in this survey');
    expect(problems[2].message).toContain("appears twice, in columns B and H");
  });

  it("trims headings and reads submitted_at, language and respondent_role columns", () => {
    const header = [" submitted_at ", ...BASE_HEADER, "language", "respondent_role"];
    const [a, b] = responsesOf(read(csv([header, ["2026-03-14", ...BASE_ROW, "UR", "Professional"], ["", ...BASE_ROW, "", ""]])));
    expect(a).toMatchObject({ submittedOn: "2026-03-14", language: "ur", respondentRole: "professional" });
    // Noon on 14 March 2026 in London is 12:00 GMT.
    expect(a.submittedAt).toBe("2026-03-14T12:00:00.000Z");
    // Defaults: the import time, English, the survey's audience.
    expect(b).toMatchObject({
      submittedAt: NOW.toISOString(),
      submittedOn: londonDate(NOW),
      language: "en",
      respondentRole: "parent_carer",
    });
  });

  it("refuses a bad language or respondent role", () => {
    const problems = problemsOf(
      read(
        csv([
          [...BASE_HEADER, "language", "respondent_role"],
          [...BASE_ROW, "English", "grandparent"],
        ]),
      ),
    );
    expect(problems.map((p) => p.column)).toEqual(["language", "respondent_role"]);
    expect(problems[1].message).toContain("parent_carer (Parent or carer)");
  });

  it("numbers rows as a spreadsheet does, counting blank rows and rows with line breaks as one", () => {
    const rows = [BASE_HEADER, BASE_ROW, ["", "", "", "", ""], [...BASE_ROW.slice(0, 4), "nope"]];
    const text = csv(rows).replace("\n,,,,\n", "\n\n");
    expect(problemsOf(read(text))[0]).toMatchObject({ row: 4, column: "feedback_leads_to_change" });
    const withText = csv([
      [...BASE_HEADER, "what_would_help"],
      [...BASE_ROW, "line one\nline two\nline three"],
      [...BASE_ROW.slice(0, 4), "nope", ""],
    ]);
    expect(problemsOf(read(withText))[0]).toMatchObject({ row: 3, column: "feedback_leads_to_change" });
  });

  it("collects every problem in every row, in row then column order", () => {
    const problems = problemsOf(
      read(
        csv([
          ["submitted_at", ...BASE_HEADER],
          ["2030-01-01", "bad", ...BASE_ROW.slice(1)],
          ["", ...BASE_ROW],
          ["yesterday", "good", "agree", "x", "fairly_easy", "y"],
        ]),
      ),
    );
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "submitted_at"],
      [2, "overall_experience"],
      [4, "submitted_at"],
      [4, "confidence_needs_met"],
      [4, "feedback_leads_to_change"],
    ]);
  });

  it("lists at most the cap of problems and counts the rest", () => {
    const rows = [BASE_HEADER, ...Array.from({ length: 30 }, () => ["x", "y", ...BASE_ROW.slice(2)])];
    const result = read(csv(rows), parentCarerExperience, { maxProblems: 25 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(25);
      expect(result.problemCount).toBe(60);
    }
  });

  it("accepts a UTF-8 byte order mark and Windows line endings", () => {
    const text = "\ufeff" + csv([BASE_HEADER, BASE_ROW, BASE_ROW], "\r\n");
    expect(responsesOf(read(text))).toHaveLength(2);
  });

  it("refuses an empty file, a header with no rows, and a row with the wrong number of cells", () => {
    expect(problemsOf(read(""))[0].message).toContain("The file is empty");
    expect(problemsOf(read("\ufeff\r\n\r\n"))[0].message).toContain("The file is empty");
    expect(problemsOf(read(csv([BASE_HEADER])))[0].message).toContain("no responses");
    const [short] = problemsOf(read(csv([BASE_HEADER, BASE_ROW.slice(0, 3)])));
    expect(short).toMatchObject({ row: 2, column: null });
    expect(short.message).toContain("has 3 cells but the header has 5 columns");
    // Empty cells past the last heading (a spreadsheet's stray commas) do no harm.
    expect(responsesOf(read(csv([BASE_HEADER, [...BASE_ROW, "", ""]])))).toHaveLength(1);
  });

  it("refuses a quoted cell that is never closed", () => {
    const text = csv([BASE_HEADER]) + 'good,agree,fairly,fairly_easy,"yes_some\n';
    expect(problemsOf(read(text))[0]).toMatchObject({ row: null, message: expect.stringContaining("never closed") });
  });

  it("limits the rows and the size of a file", () => {
    const three = csv([BASE_HEADER, BASE_ROW, BASE_ROW, BASE_ROW]);
    expect(responsesOf(read(three, parentCarerExperience, { maxRows: 3 }))).toHaveLength(3);
    expect(problemsOf(read(three, parentCarerExperience, { maxRows: 2 }))[0].message).toContain("more than 2 rows");
    const bytes = new TextEncoder().encode(three).byteLength;
    expect(responsesOf(read(three, parentCarerExperience, { maxBytes: bytes }))).toHaveLength(3);
    expect(problemsOf(read(three, parentCarerExperience, { maxBytes: bytes - 1 }))[0].message).toContain("larger than");
    // Multi-byte characters count as the bytes they take, not as one each.
    const urdu = csv([
      [...BASE_HEADER, "what_would_help"],
      [...BASE_ROW, "مدد"],
    ]);
    const urduBytes = new TextEncoder().encode(urdu).byteLength;
    expect(urduBytes).toBeGreaterThan(urdu.length);
    expect(problemsOf(read(urdu, parentCarerExperience, { maxBytes: urdu.length }))[0].message).toContain("larger than");
  });
});

describe("submitted_at", () => {
  it("refuses a row sent before the forum's retention cut-off, by London date, and names the month", () => {
    const keptFrom = { month: "2024-07", months: 24 };
    const header = ["submitted_at", ...BASE_HEADER];
    const problems = problemsOf(
      read(
        csv([header, ["2024-06-30", ...BASE_ROW], ["2024-07-01", ...BASE_ROW], ["2024-06-30T23:30:00Z", ...BASE_ROW]]),
        parentCarerExperience,
        { keptFrom },
      ),
    );
    expect(problems).toEqual([
      {
        row: 2,
        column: "submitted_at",
        message:
          '"2024-06-30" is before July 2024. The forum keeps responses for 24 months and deletes older ones, so this row cannot be imported.',
      },
    ]);
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: kept. Without a cut-off, all three are read.
    expect(responsesOf(read(csv([header, ["2024-06-30", ...BASE_ROW], ["2024-06-30T23:30:00Z", ...BASE_ROW]])))).toHaveLength(2);
  });

  it("reads a date as that London date at noon, or now if noon today is still to come", () => {
    expect(readSubmittedAt("2026-06-01", NOW)).toEqual({ ok: true, submittedAt: "2026-06-01T11:00:00.000Z", submittedOn: "2026-06-01" });
    // NOW is 10:00 in London on 15 June.
    expect(readSubmittedAt("2026-06-15", NOW)).toEqual({ ok: true, submittedAt: NOW.toISOString(), submittedOn: "2026-06-15" });
  });

  it("reads a date-time without an offset as London time, with one as exact", () => {
    // 23:30 on 31 March in London (BST) is 22:30 UTC: still 31 March, the last day of Q1.
    expect(readSubmittedAt("2026-03-31T23:30", NOW)).toEqual({
      ok: true,
      submittedAt: "2026-03-31T22:30:00.000Z",
      submittedOn: "2026-03-31",
    });
    expect(readSubmittedAt("2026-03-31 23:30:15", NOW)).toMatchObject({ submittedAt: "2026-03-31T22:30:15.000Z" });
    // 23:30 UTC on 31 March is 00:30 on 1 April in London: the next quarter.
    expect(readSubmittedAt("2026-03-31T23:30:00Z", NOW)).toEqual({
      ok: true,
      submittedAt: "2026-03-31T23:30:00.000Z",
      submittedOn: "2026-04-01",
    });
    expect(readSubmittedAt("2026-01-10T09:00:00+05:00", NOW)).toMatchObject({
      submittedAt: "2026-01-10T04:00:00.000Z",
      submittedOn: "2026-01-10",
    });
    expect(readSubmittedAt("2026-01-10T09:00:00.5-0130", NOW)).toMatchObject({ submittedAt: "2026-01-10T10:30:00.500Z" });
  });

  it("reads London times across the clock changes", () => {
    const at = (value: string) => {
      const read = readSubmittedAt(value, NOW);
      return read.ok ? read.submittedAt : read.message;
    };
    // Spring forward, 29 March 2026: 00:30 is GMT, 02:30 is BST, 01:30 never happened (read as GMT).
    expect(at("2026-03-29T00:30")).toBe("2026-03-29T00:30:00.000Z");
    expect(at("2026-03-29T02:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(at("2026-03-29T01:30")).toBe("2026-03-29T01:30:00.000Z");
    // Fall back, 26 October 2025: 01:30 happens twice; the first (BST) is taken.
    expect(at("2025-10-26T00:30")).toBe("2025-10-25T23:30:00.000Z");
    expect(at("2025-10-26T01:30")).toBe("2025-10-26T00:30:00.000Z");
    expect(at("2025-10-26T02:30")).toBe("2025-10-26T02:30:00.000Z");
    // Midnight in summer is 23:00 UTC the day before, and counts on the London date.
    expect(readSubmittedAt("2025-07-01T00:15", NOW)).toMatchObject({ submittedAt: "2025-06-30T23:15:00.000Z", submittedOn: "2025-07-01" });
    expect(readSubmittedAt("2025-06-30T23:15:00Z", NOW)).toMatchObject({ submittedOn: "2025-07-01" });
    expect(readSubmittedAt("2025-06-30T22:59:59Z", NOW)).toMatchObject({ submittedOn: "2025-06-30" });
  });

  it("refuses dates that are not dates, not real, in the future or far in the past", () => {
    const message = (value: string) => {
      const read = readSubmittedAt(value, NOW);
      return read.ok ? "accepted" : read.message;
    };
    expect(message("14/03/2026")).toContain("If it means day/month/year, write 2026-03-14");
    expect(message("yesterday")).toContain("is not a date");
    expect(message("2026-02-30")).toContain("not a real calendar date");
    expect(message("2026-01-10T25:00")).toContain("not a real date and time");
    expect(message("2026-06-16")).toContain("in the future");
    expect(message("2026-06-15T10:30")).toContain("in the future");
    expect(message("2026-06-15T09:00:01Z")).toContain("in the future");
    expect(message("1926-06-15")).toContain("Check the year");
    expect(message("2026-01-10T09:00+15:00")).toContain("offset");
  });
});

describe("the uploaded bytes", () => {
  it("decodes UTF-8 and refuses anything else with a way to fix it", () => {
    expect(decodeImportFile(new TextEncoder().encode("a,b"))).toEqual({ ok: true, text: "a,b" });
    // "Don’t" in Windows-1252, as Excel's plain CSV writes it.
    const cp1252 = Uint8Array.from([0x44, 0x6f, 0x6e, 0x92, 0x74]);
    const decoded = decodeImportFile(cp1252);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problems[0].message).toContain("CSV UTF-8");
    expect(decodeImportFile(new Uint8Array(11), 10).ok).toBe(false);
  });

  it("names columns with spreadsheet letters", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

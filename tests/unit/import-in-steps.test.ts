import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeImportFile, readImport, type ImportOptions } from "~/domain/import";
import { decodeImportFileInSteps, readImportInSteps } from "~/domain/import/in-steps";
import { parentCarerExperience } from "~/templates";

// A fixed import time, so "today" and "the future" are certain.
const NOW = new Date("2026-06-15T09:00:00Z");
const OPTIONS: ImportOptions = { audience: "parent_carer", now: NOW };

const HEADER = [
  "submitted_at",
  "overall_experience",
  "listened_to",
  "confidence_needs_met",
  "finding_information",
  "feedback_leads_to_change",
];
const ROW = ["2026-03-14", "good", "agree", "fairly", "fairly_easy", "yes_some"];

function csv(rows: string[][], eol = "\r\n"): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join(eol) + eol;
}

/** A pause that only counts: each step's work runs straight after the last. */
function counting() {
  const steps = { count: 0, pause: async () => void (steps.count += 1) };
  return steps;
}

describe("reading an import file in steps", () => {
  const files: [string, string, Partial<ImportOptions>?][] = [
    ["good rows", csv([HEADER, ROW, ROW, ROW])],
    [
      "a byte order mark, quoted line breaks and Urdu",
      "\ufeff" +
        csv([
          [...HEADER, "what_would_help"],
          [...ROW, 'مدد, "please"\nthanks'],
        ]),
    ],
    [
      "a character outside the Basic Multilingual Plane",
      csv([
        [...HEADER, "what_would_help"],
        [...ROW, "👍🏽 thanks"],
      ]),
    ],
    ["blank rows between rows", csv([HEADER, ROW]) + "\r\n\r\n" + csv([ROW])],
    [
      "a stray quote inside a cell",
      csv([
        [...HEADER, "what_would_help"],
        [...ROW, "x"],
      ]).replace(",x\r\n", ',5" tall\r\n'),
    ],
    ["a bad row among good ones", csv([HEADER, ROW, [...ROW.slice(0, 2), "nope", ...ROW.slice(3)], ROW])],
    ["a quote never closed", csv([HEADER, ROW]) + '2026-03-14,"good\r\n'],
    ["an empty file", ""],
    ["a header alone", csv([HEADER])],
    ["too many rows", csv([HEADER, ROW, ROW, ROW]), { maxRows: 2 }],
    ["too many bytes", csv([HEADER, ROW, ROW, ROW]), { maxBytes: 100 }],
    ["too many rows and too many bytes", csv([HEADER, ROW, ROW, ROW]), { maxRows: 1, maxBytes: 100 }],
  ];

  it.each(files)("%s: the same result as reading it at once, whatever the size of the steps", async (_name, text, extra = {}) => {
    const options = { ...OPTIONS, ...extra };
    const atOnce = readImport(parentCarerExperience, text, options);
    for (const characters of [1, 2, 3, 7, 64, 100_000]) {
      expect(await readImportInSteps(parentCarerExperience, text, options, { ...counting(), characters })).toEqual(atOnce);
    }
  });

  it("agrees with reading at once on any text made of the characters CSV cares about", async () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "good", ",", '"', "\n", "\r", "é", "👍", "\ufeff", " "), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), async (cells, characters) => {
        const text = csv([HEADER]) + cells.join("");
        const atOnce = readImport(parentCarerExperience, text, OPTIONS);
        expect(await readImportInSteps(parentCarerExperience, text, OPTIONS, { ...counting(), characters })).toEqual(atOnce);
      }),
      { numRuns: 300 },
    );
  });

  it("pauses between steps: a large file is parsed a slice at a time and checked a few rows at a time", async () => {
    const text = csv([HEADER, ...Array.from({ length: 1000 }, () => ROW)]);
    const parsing = counting();
    await readImportInSteps(parentCarerExperience, text, OPTIONS, { ...parsing, characters: 1000 });
    // At least one pause per slice of the text, and one per hundred rows checked.
    expect(parsing.count).toBeGreaterThanOrEqual(Math.ceil(text.length / 1000) + 9);
  });
});

describe("decoding an uploaded file in steps", () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const files: [string, Uint8Array][] = [
    ["ASCII", encode("a,b\r\n1,2\r\n")],
    ["a byte order mark and characters of two, three and four bytes", encode("\ufeffé,ہ,👍🏽\r\n")],
    ["Windows-1252", Uint8Array.from([0x44, 0x6f, 0x6e, 0x92, 0x74])],
    ["a character cut off at the end", encode("ab👍").subarray(0, 4)],
    ["nothing", new Uint8Array(0)],
  ];

  it.each(files)("%s: the same as decoding at once, whatever the size of the steps", async (_name, bytes) => {
    for (const size of [1, 2, 3, 5, 1024]) {
      expect(await decodeImportFileInSteps(bytes, { ...counting(), bytes: size })).toEqual(decodeImportFile(bytes));
    }
  });

  it("refuses a file over the limit before decoding any of it", async () => {
    const steps = counting();
    expect(await decodeImportFileInSteps(new Uint8Array(11), steps, 10)).toEqual(decodeImportFile(new Uint8Array(11), 10));
    expect(steps.count).toBe(0);
  });
});

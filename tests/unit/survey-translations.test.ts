/**
 * Translations done outside the platform, the pure parts: the texts by key, the CSV a translator
 * is sent and read back, the report on a file (every kind of problem, by row and column),
 * putting translations in, taking a language out, and the request guard's room for the upload.
 */
import { describe, expect, it } from "vitest";
import type { SurveyDefinition } from "~/domain/survey";
import { languageProblems, translationCompleteness } from "~/domain/survey-diff";
import {
  describeKey,
  surveyTexts,
  TRANSLATION_COLUMNS,
  translatedTextCount,
  translationCsv,
  translationRows,
  withoutLanguage,
  withTranslations,
} from "~/domain/survey-texts";
import { readTranslationCsv, translationFileKind, zipUnpackedBytes, type SheetRow } from "~/domain/translation-file";
import { checkTranslationFile, type TranslationProblem } from "~/domain/translation-report";
import { csvRow } from "~/domain/csv";
import { refuseBeforeReading, TRANSLATIONS_FILE_LIMIT_BYTES } from "~/security/request-guard";
import { SurveyDefinitionSchema } from "~/schemas/survey-definition";
import { sencoExperience, SURVEY_TEMPLATES } from "~/templates";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The SENCO survey in English only, with text that starts like a formula and a multi-line introduction. */
function englishOnly(): SurveyDefinition {
  const definition = withoutLanguage(sencoExperience, "ur").definition;
  definition.intro.en = 'About your setting.\nAnswers are "not" linked to it, ever.';
  const choice = definition.questions.find((q) => q.type === "single_choice")!;
  choice.options![0].label.en = "=SUM(A1:A2) and - more";
  choice.options![1].label.en = "- none, or +1";
  return definition;
}

/** The file a translator returns: every row of the export, translated as `translate` says. */
function filled(definition: SurveyDefinition, language: string, translate = (english: string) => `[${language}] ${english}`): string {
  const rows = translationRows(definition, language).map((row) => ({ ...row, translation: translate(row.english) }));
  return [csvRow([...TRANSLATION_COLUMNS]), ...rows.map((r) => csvRow(TRANSLATION_COLUMNS.map((c) => r[c])))].join("\r\n") + "\r\n";
}

function sheetOf(csv: string): SheetRow[] {
  const read = readTranslationCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.message);
  return read.rows;
}

function problemsOf(definition: SurveyDefinition, language: string, rows: SheetRow[]): TranslationProblem[] {
  const report = checkTranslationFile(definition, language, rows);
  if (report.ok) throw new Error("expected problems");
  return report.problems;
}

describe("the texts of a survey by key", () => {
  it("names every text the builder counts, once, by codes", () => {
    for (const { definition } of SURVEY_TEMPLATES) {
      const texts = surveyTexts(definition);
      expect(texts.length).toBe(translationCompleteness(definition, "ur").total);
      expect(new Set(texts.map((t) => t.key)).size).toBe(texts.length);
      for (const { key } of texts) expect(key).toMatch(/^(survey\.(title|intro)|q\.[a-z0-9_]+\.(title|hint|option\.[a-z0-9_]+))$/);
    }
    const keys = surveyTexts(sencoExperience).map((t) => t.key);
    expect(keys.slice(0, 2)).toEqual(["survey.title", "survey.intro"]);
    const first = sencoExperience.questions[0];
    expect(keys).toContain(`q.${first.code}.title`);
    expect(describeKey(`q.${first.code}.option.agree`)).toBe(`question ${first.code}, option agree`);
  });

  it("exports one row per text with the translation so far, as CSV safe to open in a spreadsheet", () => {
    const definition = englishOnly();
    const csv = translationCsv(definition, "ur");
    expect(csv.startsWith("\uFEFFkey,english,language,translation\r\n")).toBe(true);
    // Formula-like text is guarded, and the guard comes off when the file is read back.
    expect(csv).toContain("'=SUM(A1:A2) and - more");
    expect(csv).toContain("'- none, or +1");
    const rows = sheetOf(csv);
    expect(rows).toHaveLength(surveyTexts(definition).length + 1);
    expect(rows[1]).toEqual({ row: 2, cells: ["survey.title", definition.title.en, "ur", ""] });
    expect(rows.some((r) => r.cells[1] === "=SUM(A1:A2) and - more")).toBe(true);
    expect(rows.some((r) => r.cells[1] === definition.intro.en)).toBe(true);
    // A survey already translated sends its translations to be checked.
    expect(translationRows(sencoExperience, "ur")[0].translation).toBe(sencoExperience.title.ur);
  });
});

describe("the report on a translator's file", () => {
  it("accepts a whole file and puts every translation in, adding the language", () => {
    const definition = englishOnly();
    const report = checkTranslationFile(definition, "pl", sheetOf(filled(definition, "pl")));
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const result = withTranslations(definition, "pl", report.translations);
    expect(result.added).toBe(true);
    expect(result.changed).toBe(surveyTexts(definition).length);
    expect(result.definition.languages).toEqual(["en", "pl"]);
    expect(result.definition.questions[0].title.pl).toBe(`[pl] ${definition.questions[0].title.en}`);
    expect(languageProblems(result.definition)).toEqual([]);
    expect(SurveyDefinitionSchema.safeParse(result.definition).success).toBe(true);
    // The original is untouched, and the same file again changes nothing.
    expect(definition.languages).toEqual(["en"]);
    expect(withTranslations(result.definition, "pl", report.translations)).toMatchObject({ changed: 0, added: false });
  });

  it("reads the English as the same whatever a spreadsheet did to its spaces and line ends", () => {
    const definition = englishOnly();
    const csv = filled(definition, "pl").replace('"About your setting.\nAnswers', '"About your setting.\r\n  Answers');
    expect(checkTranslationFile(definition, "pl", sheetOf(csv)).ok).toBe(true);
  });

  it("lists every problem by row and column: missing, extra, changed, empty, wrong language, duplicate", () => {
    const definition = englishOnly();
    const rows = sheetOf(filled(definition, "pl"));
    // rows[0] is the header (row 1); rows[i] is spreadsheet row i + 1.
    const missing = rows.splice(3, 1)[0];
    rows[1].cells[3] = "   ";
    rows[2].cells[2] = "ur";
    rows[3].cells[1] = "Words the survey never said";
    rows.push({ row: 60, cells: ["q.no_such_question.title", "Hello", "pl", "Cześć"] });
    rows.push({ row: 61, cells: [...rows[4].cells] });
    rows.push({ row: 62, cells: ["", "", "", ""] });
    rows.push({ row: 63, cells: [" ", "Some English", "pl", "Coś"] });
    const report = checkTranslationFile(definition, "pl", rows);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    const summary = report.problems.map((p) => [p.kind, p.row, p.column]);
    expect(summary).toEqual([
      ["empty", 2, "translation"],
      ["wrong_language", 3, "language"],
      ["changed", 5, "english"],
      ["extra", 60, "key"],
      ["duplicate", 61, "key"],
      ["no_key", 63, "key"],
      ["missing", null, "key"],
    ]);
    expect(report.counts).toEqual({ empty: 1, wrong_language: 1, changed: 1, extra: 1, duplicate: 1, no_key: 1, missing: 1 });
    expect(report.problems.find((p) => p.kind === "missing")!.message).toContain(missing.cells[0]);
    expect(report.problems.find((p) => p.kind === "duplicate")!.message).toContain(`also on row ${rows[4].row}`);
    const changed = report.problems.find((p) => p.kind === "changed")!;
    const english = surveyTexts(definition).find((t) => t.key === rows[3].cells[0])!.text.en;
    expect(changed.message).toContain(`It now reads “${english}”`);
    expect(report.problems.find((p) => p.kind === "wrong_language")!.message).toContain("“ur”");
  });

  it("refuses a file with headings missing or twice, formulas, over-long translations, or nothing in it", () => {
    const definition = englishOnly();
    expect(problemsOf(definition, "pl", sheetOf("key,english,lang,translation\r\nsurvey.title,x,pl,y\r\n"))).toEqual([
      expect.objectContaining({ kind: "header", row: 1, column: "language" }),
    ]);
    expect(problemsOf(definition, "pl", sheetOf("key,english,language,translation,key\r\n")).map((p) => p.kind)).toEqual(["header"]);
    expect(problemsOf(definition, "pl", [])).toEqual([expect.objectContaining({ kind: "file", row: null })]);
    expect(problemsOf(definition, "pl", sheetOf("key,english,language,translation\r\n\r\n"))[0].message).toContain("no texts under it");

    const rows = sheetOf(filled(definition, "pl"));
    rows[1] = { ...rows[1], cells: [...rows[1].cells.slice(0, 3), ""], formulas: [3] };
    rows[2].cells[3] = "x".repeat(4001);
    // A notes column of the translator's own is fine.
    rows[0].cells.push("notes");
    rows[3].cells.push("checked twice");
    expect(problemsOf(definition, "pl", rows).map((p) => [p.kind, p.row, p.column])).toEqual([
      ["formula", 2, "translation"],
      ["too_long", 3, "translation"],
    ]);
  });

  it("keeps no control character from a file", () => {
    const definition = englishOnly();
    const csv = filled(definition, "pl", (english) => `\u0007${english}\u001b`);
    const report = checkTranslationFile(definition, "pl", sheetOf(csv));
    if (!report.ok) throw new Error("expected a clean file");
    const controls = [...report.translations.values()]
      .join("")
      .split("")
      .filter((c) => (c.charCodeAt(0) < 0x20 && !"\t\r\n".includes(c)) || c.charCodeAt(0) === 0x7f);
    expect(controls).toEqual([]);
  });
});

describe("the kind of file", () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  const text = new TextEncoder().encode("key,english\r\n");
  it("reads a workbook by its bytes and a CSV by its name, and refuses anything else with what to do", () => {
    expect(translationFileKind("texts.xlsx", zip)).toEqual({ ok: true, kind: "xlsx" });
    expect(translationFileKind("texts.csv", zip)).toEqual({ ok: true, kind: "xlsx" });
    expect(translationFileKind("texts.csv", text)).toEqual({ ok: true, kind: "csv" });
    expect(translationFileKind("texts.CSV", text)).toEqual({ ok: true, kind: "csv" });
    const refused = (name: string, bytes: Uint8Array) => {
      const kind = translationFileKind(name, bytes);
      return kind.ok ? "" : kind.message;
    };
    expect(refused("texts.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toContain("older Excel file (.xls)");
    expect(refused("texts.docx", zip)).toContain("A .docx file cannot be read");
    expect(refused("texts.pdf", new TextEncoder().encode("%PDF-1.7"))).toContain("A .pdf file cannot be read");
    expect(refused("texts.xlsx", text)).toContain("not an Excel workbook");
  });

  it("refuses a CSV that is not UTF-8 text, or not CSV", () => {
    const latin1 = new Uint8Array([0x6b, 0x65, 0x79, 0x0d, 0x0a, 0xe9]);
    expect(readTranslationCsv(latin1)).toMatchObject({ ok: false, message: expect.stringContaining("UTF-8") });
    expect(readTranslationCsv(new Uint8Array([0x61, 0x00, 0x62]))).toMatchObject({
      ok: false,
      message: expect.stringContaining("not a text file"),
    });
    expect(readTranslationCsv(new TextEncoder().encode('key\r\n"never closed'))).toMatchObject({ ok: false });
  });

  it("finds no ZIP directory in bytes that are not a ZIP", () => {
    expect(zipUnpackedBytes(text)).toBeNull();
    expect(zipUnpackedBytes(zip)).toBeNull();
  });
});

describe("removing a language", () => {
  it("takes the language and every text in it out, counting what goes", () => {
    const definition = clone(sencoExperience);
    const done = translationCompleteness(definition, "ur").done;
    expect(translatedTextCount(definition, "ur")).toBe(done);
    const { definition: without, removed } = withoutLanguage(definition, "ur");
    expect(removed).toBe(done);
    expect(without.languages).toEqual(["en"]);
    expect(JSON.stringify(without)).not.toMatch(/"ur":/);
    expect(languageProblems(without)).toEqual([]);
    expect(SurveyDefinitionSchema.safeParse(without).success).toBe(true);
    expect(definition.languages).toEqual(["en", "ur"]);
  });

  it("lets an incomplete language go, so the draft publishes without it; English never goes", () => {
    const definition = clone(sencoExperience);
    delete definition.questions[0].title.ur;
    definition.languages = ["en", "ur"];
    expect(languageProblems(definition)).toEqual([expect.objectContaining({ language: "ur", kind: "incomplete" })]);
    expect(languageProblems(withoutLanguage(definition, "ur").definition)).toEqual([]);
    expect(() => withoutLanguage(definition, "en")).toThrow(/English/);
    expect(translatedTextCount(definition, "en")).toBe(0);
  });
});

describe("the request guard and the translations upload", () => {
  const SITE = "http://localhost:3000";
  const post = (path: string, headers: Record<string, string>) =>
    refuseBeforeReading({ method: "POST", path, header: (name) => headers[name.toLowerCase()], expectedOrigin: SITE });
  const multipart = (length: number) => ({
    origin: SITE,
    "content-type": "multipart/form-data; boundary=x",
    "content-length": String(length),
  });
  it("takes a file up to its limit on the translations page only", () => {
    expect(post("/admin/surveys/3/translations", multipart(TRANSLATIONS_FILE_LIMIT_BYTES))).toBeNull();
    expect(post("/admin/surveys/3/translations", multipart(TRANSLATIONS_FILE_LIMIT_BYTES * 2))?.status).toBe(413);
    expect(post("/admin/surveys/3/translations/x", multipart(100))?.status).toBe(415);
    expect(post("/admin/surveys/3/remove-language/ur", multipart(100))?.status).toBe(415);
    // The import of responses keeps its own, larger limit.
    expect(post("/admin/surveys/3/import", multipart(TRANSLATIONS_FILE_LIMIT_BYTES * 2))).toBeNull();
  });
});

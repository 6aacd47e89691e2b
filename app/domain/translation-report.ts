/**
 * The check of a translator's file against the survey as it is now, before anything is stored:
 * every problem at once, each by row and column, so a volunteer can fix them all in one go. Pure.
 *
 * All or nothing: a file with any problem stores nothing. A file is whole when it has each of
 * the survey's texts exactly once, for the language chosen, with the English the survey has now
 * (English that differs means the survey changed after the file was made: its translation would
 * be of words the survey no longer says) and a translation.
 */
import { TranslationRowSchema } from "~/schemas/translations";
import { withoutControlCharacters } from "./plain-text";
import { languageName } from "./survey-builder-form";
import { TRANSLATION_FILE_MAX_ROWS, type SheetRow } from "./translation-file";
import { describeKey, sameEnglish, surveyTexts, TRANSLATION_COLUMNS, type TranslationColumn } from "./survey-texts";
import type { SurveyDefinition } from "./survey";

export const TRANSLATION_PROBLEM_KINDS = [
  "file",
  "header",
  "missing",
  "extra",
  "changed",
  "empty",
  "wrong_language",
  "duplicate",
  "too_long",
  "formula",
  "no_key",
] as const;
export type TranslationProblemKind = (typeof TRANSLATION_PROBLEM_KINDS)[number];

export interface TranslationProblem {
  kind: TranslationProblemKind;
  /** The spreadsheet row (the header is row 1); null: the file as a whole, or a text it lacks. */
  row: number | null;
  /** The column's heading; null when the problem is not about one column. */
  column: string | null;
  message: string;
}

export interface TranslationRefusal {
  ok: false;
  problems: TranslationProblem[];
  problemCount: number;
  counts: Partial<Record<TranslationProblemKind, number>>;
}

export type TranslationReport = { ok: true; translations: Map<string, string>; rows: number } | TranslationRefusal;

/** Problems listed in full; a wrong file can have thousands, and the rest are only counted. */
export const TRANSLATION_MAX_PROBLEMS = 500;

class Problems {
  list: TranslationProblem[] = [];
  count = 0;
  counts: Partial<Record<TranslationProblemKind, number>> = {};
  add(problem: TranslationProblem) {
    this.count += 1;
    this.counts[problem.kind] = (this.counts[problem.kind] ?? 0) + 1;
    if (this.list.length < TRANSLATION_MAX_PROBLEMS) this.list.push(problem);
  }
  refusal(): TranslationRefusal {
    return { ok: false, problems: this.list, problemCount: this.count, counts: this.counts };
  }
}

/** A refusal of the whole file, before its rows are read. */
export function fileRefused(message: string, column: string | null = "file"): TranslationRefusal {
  const problems = new Problems();
  problems.add({ kind: "file", row: null, column, message });
  return problems.refusal();
}

function isBlank(row: SheetRow): boolean {
  return row.cells.every((cell) => cell.trim() === "") && (row.formulas ?? []).length === 0;
}

function quoted(text: string): string {
  return `“${text.length > 120 ? `${text.slice(0, 117)}…` : text}”`;
}

/** Where each column is, from the header row; problems for the ones missing or given twice. */
function readHeader(header: SheetRow, problems: Problems): Record<TranslationColumn, number> | null {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const at = {} as Record<TranslationColumn, number>;
  for (const column of TRANSLATION_COLUMNS) {
    const index = names.indexOf(column);
    if (index === -1) {
      problems.add({
        kind: "header",
        row: header.row,
        column,
        message: `There is no column headed ${column}. The first row must name the columns key, english, language and translation.`,
      });
      continue;
    }
    if (names.indexOf(column, index + 1) !== -1) {
      problems.add({ kind: "header", row: header.row, column, message: `Two columns are headed ${column}: keep one.` });
    }
    at[column] = index;
  }
  return problems.count > 0 ? null : at;
}

/**
 * Checks a file's rows (header first) for `language` against the survey's texts now. Columns
 * other than the four are allowed (a translator's notes) and ignored.
 */
export function checkTranslationFile(definition: SurveyDefinition, language: string, sheet: readonly SheetRow[]): TranslationReport {
  const rows = sheet.filter((row) => !isBlank(row));
  if (rows.length === 0) return fileRefused("The file is empty. Upload the file you downloaded, with the translation column filled in.");
  if (rows.length - 1 > TRANSLATION_FILE_MAX_ROWS) {
    return fileRefused(`The file has more than ${TRANSLATION_FILE_MAX_ROWS.toLocaleString("en-GB")} rows: it is not a survey's texts.`);
  }
  const problems = new Problems();
  const [header, ...body] = rows;
  const at = readHeader(header, problems);
  if (!at) return problems.refusal();
  if (body.length === 0) return fileRefused("The file has a header row but no texts under it.", null);

  const texts = new Map(surveyTexts(definition).map(({ key, text }) => [key, text]));
  const seen = new Map<string, number>();
  const translations = new Map<string, string>();
  for (const row of body) {
    const formulas = TRANSLATION_COLUMNS.filter((column) => (row.formulas ?? []).includes(at[column]));
    for (const column of formulas) {
      problems.add({
        kind: "formula",
        row: row.row,
        column,
        message: "This cell holds a formula, not text. Type the words themselves (start them with an apostrophe if they begin with =).",
      });
    }
    // Without its key the row cannot be placed; otherwise it counts as the text it names.
    if (formulas.includes("key")) continue;
    // As every form's values are: no control character can be stored.
    const cells = row.cells.map(withoutControlCharacters);
    const parsed = TranslationRowSchema.safeParse(
      Object.fromEntries(TRANSLATION_COLUMNS.map((column) => [column, cells[at[column]] ?? ""])),
    );
    const issues = parsed.success ? [] : parsed.error.issues;
    const keyIssue = issues.find((issue) => issue.path[0] === "key");
    if (keyIssue) {
      problems.add({ kind: "no_key", row: row.row, column: "key", message: keyIssue.message });
      continue;
    }
    const cell = (column: TranslationColumn) => (cells[at[column]] ?? "").trim();
    const key = cell("key");
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.add({ kind: "duplicate", row: row.row, column: "key", message: `${key} is also on row ${earlier}: give each text once.` });
      continue;
    }
    seen.set(key, row.row);
    const text = texts.get(key);
    if (!text) {
      problems.add({
        kind: "extra",
        row: row.row,
        column: "key",
        message: `This survey has no text ${key}: it may have been removed since the file was made. Delete the row.`,
      });
      continue;
    }
    if (!formulas.includes("english") && !sameEnglish(cells[at.english] ?? "", text.en)) {
      problems.add({
        kind: "changed",
        row: row.row,
        column: "english",
        message: `The English of ${describeKey(key)} has changed since the file was made. It now reads ${quoted(text.en)}: check the translation against it, then copy it into the english column, or download a new file.`,
      });
    }
    const rowLanguage = cell("language").toLowerCase();
    if (!formulas.includes("language") && rowLanguage !== language) {
      problems.add({
        kind: "wrong_language",
        row: row.row,
        column: "language",
        message: rowLanguage
          ? `This row is for ${quoted(rowLanguage)}, but the file is being imported as ${languageName(language)} (${language}).`
          : `The language column is empty: it should say ${language}, for ${languageName(language)}.`,
      });
    }
    const translationIssue = issues.find((issue) => issue.path[0] === "translation");
    if (formulas.includes("translation")) continue;
    if (translationIssue) {
      problems.add({
        kind: translationIssue.code === "too_small" ? "empty" : "too_long",
        row: row.row,
        column: "translation",
        message: translationIssue.code === "too_small" ? `The translation of ${describeKey(key)} is empty.` : translationIssue.message,
      });
    } else if (parsed.success) {
      translations.set(key, parsed.data.translation);
    }
  }
  for (const key of texts.keys()) {
    if (seen.has(key)) continue;
    problems.add({
      kind: "missing",
      row: null,
      column: "key",
      message: `${key} (${describeKey(key)}) is in the survey but not in the file. Add a row for it, or download a new file.`,
    });
  }
  if (problems.count > 0) return problems.refusal();
  return { ok: true, translations, rows: body.length };
}

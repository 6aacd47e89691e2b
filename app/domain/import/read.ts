import { parse } from "csv-parse/sync";
import { londonDate } from "../periods";
import type { SurveyDefinition } from "../survey";
import { readHeader } from "./header";
import { csvErrorMessage, fileProblem, isBlank, NOT_UTF8_MESSAGE, ProblemList, tooBigMessage, utf8Length } from "./problems";
import { readRow, rowMemo } from "./rows";
import { IMPORT_LIMITS, type ImportedResponse, type ImportOptions, type ImportParse, type ImportProblem } from "./types";

/**
 * Bytes of an uploaded file as text. Only UTF-8 is accepted: Excel's plain "CSV" is Windows-1252,
 * which would silently turn "Don’t know" into nonsense, so the volunteer is told how to re-save.
 */
export function decodeImportFile(
  bytes: Uint8Array,
  maxBytes = IMPORT_LIMITS.maxBytes,
): { ok: true; text: string } | { ok: false; problems: ImportProblem[]; problemCount: number } {
  if (bytes.byteLength > maxBytes) return fileProblem(tooBigMessage(maxBytes));
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return fileProblem(NOT_UTF8_MESSAGE);
  }
}

/** What csv-parse is asked for, whichever way the text reaches it. */
export const CSV_OPTIONS = {
  bom: true,
  relax_column_count: true,
  // A stray quote inside an unquoted cell (5" tall) is kept as text rather than refused.
  relax_quotes: true,
  // Blank lines stay as records so that row numbers match what a spreadsheet shows.
  skip_empty_lines: false,
} as const;

/** Rows checked between two pauses when reading in steps: a few milliseconds of work. */
export const ROWS_PER_STEP = 100;

export type ImportLimits = Required<Pick<ImportOptions, "maxBytes" | "maxRows" | "maxProblems">>;

export function limitsOf(options: ImportOptions): ImportLimits {
  return {
    maxBytes: options.maxBytes ?? IMPORT_LIMITS.maxBytes,
    maxRows: options.maxRows ?? IMPORT_LIMITS.maxRows,
    maxProblems: options.maxProblems ?? IMPORT_LIMITS.maxProblems,
  };
}

/**
 * Reads an import file against a survey version. All or nothing: either every non-blank row
 * becomes a response, or the problems of every row are returned and nothing should be stored.
 * In one go: see readImportInSteps for a large file read while a server goes on answering others.
 */
export function readImport(definition: SurveyDefinition, csvText: string, options: ImportOptions): ImportParse {
  const limits = limitsOf(options);
  if (utf8Length(csvText, limits.maxBytes) > limits.maxBytes) return fileProblem(tooBigMessage(limits.maxBytes));

  let records: string[][];
  try {
    // Header, the most rows allowed, and one more to tell that there are too many.
    records = parse(csvText, { ...CSV_OPTIONS, to: limits.maxRows + 2 }) as string[][];
  } catch (error) {
    return fileProblem(csvErrorMessage(error));
  }
  const steps = checkRecords(definition, records, options, limits);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The records of a parsed file held to the survey, ROWS_PER_STEP rows at a time: the caller
 * decides whether to pause between steps (the generator itself does no I/O).
 */
export function* checkRecords(
  definition: SurveyDefinition,
  records: string[][],
  options: ImportOptions,
  limits: ImportLimits,
): Generator<void, ImportParse, void> {
  const now = options.now ?? new Date();
  if (records.length === 0 || records.every(isBlank)) {
    return fileProblem("The file is empty. It needs a header row of question codes and then one row for each response.");
  }
  if (records.length - 1 > limits.maxRows) {
    return fileProblem(
      `The file has more than ${limits.maxRows.toLocaleString("en-GB")} rows of responses. Split it into smaller files and import each one.`,
    );
  }
  if (isBlank(records[0])) {
    return fileProblem(
      "Row 1 is empty. The first row must be the header: one question code (or submitted_at, language, respondent_role, mode) for each column.",
    );
  }
  if (!records.some((r, index) => index > 0 && !isBlank(r))) return fileProblem("The file has a header row but no responses under it.");

  const problems = new ProblemList(limits.maxProblems);
  const header = readHeader(definition, records, problems);
  const importTime = { submittedAt: now.toISOString(), submittedOn: londonDate(now) };
  const responses: ImportedResponse[] = [];
  const memo = rowMemo();
  for (let index = 1; index < records.length; index++) {
    if (index % ROWS_PER_STEP === 0) yield;
    const cells = records[index];
    if (isBlank(cells)) continue;
    const response = readRow(
      definition,
      header,
      cells,
      index + 1,
      options.audience,
      { now, keptFrom: options.keptFrom },
      importTime,
      problems,
      memo,
    );
    if (response) responses.push(response);
  }
  if (problems.count > 0) return { ok: false, problems: problems.list, problemCount: problems.count };
  return { ok: true, responses };
}

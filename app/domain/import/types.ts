import type { ResponseMode } from "../response-modes";
import type { Answers } from "../routing";

export const IMPORT_LIMITS = {
  /** 20 MB of CSV is several hundred thousand responses' worth of answers: far beyond any wave. */
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  /** Problems listed in full; the rest are only counted (a wrong file can have thousands). */
  maxProblems: 500,
};

/** Columns that are not questions. A survey question with the same code takes precedence. */
export const IMPORT_META_COLUMNS = ["submitted_at", "language", "respondent_role", "mode"] as const;
export type MetaColumn = (typeof IMPORT_META_COLUMNS)[number];

/** The raw export's own columns that are not answers: its row number is left aside, its reference kept. */
export const EXPORT_ROW_NUMBER_COLUMN = "row_number";
export const RESPONSE_REF_COLUMN = "response_ref";

export interface ImportProblem {
  /** The spreadsheet row (the header is row 1, the first response row 2); null: the file as a whole. */
  row: number | null;
  /** The column's heading; null when the problem is not about one column. */
  column: string | null;
  message: string;
}

export interface ImportedResponse {
  /** The spreadsheet row it came from. */
  row: number;
  answers: Answers;
  /** ISO-8601 UTC instant. */
  submittedAt: string;
  /** The Europe/London date of submittedAt, "YYYY-MM-DD": the period the response counts in. */
  submittedOn: string;
  language: string;
  respondentRole: string;
  /** How it was given: the file's `mode` column, or paper. */
  mode: ResponseMode;
  /** The file's response_ref cell (a raw export's reference), when it has one. */
  givenRef: string | null;
  /** Whether the file dated the row (submitted_at), rather than the import time. */
  datedInFile: boolean;
}

export type ImportParse = { ok: true; responses: ImportedResponse[] } | { ok: false; problems: ImportProblem[]; problemCount: number };

export interface ImportOptions {
  /** The respondent_role of a row that does not give one: the survey's audience. */
  audience: string;
  /** The import time: a row with no submitted_at gets it, and nothing may be dated after it. */
  now?: Date;
  /**
   * The forum's retention: a row sent before `month` ("YYYY-MM") is refused, as retention would
   * delete it straight away, and its month's KPI counts are already final.
   */
  keptFrom?: { month: string; months: number };
  maxBytes?: number;
  maxRows?: number;
  maxProblems?: number;
}

import { IMPORT_LIMITS, type ImportProblem } from "./types";

// --- helpers ----------------------------------------------------------------------------------

export class ProblemList {
  list: ImportProblem[] = [];
  count = 0;
  constructor(private readonly cap: number) {}
  add(problem: ImportProblem) {
    this.count += 1;
    if (this.list.length < this.cap) this.list.push(problem);
  }
}

export function fileProblem(message: string): { ok: false; problems: ImportProblem[]; problemCount: number } {
  return { ok: false, problems: [{ row: null, column: null, message }], problemCount: 1 };
}

/** The problem for a file over the size limit, for callers that check the size before reading it. */
export function fileTooBig(maxBytes = IMPORT_LIMITS.maxBytes): { ok: false; problems: ImportProblem[]; problemCount: number } {
  return fileProblem(tooBigMessage(maxBytes));
}

export function tooBigMessage(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${maxBytes.toLocaleString("en-GB")} bytes`;
  return `The file is larger than ${size}. Split it into smaller files and import each one.`;
}

export const NOT_UTF8_MESSAGE =
  'The file is not saved as UTF-8 text. In Excel choose "Save as" and the type "CSV UTF-8 (Comma delimited)", then import that file.';

/** Bytes the text takes as UTF-8, computed only when the character count leaves it in doubt. */
export function utf8Length(text: string, limit: number): number {
  // A UTF-16 unit is at least one byte and at most three in UTF-8.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

export function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

/** A, B, …, Z, AA, AB…: the column letters a spreadsheet shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function csvErrorMessage(error: unknown): string {
  const e = error as { code?: string; lines?: number };
  const where = e.lines ? ` (near line ${e.lines} of the file)` : "";
  switch (e.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `The file could not be read: a cell starts with a double quote that is never closed${where}. Check that every quoted answer ends with a double quote.`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `The file could not be read: a quoted cell has something after its closing quote${where}. Inside a quoted answer, write a double quote as two double quotes ("").`;
    default:
      return `The file could not be read as CSV${where}. Save it again from the spreadsheet as "CSV UTF-8" and import that file.`;
  }
}

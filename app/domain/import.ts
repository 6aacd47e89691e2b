/**
 * Importing responses collected elsewhere (the KPI contract, "Import format"): earlier waves held in other
 * tools, and paper forms from coffee mornings typed up by a volunteer.
 *
 * Pure: CSV text in, answer sets or a list of problems out. Every row is held to the rules the
 * survey pages use (parseAnswer for each answer, checkSubmission for routing and required
 * questions), so an imported response counts in every figure exactly as a web response would.
 * Messages are written for the volunteer who made the spreadsheet: they name the row as the
 * spreadsheet shows it (the header is row 1), the column by its heading, and the value at fault.
 */
import { parse } from "csv-parse/sync";
import { SEGMENT_OPTIONS } from "../templates/options";
import { checkSubmission, parseAnswer, type AnswerProblem } from "./answers";
import { londonDate, monthName } from "./periods";
import type { Answers, AnswerValue } from "./routing";
import { AUDIENCES, optionsOf, type SurveyDefinition, type SurveyQuestion } from "./survey";

export const IMPORT_LIMITS = {
  /** 20 MB of CSV is several hundred thousand responses' worth of answers: far beyond any wave. */
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  /** Problems listed in full; the rest are only counted (a wrong file can have thousands). */
  maxProblems: 500,
};

/** Columns that are not questions. A survey question with the same code takes precedence. */
export const IMPORT_META_COLUMNS = ["submitted_at", "language", "respondent_role"] as const;
type MetaColumn = (typeof IMPORT_META_COLUMNS)[number];

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
    return fileProblem(
      'The file is not saved as UTF-8 text. In Excel choose "Save as" and the type "CSV UTF-8 (Comma delimited)", then import that file.',
    );
  }
}

/**
 * Reads an import file against a survey version. All or nothing: either every non-blank row
 * becomes a response, or the problems of every row are returned and nothing should be stored.
 */
export function readImport(definition: SurveyDefinition, csvText: string, options: ImportOptions): ImportParse {
  const limits = {
    maxBytes: options.maxBytes ?? IMPORT_LIMITS.maxBytes,
    maxRows: options.maxRows ?? IMPORT_LIMITS.maxRows,
    maxProblems: options.maxProblems ?? IMPORT_LIMITS.maxProblems,
  };
  const now = options.now ?? new Date();
  if (utf8Length(csvText, limits.maxBytes) > limits.maxBytes) return fileProblem(tooBigMessage(limits.maxBytes));

  let records: string[][];
  try {
    records = parse(csvText, {
      bom: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (5" tall) is kept as text rather than refused.
      relax_quotes: true,
      // Blank lines stay as records so that row numbers match what a spreadsheet shows.
      skip_empty_lines: false,
      // Header, the most rows allowed, and one more to tell that there are too many.
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (error) {
    return fileProblem(csvErrorMessage(error));
  }

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
      "Row 1 is empty. The first row must be the header: one question code (or submitted_at, language, respondent_role) for each column.",
    );
  }
  const dataRows = records.slice(1).filter((r) => !isBlank(r)).length;
  if (dataRows === 0) return fileProblem("The file has a header row but no responses under it.");

  const problems = new ProblemList(limits.maxProblems);
  const header = readHeader(definition, records, problems);
  const importTime = { submittedAt: now.toISOString(), submittedOn: londonDate(now) };
  const responses: ImportedResponse[] = [];
  for (let index = 1; index < records.length; index++) {
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
    );
    if (response) responses.push(response);
  }
  if (problems.count > 0) return { ok: false, problems: problems.list, problemCount: problems.count };
  return { ok: true, responses };
}

// --- header -----------------------------------------------------------------------------------

type Column =
  | { index: number; name: string; kind: "question"; question: SurveyQuestion }
  | { index: number; name: string; kind: "meta"; meta: MetaColumn }
  | { index: number; name: string; kind: "ignored" };

interface Header {
  width: number;
  columns: Column[];
  /** Question code → column, for the questions the file has a column for. */
  questionColumns: Map<string, Column & { kind: "question" }>;
  /** Required questions asked of everyone with no column: reported once, not on every row. */
  missingRequired: Set<string>;
}

function readHeader(definition: SurveyDefinition, records: string[][], problems: ProblemList): Header {
  const cells = records[0];
  const questions = new Map(definition.questions.map((q) => [q.code, q]));
  const seen = new Map<string, number>();
  const columns: Column[] = [];
  const questionColumns = new Map<string, Column & { kind: "question" }>();

  cells.forEach((raw, index) => {
    const name = raw.trim();
    const letter = columnLetter(index);
    if (name === "") {
      // A stray empty column at the edge of a spreadsheet is harmless; answers without a heading are not.
      if (records.slice(1).some((row) => (row[index] ?? "").trim() !== "")) {
        problems.add({
          row: 1,
          column: null,
          message: `Column ${letter} has answers but no heading. Give it a question code, or delete the column.`,
        });
      }
      columns.push({ index, name, kind: "ignored" });
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.add({
        row: 1,
        column: name,
        message: `The heading ${name} appears twice, in columns ${columnLetter(earlier)} and ${letter}. Keep only one of them.`,
      });
      columns.push({ index, name, kind: "ignored" });
      return;
    }
    seen.set(name, index);
    const question = questions.get(name);
    if (question) {
      const column = { index, name, kind: "question" as const, question };
      columns.push(column);
      questionColumns.set(name, column);
    } else if ((IMPORT_META_COLUMNS as readonly string[]).includes(name)) {
      columns.push({ index, name, kind: "meta", meta: name as MetaColumn });
    } else {
      problems.add({ row: 1, column: name, message: unknownColumnMessage(definition, name, letter) });
      columns.push({ index, name, kind: "ignored" });
    }
  });

  const missingRequired = new Set<string>();
  for (const question of definition.questions) {
    if (question.required && !question.showWhen && !questionColumns.has(question.code)) {
      missingRequired.add(question.code);
      problems.add({
        row: 1,
        column: question.code,
        message: `The file has no ${question.code} column, but every response must answer it (it is a required question). Add a ${question.code} column.`,
      });
    }
  }
  return { width: cells.length, columns, questionColumns, missingRequired };
}

function unknownColumnMessage(definition: SurveyDefinition, name: string, letter: string): string {
  const codes = definition.questions.map((q) => q.code);
  const byTitle = definition.questions.find((q) => q.title.en.trim() === name);
  const normalised = name.toLowerCase().replace(/[\s-]+/g, "_");
  const close = byTitle?.code ?? codes.find((c) => c === normalised) ?? IMPORT_META_COLUMNS.find((c) => c === normalised);
  const hint = close ? ` Did you mean ${close}?` : "";
  return (
    `The heading "${name}" (column ${letter}) is not a question in this survey.${hint} ` +
    `Headings must be question codes (${codes.join(", ")}) or ${IMPORT_META_COLUMNS.join(", ")}.`
  );
}

// --- rows -------------------------------------------------------------------------------------

function readRow(
  definition: SurveyDefinition,
  header: Header,
  cells: string[],
  row: number,
  audience: string,
  { now, keptFrom }: Pick<ImportOptions, "keptFrom"> & { now: Date },
  importTime: { submittedAt: string; submittedOn: string },
  problems: ProblemList,
): ImportedResponse | null {
  const extra = cells.slice(header.width).filter((c) => c.trim() !== "").length;
  if (cells.length < header.width || extra > 0) {
    const count = extra > 0 ? header.width + extra : cells.length;
    problems.add({
      row,
      column: null,
      message:
        `Row ${row} has ${count} cells but the header has ${header.width} columns. ` +
        "Check for a comma or a line break in an answer that is not inside double quotes.",
    });
    return null;
  }

  // Problems are listed in column order, whichever check found them.
  const found: { order: number; problem: ImportProblem }[] = [];
  const report = (order: number, column: string | null, message: string) => found.push({ order, problem: { row, column, message } });
  const failed = new Set<string>();
  const answers: Answers = {};
  let when: { submittedAt: string; submittedOn: string } | null = null;
  let language = "en";
  let respondentRole = audience;

  for (const column of header.columns) {
    const cell = cells[column.index] ?? "";
    if (column.kind === "ignored") continue;
    if (column.kind === "meta") {
      const value = cell.trim();
      if (value === "") continue;
      if (column.meta === "submitted_at") {
        const read = readSubmittedAt(value, now);
        if (!read.ok) report(column.index, column.name, read.message);
        else if (keptFrom && read.submittedOn < `${keptFrom.month}-01`) {
          report(
            column.index,
            column.name,
            `"${value}" is before ${monthName(keptFrom.month)}. The forum keeps responses for ${keptFrom.months} months and deletes older ones, so this row cannot be imported.`,
          );
        } else when = read;
      } else if (column.meta === "language") {
        if (/^[a-z]{2,3}$/i.test(value)) language = value.toLowerCase();
        else
          report(
            column.index,
            column.name,
            `"${value}" is not a language code. Use a 2 or 3 letter code such as en, ur, pa or pl, or leave the cell empty for English.`,
          );
      } else {
        const role = readRespondentRole(value);
        if (role) respondentRole = role;
        else
          report(
            column.index,
            column.name,
            `"${value}" is not a respondent role. Use one of: ${describeOptions(SEGMENT_OPTIONS.respondent_role)}, or leave the cell empty for ${audience}.`,
          );
      }
      continue;
    }
    const read = readCell(column.question, cell);
    if (!read.ok) {
      failed.add(column.name);
      report(column.index, column.name, read.message);
    } else if (read.value) {
      answers[column.name] = read.value;
    }
  }

  // Routing and required questions: the same check the check-answers page makes.
  const lastOrder = header.width;
  for (const { question: code, problem } of checkSubmission(definition, answers)) {
    if (failed.has(code) || header.missingRequired.has(code)) continue;
    const question = definition.questions.find((q) => q.code === code);
    // Whether a question is asked depends on an answer already reported as wrong: say that once.
    if (question?.showWhen && failed.has(question.showWhen.question)) continue;
    const column = header.questionColumns.get(code);
    const message = question ? submissionMessage(question, problem, answers, Boolean(column)) : `${code} is not a question in this survey.`;
    report(column?.index ?? lastOrder, code, message);
  }

  if (found.length > 0) {
    found.sort((a, b) => a.order - b.order);
    for (const { problem } of found) problems.add(problem);
    return null;
  }
  const at = when ?? importTime;
  return { row, answers, submittedAt: at.submittedAt, submittedOn: at.submittedOn, language, respondentRole };
}

type CellRead = { ok: true; value: AnswerValue | null } | { ok: false; message: string };

/** One cell as an answer, by the question's own rules (parseAnswer), with a message the volunteer can act on. */
export function readCell(question: SurveyQuestion, cell: string): CellRead {
  const value = cell.trim();
  if (value === "") return { ok: true, value: null };
  const options = optionsOf(question);
  let raw: string[];
  switch (question.type) {
    case "single_choice":
    case "yes_no": {
      const code = optionCode(question, value);
      if (code) {
        raw = [code];
        break;
      }
      const parts = splitChoices(value);
      if (parts.length > 1 && parts.every((p) => optionCode(question, p))) {
        return { ok: false, message: `${question.code} takes one answer, but this cell has ${parts.length}: "${value}". Keep one.` };
      }
      return { ok: false, message: notAnOptionMessage(question, value) };
    }
    case "multiple_choice": {
      // A label that itself contains ";" still counts as one answer.
      const whole = optionCode(question, value);
      const parts = whole ? [whole] : splitChoices(value);
      const unknown = parts.filter((p) => !optionCode(question, p));
      if (unknown.length > 0) {
        const listed = unknown.map((u) => `"${u}"`).join(", ");
        return {
          ok: false,
          message: `${listed} ${unknown.length === 1 ? "is not an answer" : "are not answers"} to ${question.code}. Use any of: ${describeOptions(options)}, separated by ";".`,
        };
      }
      raw = parts.flatMap((p) => optionCode(question, p) ?? []);
      break;
    }
    case "text_short":
    case "text_long":
      raw = [cell];
      break;
    case "number":
      raw = [value];
      break;
  }
  const parsed = parseAnswer({ ...question, required: false }, raw);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, message: answerProblemMessage(question, parsed.problem, value) };
}

/** An option code given as its code or its exact English label (spaces around it forgiven). */
function optionCode(question: SurveyQuestion, value: string): string | undefined {
  const options = optionsOf(question);
  return (options.find((o) => o.code === value) ?? options.find((o) => o.label.en.trim() === value))?.code;
}

function splitChoices(value: string): string[] {
  return value
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

function describeOptions(options: readonly { code: string; label: { en: string } }[]): string {
  return options.map((o) => `${o.code} (${o.label.en})`).join(", ");
}

function notAnOptionMessage(question: SurveyQuestion, value: string): string {
  return `"${value}" is not an answer to ${question.code}. Use one of: ${describeOptions(optionsOf(question))}.`;
}

function answerProblemMessage(question: SurveyQuestion, problem: AnswerProblem, value: string): string {
  switch (problem.code) {
    case "too_long": {
      const length = [...value.replace(/\r\n?/g, "\n")].length;
      return `The answer to ${question.code} is ${length.toLocaleString("en-GB")} characters long; the most it takes is ${problem.max.toLocaleString("en-GB")}. Shorten it.`;
    }
    case "enter_number":
      return `"${value}" is not a number. ${question.code} takes a whole number.`;
    case "whole_number":
      return `"${value}" is not a whole number. ${question.code} takes a whole number.`;
    case "number_range": {
      const range =
        problem.min !== undefined && problem.max !== undefined
          ? `from ${problem.min} to ${problem.max}`
          : problem.min !== undefined
            ? `of at least ${problem.min}`
            : `of at most ${problem.max}`;
      return `${value} is outside what ${question.code} accepts: a whole number ${range}.`;
    }
    case "not_an_option":
    case "choose_one":
    case "choose_any":
      return notAnOptionMessage(question, value);
    case "enter_text":
      return `${question.code} needs some text.`;
  }
}

function submissionMessage(
  question: SurveyQuestion,
  problem: AnswerProblem | { code: "not_routed" } | { code: "unknown_question" },
  answers: Answers,
  hasColumn: boolean,
): string {
  const rule = question.showWhen;
  const ruleValue = rule ? describeAnswer(answers[rule.question]) : "";
  const askedWhen = rule ? `it is asked only when ${rule.question} is ${orList(rule.anyOf)}` : "";
  switch (problem.code) {
    case "not_routed":
      return rule
        ? `${question.code} is answered but routing skips it because ${rule.question} is ${ruleValue} (${askedWhen}). Leave the cell empty, or correct ${rule.question}.`
        : `${question.code} is answered but routing skips it for this response. Leave the cell empty.`;
    case "choose_one":
    case "choose_any":
    case "enter_text":
    case "enter_number": {
      const because = rule ? ` for this response because ${rule.question} is ${ruleValue}` : "";
      return hasColumn
        ? `${question.code} is required${because}, but the cell is empty.`
        : `${question.code} is required${because}, but the file has no ${question.code} column.`;
    }
    case "unknown_question":
      return `${question.code} is not a question in this survey.`;
    default:
      return answerProblemMessage(question, problem, "");
  }
}

function describeAnswer(answer: AnswerValue | undefined): string {
  if (!answer) return "empty";
  switch (answer.kind) {
    case "options":
      return answer.codes.join(" and ");
    case "text":
      return `"${answer.text}"`;
    case "number":
      return String(answer.value);
  }
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function readRespondentRole(value: string): string | undefined {
  if ((AUDIENCES as readonly string[]).includes(value)) return value;
  return SEGMENT_OPTIONS.respondent_role.find((o) => o.label.en === value)?.code;
}

// --- submitted_at -----------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/;

/** Anything earlier is taken for a typing slip in the year (the SEND reforms date from 2014). */
const EARLIEST_YEAR = 2000;

/**
 * submitted_at as an instant and its London date. A date alone is that London date (stored at
 * noon London time, or at the import time if noon today has not come yet); a date-time without
 * an offset is London wall-clock time, as on a paper form; with "Z" or an offset it is exact.
 */
export function readSubmittedAt(
  value: string,
  now: Date,
): { ok: true; submittedAt: string; submittedOn: string } | { ok: false; message: string } {
  const bad = (why: string) => ({ ok: false as const, message: `"${value}" ${why}` });
  const format = "is not a date. Use YYYY-MM-DD (for example 2026-03-14), or a date and time such as 2026-03-14T10:30.";

  const date = DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isCalendarDate(y, m, d)) return bad("is not a real calendar date.");
    if (y < EARLIEST_YEAR) return bad(`is before ${EARLIEST_YEAR}. Check the year.`);
    if (value > londonDate(now)) return bad("is in the future.");
    const noon = londonWallClock(y, m, d, 12, 0, 0, 0);
    const at = noon.getTime() > now.getTime() ? now : noon;
    return { ok: true, submittedAt: at.toISOString(), submittedOn: value };
  }

  const dt = DATE_TIME.exec(value);
  if (dt) {
    const [y, m, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(dt[i]));
    const s = Number(dt[6] ?? 0);
    const ms = Number(((dt[7] ?? "") + "000").slice(0, 3));
    if (!isCalendarDate(y, m, d) || h > 23 || mi > 59 || s > 59) return bad("is not a real date and time.");
    if (y < EARLIEST_YEAR) return bad(`is before ${EARLIEST_YEAR}. Check the year.`);
    let instant: Date;
    const offset = dt[8];
    if (!offset) instant = londonWallClock(y, m, d, h, mi, s, ms);
    else {
      const minutes = offset.toUpperCase() === "Z" ? 0 : offsetMinutes(offset);
      if (minutes === null) return bad("has an offset that is not a real time zone offset.");
      instant = new Date(Date.UTC(y, m - 1, d, h, mi, s, ms) - minutes * 60_000);
    }
    if (instant.getTime() > now.getTime()) return bad("is in the future.");
    return { ok: true, submittedAt: instant.toISOString(), submittedOn: londonDateOf(instant) };
  }

  const uk = UK_DATE.exec(value);
  if (uk) {
    const suggestion = `${uk[3]}-${uk[2].padStart(2, "0")}-${uk[1].padStart(2, "0")}`;
    return bad(`is not in the form YYYY-MM-DD. If it means day/month/year, write ${suggestion}.`);
  }
  return bad(format);
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetMinutes(offset: string): number | null {
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(offset);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The wall-clock time an instant shows in London, as if it were UTC (milliseconds). */
function londonWallTime(instant: number): number {
  const parts = Object.fromEntries(londonClock.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/**
 * The instant at which London clocks show this time. London is UTC+1 (BST) or UTC+0 (GMT): the
 * offset whose wall clock matches wins; in the autumn hour that happens twice, the first (BST);
 * in the spring hour that never happens, the clocks had just gone forward, so GMT is used.
 */
function londonWallClock(y: number, m: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi, s);
  return new Date(wall - londonOffsetAt(wall) + ms);
}

// London's offset is a whole number of hours and changes only on the hour, so one look-up per
// hour serves every row in it: a large file of paper forms shares a few dates. Bounded, and
// safe to share because past offsets never change.
const HOUR = 3_600_000;
const offsetByWallHour = new Map<number, number>();
const dateByUtcHour = new Map<number, string>();

function londonOffsetAt(wall: number): number {
  const hour = Math.floor(wall / HOUR);
  let offset = offsetByWallHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR;
    offset = [HOUR, 0].find((o) => londonWallTime(start - o) === start) ?? 0;
    if (offsetByWallHour.size > 10_000) offsetByWallHour.clear();
    offsetByWallHour.set(hour, offset);
  }
  return offset;
}

function londonDateOf(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR);
  let date = dateByUtcHour.get(hour);
  if (date === undefined) {
    date = londonDate(instant);
    if (dateByUtcHour.size > 10_000) dateByUtcHour.clear();
    dateByUtcHour.set(hour, date);
  }
  return date;
}

// --- helpers ----------------------------------------------------------------------------------

class ProblemList {
  list: ImportProblem[] = [];
  count = 0;
  constructor(private readonly cap: number) {}
  add(problem: ImportProblem) {
    this.count += 1;
    if (this.list.length < this.cap) this.list.push(problem);
  }
}

function fileProblem(message: string): { ok: false; problems: ImportProblem[]; problemCount: number } {
  return { ok: false, problems: [{ row: null, column: null, message }], problemCount: 1 };
}

/** The problem for a file over the size limit, for callers that check the size before reading it. */
export function fileTooBig(maxBytes = IMPORT_LIMITS.maxBytes): { ok: false; problems: ImportProblem[]; problemCount: number } {
  return fileProblem(tooBigMessage(maxBytes));
}

function tooBigMessage(maxBytes: number): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${maxBytes.toLocaleString("en-GB")} bytes`;
  return `The file is larger than ${size}. Split it into smaller files and import each one.`;
}

/** Bytes the text takes as UTF-8, computed only when the character count leaves it in doubt. */
function utf8Length(text: string, limit: number): number {
  // A UTF-16 unit is at least one byte and at most three in UTF-8.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

function isBlank(record: string[]): boolean {
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

function csvErrorMessage(error: unknown): string {
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

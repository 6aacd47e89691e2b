import { SEGMENT_OPTIONS } from "../../templates/options";
import { checkSubmission } from "../answers";
import { monthName } from "../periods";
import { IMPORT_DEFAULT_MODE, ImportModeSchema, RESPONSE_MODES, type ResponseMode } from "../response-modes";
import type { Answers } from "../routing";
import { AUDIENCES, type SurveyDefinition, type SurveyQuestion } from "../survey";
import { describeOptions, readCell, submissionMessage } from "./cells";
import type { Header } from "./header";
import type { ProblemList } from "./problems";
import { readSubmittedAt } from "./submitted-at";
import type { ImportedResponse, ImportOptions, ImportProblem } from "./types";

// --- rows -------------------------------------------------------------------------------------

/**
 * What one file's rows have already read: a file repeats the same few option codes and dates on
 * every row, and reading each afresh (the survey's own answer rules, a London date) is most of
 * the time a large file takes to check. Free text is read every time.
 */
export interface RowMemo {
  cells: Map<string, Map<string, ReturnType<typeof readCell>>>;
  dates: Map<string, ReturnType<typeof readSubmittedAt>>;
}

export function rowMemo(): RowMemo {
  return { cells: new Map(), dates: new Map() };
}

function readCellOnce(memo: RowMemo, question: SurveyQuestion, cell: string): ReturnType<typeof readCell> {
  if (question.type === "text_short" || question.type === "text_long") return readCell(question, cell);
  let byCell = memo.cells.get(question.code);
  if (!byCell) memo.cells.set(question.code, (byCell = new Map()));
  let read = byCell.get(cell);
  if (!read) byCell.set(cell, (read = readCell(question, cell)));
  return read;
}

function readSubmittedAtOnce(memo: RowMemo, value: string, now: Date): ReturnType<typeof readSubmittedAt> {
  let read = memo.dates.get(value);
  if (!read) memo.dates.set(value, (read = readSubmittedAt(value, now)));
  return read;
}

export function readRow(
  definition: SurveyDefinition,
  header: Header,
  cells: string[],
  row: number,
  audience: string,
  { now, keptFrom }: Pick<ImportOptions, "keptFrom"> & { now: Date },
  importTime: { submittedAt: string; submittedOn: string },
  problems: ProblemList,
  memo: RowMemo = rowMemo(),
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
  let mode: ResponseMode = IMPORT_DEFAULT_MODE;
  let givenRef: string | null = null;

  for (const column of header.columns) {
    const cell = cells[column.index] ?? "";
    if (column.kind === "ignored") continue;
    if (column.kind === "ref") {
      givenRef = cell.trim() || null;
      continue;
    }
    if (column.kind === "meta") {
      const value = cell.trim();
      if (value === "") continue;
      if (column.meta === "submitted_at") {
        const read = readSubmittedAtOnce(memo, value, now);
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
      } else if (column.meta === "mode") {
        const read = ImportModeSchema.safeParse(value);
        if (read.success) mode = read.data;
        else
          report(
            column.index,
            column.name,
            `"${value}" is not a way of answering. Use one of: ${RESPONSE_MODES.join(", ")}, or leave the cell empty for ${IMPORT_DEFAULT_MODE}.`,
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
    const read = readCellOnce(memo, column.question, cell);
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
  return {
    row,
    answers,
    submittedAt: at.submittedAt,
    submittedOn: at.submittedOn,
    language,
    respondentRole,
    mode,
    givenRef,
    datedInFile: when !== null,
  };
}

function readRespondentRole(value: string): string | undefined {
  if ((AUDIENCES as readonly string[]).includes(value)) return value;
  return SEGMENT_OPTIONS.respondent_role.find((o) => o.label.en === value)?.code;
}

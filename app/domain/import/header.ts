import type { SurveyDefinition, SurveyQuestion } from "../survey";
import { columnLetter, type ProblemList } from "./problems";
import { EXPORT_ROW_NUMBER_COLUMN, IMPORT_META_COLUMNS, RESPONSE_REF_COLUMN, type MetaColumn } from "./types";

// --- header -----------------------------------------------------------------------------------

type Column =
  | { index: number; name: string; kind: "question"; question: SurveyQuestion }
  | { index: number; name: string; kind: "meta"; meta: MetaColumn }
  | { index: number; name: string; kind: "ref" }
  | { index: number; name: string; kind: "ignored" };

export interface Header {
  width: number;
  columns: Column[];
  /** Question code → column, for the questions the file has a column for. */
  questionColumns: Map<string, Column & { kind: "question" }>;
  /** Required questions asked of everyone with no column: reported once, not on every row. */
  missingRequired: Set<string>;
}

export function readHeader(definition: SurveyDefinition, records: string[][], problems: ProblemList): Header {
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
    } else if (name === RESPONSE_REF_COLUMN) {
      columns.push({ index, name, kind: "ref" });
    } else if (name === EXPORT_ROW_NUMBER_COLUMN) {
      // The raw export numbers its rows: harmless when the export is imported again.
      columns.push({ index, name, kind: "ignored" });
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

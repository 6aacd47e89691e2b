/**
 * Reading a counts file (NB-1): all or nothing, every problem named by row and column, in the
 * import's own words and shapes (ImportProblem), so a volunteer fixes both kinds of file alike.
 * Pure: no I/O.
 */
import { parse } from "csv-parse/sync";
import * as z from "zod";
import { IMPORT_LIMITS, type ImportProblem } from "./import";
import { csvErrorMessage, fileProblem, isBlank, ProblemList, tooBigMessage, utf8Length } from "./import/problems";
import { CSV_OPTIONS } from "./import/read";
import { COUNTS_FILE_COLUMNS, FORUM_CODE, hasNoNegative, NETWORK_TEMPLATES, networkKpis, type ForumMonthCount } from "./network-counts";
import { londonDate } from "./periods";

export const COUNTS_FILE_LIMITS = {
  maxBytes: IMPORT_LIMITS.maxBytes,
  /** 150 forums × 3 templates × 17 KPIs × 24 months is about 184,000 rows. */
  maxRows: 250_000,
  maxProblems: IMPORT_LIMITS.maxProblems,
};

export type CountsFileParse =
  | {
      ok: true;
      rows: ForumMonthCount[];
      /** The spreadsheet row each of `rows` came from (the header is row 1). */
      rowNumbers: number[];
    }
  | { ok: false; problems: ImportProblem[]; problemCount: number };

export interface CountsFileOptions {
  /** The reading time: a month after its London month is refused. */
  now?: Date;
  maxRows?: number;
  maxProblems?: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WHOLE_NUMBER = /^\d{1,9}$/;
// Control characters would reach a terminal or a spreadsheet from a name nobody here typed.
const PRINTABLE = /^[^\p{Cc}]+$/u;

// Each check stops at the first failure (abort), so a cell gets one message, the one to fix first.
const count = z
  .string()
  .regex(WHOLE_NUMBER, { message: "must be a whole number of 0 or more, written with digits only", abort: true })
  .transform((text) => Number(text));

/** One row's cells (trimmed text), column by column; every issue carries its column's name. */
function cellsSchema(latestMonth: string) {
  return z.object({
    forum: z.string().regex(FORUM_CODE, "must be the forum's code: lower-case letters, digits and hyphens, such as birmingham-pcf"),
    forum_name: z
      .string()
      .min(1, { message: "must be the forum's name", abort: true })
      .max(200, { message: "must be at most 200 characters", abort: true })
      .regex(PRINTABLE, "must not hold control characters"),
    survey_template: z.string().refine((slug) => NETWORK_TEMPLATES.includes(slug), {
      message: `must be one of the network's survey templates: ${NETWORK_TEMPLATES.join(", ")}`,
    }),
    month: z
      .string()
      .regex(MONTH, { message: "must be a calendar month written YYYY-MM, such as 2026-03", abort: true })
      .refine((month) => month <= latestMonth, { message: `must not be after this month (${latestMonth})` }),
    kpi_id: z.string().min(1, "must be a KPI id such as K1"),
    n: count.refine((n) => n > 0, { message: "must be more than 0: the file has rows only for counts with n > 0" }),
    numerator: count,
    negative: z
      .string()
      .regex(/^(\d{1,9})?$/, "must be empty or a whole number of 0 or more, written with digits only")
      .transform((text) => (text === "" ? null : Number(text))),
  });
}

/** The checks of a row's cells against each other, once every cell is good on its own. */
const consistentRow = z.custom<ForumMonthCount>().superRefine((row, ctx) => {
  const kpis = networkKpis(row.survey_template);
  const kpi = kpis.find((k) => k.id === row.kpi_id);
  if (!kpi) {
    const ids = kpis.map((k) => k.id).join(", ");
    ctx.addIssue({ code: "custom", path: ["kpi_id"], message: `must be a KPI of ${row.survey_template}: one of ${ids}` });
    return;
  }
  if (row.numerator > row.n) {
    ctx.addIssue({ code: "custom", path: ["numerator"], message: `must not be more than n (${row.n})` });
  } else if (hasNoNegative(kpi)) {
    if (row.negative !== null)
      ctx.addIssue({ code: "custom", path: ["negative"], message: `must be empty: ${kpi.id} has no negative share` });
  } else if (row.negative === null) {
    ctx.addIssue({ code: "custom", path: ["negative"], message: `is needed for ${kpi.id}` });
  } else if (row.numerator + row.negative > row.n) {
    ctx.addIssue({ code: "custom", path: ["negative"], message: `must not be more than n (${row.n}) minus numerator (${row.numerator})` });
  }
});

function rowSchema(latestMonth: string) {
  return cellsSchema(latestMonth).pipe(consistentRow);
}

/**
 * Reads a counts file. All or nothing: either every row is good, or every problem comes back by
 * row (the header is row 1) and column, and nothing should be stored. Checks the header, each
 * cell, the counts against each other, that no forum × template × month × KPI comes twice, and
 * that a forum's name is the same on every row.
 */
export function readCountsFile(text: string, options: CountsFileOptions = {}): CountsFileParse {
  const maxRows = options.maxRows ?? COUNTS_FILE_LIMITS.maxRows;
  const maxBytes = COUNTS_FILE_LIMITS.maxBytes;
  if (utf8Length(text, maxBytes) > maxBytes) return fileProblem(tooBigMessage(maxBytes));
  let records: string[][];
  try {
    records = parse(text, { ...CSV_OPTIONS, to: maxRows + 2 }) as string[][];
  } catch (error) {
    return fileProblem(csvErrorMessage(error));
  }
  if (records.length === 0 || records.every(isBlank)) {
    return fileProblem(`The file is empty. It needs the header ${COUNTS_FILE_COLUMNS.join(",")} and then one row of counts a line.`);
  }
  const header = records[0].map((cell) => cell.trim());
  if (header.length !== COUNTS_FILE_COLUMNS.length || header.some((cell, i) => cell !== COUNTS_FILE_COLUMNS[i])) {
    return {
      ok: false,
      problems: [
        {
          row: 1,
          column: null,
          message: `The header must be ${COUNTS_FILE_COLUMNS.join(",")}, in that order; this file's is ${header.join(",")}.`,
        },
      ],
      problemCount: 1,
    };
  }
  if (records.length - 1 > maxRows) {
    return fileProblem(`The file has more than ${maxRows.toLocaleString("en-GB")} rows of counts. Split it by month and import each part.`);
  }
  if (!records.some((r, i) => i > 0 && !isBlank(r))) return fileProblem("The file has a header row but no counts under it.");

  const problems = new ProblemList(options.maxProblems ?? COUNTS_FILE_LIMITS.maxProblems);
  const schema = rowSchema(londonDate(options.now ?? new Date()).slice(0, 7));
  const rows: ForumMonthCount[] = [];
  const rowNumbers: number[] = [];
  const firstRowOf = new Map<string, number>();
  const nameOf = new Map<string, { name: string; row: number }>();
  for (let index = 1; index < records.length; index++) {
    const cells = records[index];
    const row = index + 1;
    if (isBlank(cells)) continue;
    if (cells.length !== COUNTS_FILE_COLUMNS.length) {
      problems.add({
        row,
        column: null,
        message: `The row has ${cells.length} cells; every row needs ${COUNTS_FILE_COLUMNS.length}, one per column.`,
      });
      continue;
    }
    const parsed = schema.safeParse(Object.fromEntries(COUNTS_FILE_COLUMNS.map((column, i) => [column, cells[i].trim()])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "") || null;
        problems.add({ row, column, message: `${column ?? "The row"} ${issue.message}.` });
      }
      continue;
    }
    const value = parsed.data;
    const key = [value.forum, value.survey_template, value.month, value.kpi_id].join("\u0000");
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problems.add({
        row,
        column: null,
        message: `Row ${first} already has ${value.forum}'s ${value.kpi_id} for ${value.survey_template} in ${value.month}: each comes once.`,
      });
      continue;
    }
    firstRowOf.set(key, row);
    const named = nameOf.get(value.forum);
    if (named && named.name !== value.forum_name) {
      problems.add({
        row,
        column: "forum_name",
        message: `forum_name must be the same on every row of ${value.forum}: row ${named.row} has "${named.name}".`,
      });
      continue;
    }
    if (!named) nameOf.set(value.forum, { name: value.forum_name, row });
    rows.push(value);
    rowNumbers.push(row);
  }
  if (problems.count > 0) return { ok: false, problems: problems.list, problemCount: problems.count };
  return { ok: true, rows, rowNumbers };
}

/**
 * The tidy CSV export of KPI cells (the KPI contract, "Figures published for every KPI cell"): one row per
 * KPI × period × segment value, columns exactly TIDY_CSV_COLUMNS, blank where a figure is null.
 *
 * - RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled.
 * - A UTF-8 byte order mark first, so Excel opens Urdu (or any non-Latin) text correctly.
 * - Formula injection: a TEXT field starting with = + - @ tab or CR gets a leading apostrophe, so
 *   a spreadsheet shows it rather than running it. Numeric columns are written as numbers and
 *   never guarded, so -1.5 stays a number.
 * Pure functions, no I/O: the CLI, the board export route and the bench all write these bytes.
 */
import { CSV_BOM, CSV_LINE_END, csvCell } from "./csv";
import { TIDY_CSV_COLUMNS, type KpiCell } from "./kpi-cells";

type Column = (typeof TIDY_CSV_COLUMNS)[number];

/** Columns holding numbers; every other column is text. */
const NUMERIC_COLUMNS: ReadonlySet<Column> = new Set<Column>([
  "n",
  "numerator",
  "percent",
  "ci_lower",
  "ci_upper",
  "percent_negative",
  "target",
]);

/** Published percentages always show their one decimal place (70 → "70.0"), as the KPI contract writes them. */
const ONE_DECIMAL: ReadonlySet<Column> = new Set<Column>(["percent", "ci_lower", "ci_upper", "percent_negative"]);

function numericField(column: Column, value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${column} must be a finite number, got ${value}`);
  return ONE_DECIMAL.has(column) ? value.toFixed(1) : String(value);
}

function field(column: Column, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (NUMERIC_COLUMNS.has(column)) {
    if (typeof value !== "number") throw new TypeError(`${column} must be a number or null, got ${typeof value}`);
    return numericField(column, value);
  }
  return csvCell(String(value));
}

/** The header line, without a line end. */
export function tidyCsvHeader(): string {
  return TIDY_CSV_COLUMNS.join(",");
}

/** One cell as a CSV line, without a line end. Extra properties (such as kpi_version) are not written. */
export function tidyCsvRow(cell: KpiCell): string {
  return TIDY_CSV_COLUMNS.map((column) => field(column, cell[column])).join(",");
}

/**
 * The export line by line, each with its CRLF: first the BOM and header, then one line per cell.
 * A generator, so a large export can be streamed without building the whole file in memory.
 */
export function* tidyCsvLines(cells: Iterable<KpiCell>): Generator<string> {
  yield CSV_BOM + tidyCsvHeader() + CSV_LINE_END;
  for (const cell of cells) yield tidyCsvRow(cell) + CSV_LINE_END;
}

/** The whole export as one string (BOM, header, one CRLF-terminated line per cell). */
export function toTidyCsv(cells: Iterable<KpiCell>): string {
  let out = "";
  for (const line of tidyCsvLines(cells)) out += line;
  return out;
}

/**
 * The same lines from cells that arrive in chunks (such as exportKpiCells): one string per chunk,
 * the first starting with the BOM and header, so memory holds one chunk at a time.
 */
export async function* tidyCsvChunks(chunks: AsyncIterable<Iterable<KpiCell>>): AsyncGenerator<string> {
  yield CSV_BOM + tidyCsvHeader() + CSV_LINE_END;
  for await (const chunk of chunks) {
    let text = "";
    for (const cell of chunk) text += tidyCsvRow(cell) + CSV_LINE_END;
    if (text) yield text;
  }
}

/** A UTF-8 byte order mark, written first so Excel opens non-Latin text correctly. */
export const CSV_BOM = "\uFEFF";
/** RFC 4180 line end. */
export const CSV_LINE_END = "\r\n";

/**
 * One CSV cell, RFC 4180 quoted where needed, and safe to open in a spreadsheet: text that
 * starts like a formula (= + - @, tab, carriage return) gets a leading apostrophe.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",");
}

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
export { readCell } from "./cells";
export { columnLetter, fileTooBig } from "./problems";
export { decodeImportFile, readImport } from "./read";
export { readSubmittedAt } from "./submitted-at";
export {
  IMPORT_LIMITS,
  IMPORT_META_COLUMNS,
  type ImportedResponse,
  type ImportOptions,
  type ImportParse,
  type ImportProblem,
} from "./types";

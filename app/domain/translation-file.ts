/**
 * Reading a translator's file back: which kind of file it is (CSV or XLSX, or neither), and a CSV
 * as rows numbered as a spreadsheet shows them. Pure; the XLSX itself is opened on the server
 * (models/translation-workbook.server.ts), which hands back rows of the same shape.
 */
import { parse } from "csv-parse/sync";
import { csvErrorMessage, NOT_UTF8_MESSAGE } from "./import/problems";
import { CSV_OPTIONS } from "./import/read";
import { withoutFormulaGuard } from "./survey-texts";

/** One row of the file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Cells (by index) that hold a formula rather than text: a spreadsheet made them, not a translator. */
  formulas?: readonly number[];
}

export type FileKind = "csv" | "xlsx";

/** A problem with the file as a whole. */
export interface FileRefusal {
  ok: false;
  message: string;
}

/** A survey's texts in one language come to a few hundred rows; far more is not a translation file. */
export const TRANSLATION_FILE_MAX_ROWS = 10_000;

/** An XLSX is a ZIP: more than this once unpacked is not a translation file (and could fill the memory). */
export const XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

const SEND_AGAIN = "Upload the CSV or XLSX file you downloaded from this page, with the translation column filled in.";

function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return match ? match[1].toLowerCase() : "";
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The container of Excel 97–2003 (.xls) and Word (.doc) files. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What kind of file was uploaded, from its bytes first and its name second: an XLSX saved with
 * a .csv name is still read as a workbook, while a PDF or an older Excel file is refused with what
 * to do instead.
 */
export function translationFileKind(name: string, bytes: Uint8Array): { ok: true; kind: FileKind } | FileRefusal {
  const extension = extensionOf(name);
  if (startsWith(bytes, OLE) || extension === "xls") {
    return {
      ok: false,
      message: `This is an older Excel file (.xls), which cannot be read. In Excel choose "Save as" and the type "Excel Workbook (.xlsx)" or "CSV UTF-8", then upload that file.`,
    };
  }
  if (startsWith(bytes, ZIP)) {
    if (extension === "xlsx" || extension === "csv" || extension === "") return { ok: true, kind: "xlsx" };
    return { ok: false, message: `A .${extension} file cannot be read here. ${SEND_AGAIN}` };
  }
  if (extension === "xlsx") return { ok: false, message: `This file is named .xlsx but is not an Excel workbook. ${SEND_AGAIN}` };
  if (extension !== "csv" && extension !== "txt" && extension !== "") {
    return { ok: false, message: `A .${extension} file cannot be read here. ${SEND_AGAIN}` };
  }
  return { ok: true, kind: "csv" };
}

/**
 * The bytes a ZIP says its files take once unpacked, from its central directory, without
 * unpacking anything; null when it has no readable directory (then it is no workbook either).
 */
export function zipUnpackedBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record is the last thing in the file, before a comment of up to 64 KB.
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  for (let at = bytes.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let entry = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (entry + 46 > bytes.byteLength || view.getUint32(entry, true) !== 0x02014b50) return null;
      const size = view.getUint32(entry + 24, true);
      // 0xFFFFFFFF: the real size is in a ZIP64 field, over 4 GB.
      if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
      total += size;
      entry += 46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
    }
    return total;
  }
  return null;
}

/**
 * A CSV file as rows. Only UTF-8 is read (Excel's plain "CSV" would turn every script but Latin
 * into question marks); the apostrophe this site puts before text that starts like a formula is
 * taken off again.
 */
export function readTranslationCsv(bytes: Uint8Array): { ok: true; rows: SheetRow[] } | FileRefusal {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: NOT_UTF8_MESSAGE };
  }
  if (text.includes("\u0000")) return { ok: false, message: `This is not a text file. ${SEND_AGAIN}` };
  let records: string[][];
  try {
    records = parse(text, { ...CSV_OPTIONS, to: TRANSLATION_FILE_MAX_ROWS + 2 }) as string[][];
  } catch (error) {
    return { ok: false, message: csvErrorMessage(error) };
  }
  return { ok: true, rows: records.map((cells, index) => ({ row: index + 1, cells: cells.map(withoutFormulaGuard) })) };
}

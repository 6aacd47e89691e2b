/**
 * The translator's file as an Excel workbook: written for one language, and read back as the
 * same rows a CSV gives (domain/translation-file). exceljs runs on the server only.
 */
import ExcelJS from "exceljs";
import type { SurveyDefinition } from "~/domain/survey";
import { TRANSLATION_COLUMNS, translationRows } from "~/domain/survey-texts";
import {
  TRANSLATION_FILE_MAX_ROWS,
  XLSX_MAX_UNPACKED_BYTES,
  zipUnpackedBytes,
  type FileRefusal,
  type SheetRow,
} from "~/domain/translation-file";
import { directionOf } from "~/i18n";

const SHEET_NAME = "translations";

/**
 * One sheet, `translations`: a row per text. Every cell is written as a string cell, which a
 * spreadsheet never evaluates, so English that starts with "=" cannot run as a formula (the CSV
 * guards the same text with an apostrophe instead).
 */
export async function translationWorkbook(
  definition: SurveyDefinition,
  language: string,
  generatedAt: Date,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Parent carer voice";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
  sheet.columns = [
    { key: "key", width: 36, style: { alignment: { vertical: "top" } } },
    { key: "english", width: 60, style: { alignment: wrap } },
    { key: "language", width: 10, style: { alignment: { vertical: "top" } } },
    { key: "translation", width: 60, style: { alignment: { ...wrap, readingOrder: directionOf(language) } } },
  ];
  const header = sheet.addRow([...TRANSLATION_COLUMNS]);
  header.font = { bold: true };
  for (const row of translationRows(definition, language)) sheet.addRow(TRANSLATION_COLUMNS.map((column) => row[column]));
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

type CellRead = { text: string; formula: boolean };

/** A cell as the text a person sees in it; a formula is marked, whatever it shows. */
function cellText(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { text: "", formula: false };
  if (typeof value === "string") return { text: value, formula: false };
  if (typeof value === "number" || typeof value === "boolean") return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if ("formula" in value || "sharedFormula" in value) return { text: "", formula: true };
  if ("richText" in value) return { text: value.richText.map((part) => part.text).join(""), formula: false };
  if ("hyperlink" in value) return cellText(value.text as ExcelJS.CellValue);
  if ("error" in value) return { text: value.error, formula: false };
  return { text: "", formula: false };
}

/** The sheet named `translations`, or else the first, as rows; a file that is no workbook is refused. */
export async function readTranslationWorkbook(bytes: Uint8Array): Promise<{ ok: true; rows: SheetRow[] } | FileRefusal> {
  const notWorkbook: FileRefusal = {
    ok: false,
    message: "This file could not be opened as an Excel workbook (.xlsx). Upload the CSV or XLSX file you downloaded from this page.",
  };
  const unpacked = zipUnpackedBytes(bytes);
  if (unpacked === null) return notWorkbook;
  if (unpacked > XLSX_MAX_UNPACKED_BYTES)
    return { ok: false, message: "This workbook is far larger than a survey's texts: it cannot be read." };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types want an ArrayBuffer; a copy of just these bytes is one.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    return notWorkbook;
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return notWorkbook;
  if (sheet.actualRowCount > TRANSLATION_FILE_MAX_ROWS + 1) {
    return {
      ok: false,
      message: `The workbook has more than ${TRANSLATION_FILE_MAX_ROWS.toLocaleString("en-GB")} rows: it is not a survey's texts.`,
    };
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const formulas: number[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      const read = cellText(row.getCell(column).value);
      cells.push(read.text);
      if (read.formula) formulas.push(column - 1);
    }
    rows.push({ row: rowNumber, cells, formulas });
  });
  return { ok: true, rows };
}

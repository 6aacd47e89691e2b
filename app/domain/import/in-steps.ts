import { parse } from "csv-parse";
import type { SurveyDefinition } from "../survey";
import { csvErrorMessage, fileProblem, NOT_UTF8_MESSAGE, tooBigMessage } from "./problems";
import { checkRecords, CSV_OPTIONS, limitsOf } from "./read";
import { IMPORT_LIMITS, type ImportOptions, type ImportParse, type ImportProblem } from "./types";

// --- reading in steps -------------------------------------------------------------------------

/**
 * A large file read while a server goes on answering everyone else: the same results as
 * decodeImportFile and readImport, but in steps of a few milliseconds, awaiting `pause` after
 * each. The pause is the caller's (the server's yields to the event loop, so the parents'
 * requests that arrived meanwhile run); nothing here does I/O. The sizes are for tests.
 */
export interface ImportSteps {
  pause: () => Promise<void>;
  /** Bytes decoded per step. */
  bytes?: number;
  /** Characters of CSV parsed per step. */
  characters?: number;
}

/** About a millisecond of decoding, and a few of parsing, on a small server. */
const BYTES_PER_STEP = 1024 * 1024;
const CHARACTERS_PER_STEP = 128 * 1024;

type Refusal = { ok: false; problems: ImportProblem[]; problemCount: number };

/** decodeImportFile in steps. */
export async function decodeImportFileInSteps(
  bytes: Uint8Array,
  steps: ImportSteps,
  maxBytes = IMPORT_LIMITS.maxBytes,
): Promise<{ ok: true; text: string } | Refusal> {
  if (bytes.byteLength > maxBytes) return fileProblem(tooBigMessage(maxBytes));
  const size = steps.bytes ?? BYTES_PER_STEP;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.byteLength; at += size) {
      // `stream`: a character split between two steps is decoded whole in the second.
      parts.push(decoder.decode(bytes.subarray(at, at + size), { stream: true }));
      await steps.pause();
    }
    parts.push(decoder.decode());
  } catch {
    return fileProblem(NOT_UTF8_MESSAGE);
  }
  return { ok: true, text: parts.join("") };
}

/** readImport in steps: the text is parsed a slice at a time, then the rows are checked a few at a time. */
export async function readImportInSteps(
  definition: SurveyDefinition,
  csvText: string,
  options: ImportOptions,
  steps: ImportSteps,
): Promise<ImportParse> {
  const limits = limitsOf(options);
  const parsed = await parseInSteps(csvText, limits, steps);
  if (!parsed.ok) return parsed;
  const checking = checkRecords(definition, parsed.records, options, limits);
  for (;;) {
    const step = checking.next();
    if (step.done) return step.value;
    await steps.pause();
  }
}

/**
 * csv-parse's stream parser fed one slice at a time. Every slice is measured, even once the
 * parser has stopped (at the row limit, or at a broken quote), so a file both too long and too
 * big is refused for its size, as readImport refuses it.
 */
async function parseInSteps(
  csvText: string,
  limits: ReturnType<typeof limitsOf>,
  steps: ImportSteps,
): Promise<{ ok: true; records: string[][] } | Refusal> {
  // Header, the most rows allowed, and one more to tell that there are too many.
  const parser = parse({ ...CSV_OPTIONS, to: limits.maxRows + 2 });
  const records: string[][] = [];
  parser.on("data", (record: string[]) => records.push(record));
  let failure: unknown;
  const finished = new Promise<void>((resolve) => {
    parser.once("end", resolve);
    parser.once("error", (error) => {
      failure = error;
      resolve();
    });
  });
  const size = steps.characters ?? CHARACTERS_PER_STEP;
  let bytes = 0;
  for (let at = 0; at < csvText.length;) {
    let end = Math.min(at + size, csvText.length);
    // Never between the two halves of a character outside the Basic Multilingual Plane.
    if (end < csvText.length && isHighSurrogate(csvText.charCodeAt(end - 1))) end = end - 1 > at ? end - 1 : end + 1;
    const slice = csvText.slice(at, end);
    bytes += utf8Bytes(slice);
    if (bytes > limits.maxBytes) {
      parser.destroy();
      return fileProblem(tooBigMessage(limits.maxBytes));
    }
    if (!parser.writableEnded && !parser.destroyed) parser.write(slice);
    at = end;
    await steps.pause();
  }
  if (!parser.writableEnded && !parser.destroyed) parser.end();
  await finished;
  if (failure !== undefined) return fileProblem(csvErrorMessage(failure));
  return { ok: true, records };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The bytes `text` takes as UTF-8 (a lone surrogate as the three of U+FFFD, as TextEncoder writes it). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (isHighSurrogate(code) && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

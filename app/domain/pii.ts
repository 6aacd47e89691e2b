/**
 * Suggested redactions in free text: things that could identify a family, a child, a school or
 * a member of staff. Pure functions, no I/O. These are suggestions a moderator sees highlighted
 * before deciding; a person makes the decision, so a few false positives cost little, while the
 * patterns still avoid the numbers families write every day (years, times, percentages, Q1).
 */

export type RedactionKind = "email" | "phone" | "postcode" | "nhs_number" | "url" | "school" | "staff" | "other_name";

export const REDACTION_KIND_LABELS: Record<RedactionKind, string> = {
  email: "Email address",
  phone: "Phone number",
  postcode: "Postcode",
  nhs_number: "NHS number",
  url: "Web address",
  school: "School name",
  staff: "Staff name",
  other_name: "Name from the forum's list",
};

export const TERM_KINDS = ["school", "staff", "other"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface RedactionTerm {
  term: string;
  kind: TermKind;
}

export interface RedactionSpan {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  kind: RedactionKind;
}

const REMOVED_MARKER = "[removed]";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Addresses with a scheme or www., and bare domains under the endings families are likely to type.
const URL_WITH_PREFIX = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]+\.)+(?:co\.uk|org\.uk|gov\.uk|ac\.uk|nhs\.uk|sch\.uk|com|org|net|uk|info|io)(?:\/[^\s<>"']*)?(?![\p{L}\p{N}])/giu;

// A UK number in national (0…) or international (+44…) form, in the groupings people write:
// 0121 496 0000, 020 7946 0000, 07700 900123, 01632 960000, +44 (0)121 496 0000, 07700900123.
const PHONE = /(?<![\p{N}+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\p{N}])/gu;

// Postcode formats per the UK government's published pattern (first letter never Q, V or X;
// second never I, J or Z), outward and inward parts with or without the space. GIR 0AA too.
const POSTCODE =
  /(?<![\p{L}\p{N}])(?:GIR\s?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])\s?[0-9][ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

// NHS numbers: ten digits, written 3-3-4 (spaces or hyphens) or run together.
const NHS_GROUPED = /(?<![\p{N}])\d{3}[ -]\d{3}[ -]\d{4}(?![\p{N}])/gu;
const NHS_PLAIN = /(?<![\p{N}])\d{10}(?![\p{N}])/gu;

/** The NHS number's modulus 11 check: weights 10..2 on the first nine digits. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** A UK phone number has 10 or 11 digits nationally, after a leading 0 that is not 00, 04 or 06. */
function isUkPhone(match: string): boolean {
  let digits = match.replace(/\D/g, "");
  if (match.trimStart().startsWith("+44")) {
    digits = digits.slice(2);
    if (digits.startsWith("0")) digits = digits.slice(1); // +44 (0)121 …
    digits = `0${digits}`;
  }
  return (digits.length === 10 || digits.length === 11) && /^0[1235789]/.test(digits);
}

const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/u;

function* matchesOf(pattern: RegExp, text: string): Generator<{ start: number; end: number; value: string }> {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    yield { start: m.index, end: m.index + m[0].length, value: m[0] };
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A term from the forum's list, matched case-insensitively as whole words, spaces flexible. */
function termPattern(term: string): RegExp | undefined {
  const words = term.trim().split(/\s+/u).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${words.join("\\s+")}(?![\\p{L}\\p{M}\\p{N}_])`, "giu");
}

const TERM_KIND_TO_REDACTION: Record<TermKind, RedactionKind> = { school: "school", staff: "staff", other: "other_name" };

/** Sorted spans with overlapping ones merged; a merged span keeps the kind of its longest part. */
export function mergeSpans(spans: RedactionSpan[]): RedactionSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: (RedactionSpan & { longest: number })[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.end - span.start > last.longest) {
        last.kind = span.kind;
        last.longest = span.end - span.start;
      }
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span, longest: span.end - span.start });
    }
  }
  return merged.map(({ start, end, kind }) => ({ start, end, kind }));
}

/**
 * Everything in `text` a moderator should consider removing, as merged, sorted spans.
 * `terms` is the forum's own list of local school and staff names.
 */
export function findSuggestedRedactions(text: string, terms: readonly RedactionTerm[] = []): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  for (const m of matchesOf(EMAIL, text)) spans.push({ start: m.start, end: m.end, kind: "email" });
  for (const pattern of [URL_WITH_PREFIX, BARE_DOMAIN]) {
    for (const m of matchesOf(pattern, text)) {
      const trimmed = m.value.replace(TRAILING_PUNCTUATION, "");
      if (trimmed.length > 0) spans.push({ start: m.start, end: m.start + trimmed.length, kind: "url" });
    }
  }
  for (const m of matchesOf(PHONE, text)) {
    if (isUkPhone(m.value)) spans.push({ start: m.start, end: m.end, kind: "phone" });
  }
  for (const m of matchesOf(POSTCODE, text)) spans.push({ start: m.start, end: m.end, kind: "postcode" });
  // Grouped 3-3-4 is how NHS numbers are printed, so it counts even with a mistyped check digit;
  // ten digits run together count only when the check digit is right.
  for (const m of matchesOf(NHS_GROUPED, text)) spans.push({ start: m.start, end: m.end, kind: "nhs_number" });
  for (const m of matchesOf(NHS_PLAIN, text)) {
    if (isValidNhsNumber(m.value)) spans.push({ start: m.start, end: m.end, kind: "nhs_number" });
  }
  for (const { term, kind } of terms) {
    const pattern = termPattern(term);
    if (!pattern) continue;
    for (const m of matchesOf(pattern, text)) spans.push({ start: m.start, end: m.end, kind: TERM_KIND_TO_REDACTION[kind] });
  }
  return mergeSpans(spans);
}

/**
 * A suggestion's identity while the text stays the same: its kind and what it matched, so a
 * dismissal follows the words, not their position.
 */
export function suggestionKey(text: string, span: RedactionSpan): string {
  return `${span.kind}:${text.slice(span.start, span.end).toLocaleLowerCase("en-GB")}`;
}

/**
 * The suggestions still open: those not dismissed on purpose by a moderator. An answer can be
 * approved, and quoted, only when this is empty.
 */
export function openSuggestions(
  text: string,
  terms: readonly RedactionTerm[],
  isDismissed: (key: string) => boolean = () => false,
): RedactionSpan[] {
  return findSuggestedRedactions(text, terms).filter((span) => !isDismissed(suggestionKey(text, span)));
}

/** The text with each span replaced by "[removed]". */
export function applyRedactions(text: string, spans: readonly RedactionSpan[]): string {
  let result = "";
  let at = 0;
  for (const span of mergeSpans([...spans])) {
    if (span.start < at) continue;
    result += text.slice(at, span.start) + REMOVED_MARKER;
    at = span.end;
  }
  return result + text.slice(at);
}

interface TextSegment {
  text: string;
  /** Set on a suggested redaction. */
  kind?: RedactionKind;
}

/** The text cut into plain and suggested parts, for highlighting in a page. */
export function segmentText(text: string, spans: readonly RedactionSpan[]): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const span of mergeSpans([...spans])) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start) });
    segments.push({ text: text.slice(span.start, span.end), kind: span.kind });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/**
 * The "you said, we did" register and K14, its closure rate.
 *
 * Pure functions, no I/O: the status workflow and what each status needs, what publishing
 * needs, references, SDC-1 rule 5 for quotes, K14 as a KPI cell (Wilson interval and SDC-1 like
 * every other KPI), the median days from raised to response published, and the Atom feed.
 */
import { buildCell, suppressSmallCells, SUPPRESS_BELOW_N, type KpiCell } from "./kpi-cells";
import type { KpiDefinition } from "./kpi-definitions";
import type { KpiScore } from "./kpi-scoring";
import { comparePeriods, periodOf, periodRange, type PeriodType } from "./periods";
import { localeOf } from "~/i18n";

export const YSWD_STATUSES = ["received", "under_review", "agreed", "in_progress", "done", "not_possible", "superseded"] as const;
export type YswdStatus = (typeof YSWD_STATUSES)[number];

export const INVOLVEMENT_LEVELS = ["inform", "consult", "engage", "co_design", "co_produce"] as const;
export type InvolvementLevel = (typeof INVOLVEMENT_LEVELS)[number];

export const YSWD_VISIBILITIES = ["public", "board"] as const;
export type YswdVisibility = (typeof YSWD_VISIBILITIES)[number];

export function isYswdStatus(value: unknown): value is YswdStatus {
  return typeof value === "string" && (YSWD_STATUSES as readonly string[]).includes(value);
}

/**
 * Where an item may go next. An item can always be declared not possible (with a reason) or
 * superseded by a later item; a done item can be reopened if the change did not hold; a
 * not-possible item can be looked at again. Superseded is final: the later item carries on.
 */
export const STATUS_TRANSITIONS: Readonly<Record<YswdStatus, readonly YswdStatus[]>> = {
  received: ["under_review", "agreed", "not_possible", "superseded"],
  under_review: ["received", "agreed", "not_possible", "superseded"],
  agreed: ["in_progress", "done", "not_possible", "superseded"],
  in_progress: ["agreed", "done", "not_possible", "superseded"],
  done: ["in_progress", "superseded"],
  not_possible: ["under_review", "superseded"],
  superseded: [],
};

export function canMoveTo(from: YswdStatus, to: YswdStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses that close an item: the date they took effect is its completion date. */
export function isClosingStatus(status: YswdStatus): boolean {
  return status === "done" || status === "not_possible";
}

// ---------------------------------------------------------------------------------------------
// References: YSWD-2026-014

export const REFERENCE_PATTERN = /^YSWD-(\d{4})-(\d{3,})$/;

export function formatReference(year: number, number: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`reference numbers start at 1, got ${number}`);
  return `YSWD-${year}-${String(number).padStart(3, "0")}`;
}

export function parseReference(reference: string): { year: number; number: number } | undefined {
  const m = REFERENCE_PATTERN.exec(reference);
  return m ? { year: Number(m[1]), number: Number(m[2]) } : undefined;
}

/** The next reference in `year`: one more than the highest that year has used (never reused). */
export function nextReference(existing: Iterable<string>, year: number): string {
  let highest = 0;
  for (const reference of existing) {
    const parsed = parseReference(reference);
    if (parsed && parsed.year === year && parsed.number > highest) highest = parsed.number;
  }
  return formatReference(year, highest + 1);
}

// ---------------------------------------------------------------------------------------------
// What an item needs

/** The fields the rules look at. Blank text counts as missing. */
export interface YswdRuleItem {
  status: YswdStatus;
  whatDone: string | null;
  notPossibleReason: string | null;
  raisedOn: string;
  responsePublishedOn: string | null;
  targetOn: string | null;
  completedOn: string | null;
  nextReviewOn: string | null;
}

type YswdProblemCode = "reason_required" | "what_done_required" | "bad_transition" | "date_before_raised" | "evidence_required";

export interface YswdProblem {
  /** The input the problem is about (form field names use the same words). */
  field: "notPossibleReason" | "whatDone" | "status" | "responsePublishedOn" | "targetOn" | "completedOn" | "evidence";
  code: YswdProblemCode;
  message: string;
}

function blank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === "";
}

/** What the item's status needs: a reason when not possible, what was done when done. */
export function statusProblems(item: Pick<YswdRuleItem, "status" | "whatDone" | "notPossibleReason">): YswdProblem[] {
  const problems: YswdProblem[] = [];
  if (item.status === "not_possible" && blank(item.notPossibleReason)) {
    problems.push({
      field: "notPossibleReason",
      code: "reason_required",
      message: "Say why it could not be done: a reason is required when the status is “Not possible”",
    });
  }
  if (item.status === "done" && blank(item.whatDone)) {
    problems.push({
      field: "whatDone",
      code: "what_done_required",
      message: "Say what was done: it is required when the status is “Done”",
    });
  }
  return problems;
}

/** Dates that cannot come before the item was raised. */
function dateProblems(item: Pick<YswdRuleItem, "raisedOn" | "responsePublishedOn" | "targetOn" | "completedOn">): YswdProblem[] {
  const problems: YswdProblem[] = [];
  const check = (field: "responsePublishedOn" | "targetOn" | "completedOn", value: string | null, what: string) => {
    if (value && value < item.raisedOn) {
      problems.push({ field, code: "date_before_raised", message: `The ${what} date must be on or after the date it was raised` });
    }
  };
  check("responsePublishedOn", item.responsePublishedOn, "response published");
  check("targetOn", item.targetOn, "target");
  check("completedOn", item.completedOn, "completed");
  return problems;
}

/** Everything an item must satisfy to be saved. */
export function itemProblems(item: YswdRuleItem): YswdProblem[] {
  return [...statusProblems(item), ...dateProblems(item)];
}

/** A status change: allowed by the workflow, and the item as it would be after satisfies its rules. */
export function statusChangeProblems(item: YswdRuleItem, to: YswdStatus): YswdProblem[] {
  if (item.status === to)
    return [{ field: "status", code: "bad_transition", message: "Choose a different status: the item already has this one" }];
  if (!canMoveTo(item.status, to)) {
    return [
      {
        field: "status",
        code: "bad_transition",
        message: `An item cannot go from “${STATUS_LABELS[item.status]}” to “${STATUS_LABELS[to]}”`,
      },
    ];
  }
  return statusProblems({ ...item, status: to });
}

/** The evidence an item has that may be published (see the model for how each is checked). */
interface EvidenceAvailable {
  /** The KPI figure exists and is not suppressed by SDC-1. */
  publishedFigure: boolean;
  /** Attached quotes that are approved, consented and from a cell with n ≥ 10. */
  usableQuotes: number;
}

/** Publishing needs the item's own rules and at least one piece of approved evidence. */
export function publishProblems(item: YswdRuleItem, evidence: EvidenceAvailable): YswdProblem[] {
  const problems = itemProblems(item);
  if (!evidence.publishedFigure && evidence.usableQuotes === 0) {
    problems.push({
      field: "evidence",
      code: "evidence_required",
      message: "Add evidence before publishing: a KPI figure that is not suppressed, or an approved quote",
    });
  }
  return problems;
}

export const STATUS_LABELS: Readonly<Record<YswdStatus, string>> = {
  received: "Received",
  under_review: "Under review",
  agreed: "Agreed",
  in_progress: "In progress",
  done: "Done",
  not_possible: "Not possible",
  superseded: "Superseded",
};

export const INVOLVEMENT_LABELS: Readonly<Record<InvolvementLevel, string>> = {
  inform: "Inform",
  consult: "Consult",
  engage: "Engage",
  co_design: "Co-design",
  co_produce: "Co-produce",
};

/** Status badge colours (the badge always says the status in words as well). */
export const STATUS_TAG_CLASS: Readonly<Record<YswdStatus, string>> = {
  received: "tag tag--grey",
  under_review: "tag tag--blue",
  agreed: "tag tag--blue",
  in_progress: "tag tag--amber",
  done: "tag",
  not_possible: "tag tag--red",
  superseded: "tag tag--grey",
};

// ---------------------------------------------------------------------------------------------
// SDC-1 rule 5: quotes

export type QuoteRefusal = "small_cell" | "no_consent";

/**
 * Why a quote may not be attached, or null when it may: only from a cell (survey × period, and
 * segment if any) with at least 10 submitted responses, and only if the family agreed to quotes.
 */
export function quoteRefusal(input: { cellResponses: number; quoteConsent: boolean }): QuoteRefusal | null {
  if (!(input.cellResponses >= SUPPRESS_BELOW_N)) return "small_cell";
  if (!input.quoteConsent) return "no_consent";
  return null;
}

// ---------------------------------------------------------------------------------------------
// K14: closure rate

/** K14 in the shape of a register KPI, so its cells are built like every other KPI's. */
export const K14: KpiDefinition = {
  id: "K14",
  name: "\u201cYou said, we did\u201d closure rate",
  question: "the register",
  positive: ["closed_by_target"],
  negative: [],
  excluded: [],
};

/** What K14 reads of an item. */
export interface ClosureItem {
  status: YswdStatus;
  targetOn: string | null;
  completedOn: string | null;
  notPossibleReason: string | null;
  /** Drafts are the forum's working notes, not commitments: only published items count. */
  published: boolean;
}

/** In K14's numerator: done, or not possible with a published reason, on or before the target date. */
export function closedByTarget(item: ClosureItem): boolean {
  if (!item.published || !item.targetOn || !item.completedOn || item.completedOn > item.targetOn) return false;
  if (item.status === "done") return true;
  return item.status === "not_possible" && !blank(item.notPossibleReason);
}

/** K14's counts for one period: base = published items whose target date falls in it. */
export function closureScore(items: readonly ClosureItem[], periodType: PeriodType, period: string): KpiScore {
  const { start, end } = periodRange(periodType, period);
  let n = 0;
  let numerator = 0;
  for (const item of items) {
    if (!item.published || !item.targetOn || item.targetOn < start || item.targetOn > end) continue;
    n += 1;
    if (closedByTarget(item)) numerator += 1;
  }
  return { n, numerator, negative: null };
}

/** The periods of `periodType` that hold at least one published item's target date, oldest first. */
export function closurePeriods(items: readonly ClosureItem[], periodType: PeriodType): string[] {
  const periods = new Set<string>();
  for (const item of items) if (item.published && item.targetOn) periods.add(periodOf(periodType, item.targetOn));
  return [...periods].sort(comparePeriods);
}

/**
 * K14 cells, one per period (`all` rows), with n, the Wilson interval and SDC-1 applied by the
 * same functions as every survey KPI: fewer than 10 items in a period and the figure is suppressed.
 */
export function closureRateCells(
  items: readonly ClosureItem[],
  periodType: PeriodType,
  options: { periods?: readonly string[]; target?: number | null } = {},
): KpiCell[] {
  const periods = [...(options.periods ?? closurePeriods(items, periodType))].sort(comparePeriods);
  const cells = periods.map((period) =>
    buildCell({
      time_period: period,
      time_identifier: periodType,
      survey: "you-said-we-did",
      segment_type: "all",
      segment_value: "all",
      kpi: K14,
      target: options.target ?? null,
      score: closureScore(items, periodType, period),
    }),
  );
  return suppressSmallCells(cells);
}

// ---------------------------------------------------------------------------------------------
// Days from raised to response published

/** Whole days from one London date to another (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not dates: ${from}, ${to}`);
  return Math.round(ms / 86_400_000);
}

/** The median of a list of numbers, or null for an empty list (the mean of the middle two when even). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface ResponseTimeItem {
  raisedOn: string;
  responsePublishedOn: string | null;
  published: boolean;
}

export interface ResponseTime {
  time_period: string;
  /** Items whose response was published in the period. */
  n: number;
  /** Median days from raised to response published; null with no items. */
  median_days: number | null;
}

/** Median days from raised to response published, per period of the response's publication. */
export function responseTimes(items: readonly ResponseTimeItem[], periodType: PeriodType, periods?: readonly string[]): ResponseTime[] {
  const byPeriod = new Map<string, number[]>();
  for (const item of items) {
    if (!item.published || !item.responsePublishedOn) continue;
    const period = periodOf(periodType, item.responsePublishedOn);
    const list = byPeriod.get(period) ?? [];
    list.push(daysBetween(item.raisedOn, item.responsePublishedOn));
    byPeriod.set(period, list);
  }
  const wanted = [...(periods ?? byPeriod.keys())].sort(comparePeriods);
  return wanted.map((period) => {
    const days = byPeriod.get(period) ?? [];
    return { time_period: period, n: days.length, median_days: median(days) };
  });
}

/**
 * Review state on `today` (London dates): overdue when the next review date has passed; due when
 * it falls between today and `dueBy` (the board's look-ahead, e.g. the next meeting). A superseded
 * item is carried on by its successor and is never due.
 */
export function dueForReview(
  item: { nextReviewOn: string | null; status: YswdStatus },
  today: string,
  dueBy: string = today,
): "overdue" | "due" | null {
  if (!item.nextReviewOn || item.status === "superseded") return null;
  if (item.nextReviewOn < today) return "overdue";
  return item.nextReviewOn <= dueBy ? "due" : null;
}

/** A London date `days` after another. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Atom feed

// Finding the control characters XML cannot carry is the point of this pattern.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHARACTER = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/g;

/**
 * Text safe inside XML 1.0 content and attribute values: markup characters escaped, and the
 * characters XML cannot carry at all (most control characters, lone surrogates) removed.
 */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML_CHARACTER, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

interface AtomEntry {
  id: string;
  title: string;
  link: string;
  /** ISO date-time. */
  updated: string;
  published: string | null;
  summary: string;
  categories: string[];
}

interface AtomFeed {
  id: string;
  title: string;
  link: string;
  selfLink: string;
  /** The language of the feed's text, e.g. "en". */
  language: string;
  author: string;
  entries: AtomEntry[];
}

/** An Atom 1.0 document (RFC 4287). `updated` is the newest entry's, or the epoch for an empty feed. */
export function renderAtomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), "1970-01-01T00:00:00.000Z");
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.language)}">`,
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <updated>${xmlText(updated)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfLink)}"/>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      `  <entry>`,
      `    <id>${xmlText(entry.id)}</id>`,
      `    <title>${xmlText(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>`,
      `    <updated>${xmlText(entry.updated)}</updated>`,
      ...(entry.published ? [`    <published>${xmlText(entry.published)}</published>`] : []),
      ...entry.categories.map((c) => `    <category term="${xmlText(c)}"/>`),
      `    <summary type="text">${xmlText(entry.summary)}</summary>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Showing items

/** A London date ("YYYY-MM-DD") written out in the reader's language, e.g. "3 March 2026". */
export function formatDay(date: string | null, language: string): string {
  if (!date) return "";
  const instant = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  const locale = localeOf(language);
  try {
    return instant.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  } catch {
    return instant.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  }
}

type TranslatableField = "title" | "saidPlain" | "saidEasyRead" | "whatDone" | "notPossibleReason";

/**
 * An item's text in the reader's language when the forum has translated it, else the English
 * with `lang: "en"` so the page marks that block as English (WCAG 3.1.2).
 */
export function localisedField(
  english: string | null,
  translations: Partial<Record<string, Partial<Record<TranslatableField, string>>>>,
  field: TranslatableField,
  language: string,
): { text: string; lang: string | undefined } | null {
  const translated = language === "en" ? undefined : translations[language]?.[field];
  if (translated && translated.trim() !== "") return { text: translated, lang: undefined };
  if (!english || english.trim() === "") return null;
  return { text: english, lang: language === "en" ? undefined : "en" };
}

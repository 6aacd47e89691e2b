/**
 * The "you said, we did" register: every read and write of its items.
 *
 * Evidence is never computed here. The KPI figure comes from computeKpiCells (SDC-1 applied, the
 * same cell the dashboard shows), and quotes come only through approvedQuotes, with SDC-1 rule 5
 * added on top: a quote is attached and shown only if the cell it comes from (survey × period,
 * and segment if any) has at least 10 submitted responses and the family agreed to quotes. Both
 * checks are made again each time an item is published or shown, because answers can be
 * withdrawn, rejected or flagged after they were attached.
 *
 * Moderators draft and edit drafts; only admins publish, unpublish, delete or edit a published
 * item. Every change is recorded in the audit log (ids, codes and statuses only, never text).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { newId } from "~/codes.server";
import { csvRow } from "~/domain/csv";
import { ALL_SEGMENT, UNKNOWN_SEGMENT_VALUE, type KpiCell } from "~/domain/kpi-cells";
import { londonDate, periodOf, periodRange, periodTypeOf, type PeriodType } from "~/domain/periods";
import type { SurveyDefinition } from "~/domain/survey";
import { themesByItem } from "~/domain/themes";
import {
  addDays,
  closureRateCells,
  dueForReview,
  isClosingStatus,
  isYswdStatus,
  itemProblems,
  nextReference,
  publishProblems,
  quoteRefusal,
  responseTimes,
  statusChangeProblems,
  type InvolvementLevel,
  type QuoteRefusal,
  type ResponseTime,
  type YswdProblem,
  type YswdRuleItem,
  type YswdStatus,
  type YswdVisibility,
} from "~/domain/yswd";
import type { Database, Role } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { findForumBySlug, type ForumSummary } from "./forums.server";
import { applicableKpis, computeKpiCells, KpiRequestError, kpiSegments, periodsWithResponses, RESPONSE_SEGMENTS } from "./kpis.server";
import { isUniqueViolation } from "./dialect.server";
import { approvedQuotes, type ThemeOption } from "./moderation.server";

/** Who is acting: the signed-in staff member (auth's Staff fits this shape), or the seed. */
export interface YswdActor {
  forumId: string;
  role: Role;
  user: { id: string };
}

export class YswdNotAllowed extends Error {
  constructor(what: string) {
    super(`Not allowed: ${what}`);
    this.name = "YswdNotAllowed";
  }
}

/** A problem with what was entered, by form field. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

export interface YswdTranslation {
  title?: string;
  saidPlain?: string;
  saidEasyRead?: string;
  whatDone?: string;
  notPossibleReason?: string;
}

export type YswdTranslations = Partial<Record<string, YswdTranslation>>;

export interface YswdEvidence {
  surveyId: string | null;
  /** A period label; its type is read from the label (2026-Q1, 2026-H1, 2025/26). */
  period: string | null;
  kpiId: string | null;
  segmentType: string | null;
  segmentValue: string | null;
}

export const NO_EVIDENCE: YswdEvidence = { surveyId: null, period: null, kpiId: null, segmentType: null, segmentValue: null };

export interface YswdInput {
  title: string;
  themes: string[];
  saidPlain: string;
  saidEasyRead: string | null;
  translations: YswdTranslations;
  evidence: YswdEvidence;
  /** Moderation item ids of approved answers to quote. */
  quoteIds: string[];
  whatDone: string | null;
  notPossibleReason: string | null;
  involvement: InvolvementLevel;
  ownerOrg: string;
  ownerRole: string;
  visibility: YswdVisibility;
  raisedOn: string;
  responsePublishedOn: string | null;
  targetOn: string | null;
  completedOn: string | null;
  nextReviewOn: string | null;
}

export type SaveResult =
  { status: "saved"; id: string; reference: string } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

const SYSTEM_NOTE_LIMIT = 2000;

function today(): string {
  return londonDate(new Date());
}

function clean(text: string | null | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Evidence: the cell, the figure and the quotes

interface CheckedEvidence {
  surveyId: string;
  periodType: PeriodType;
  period: string;
  kpiId: string | null;
  segmentType: string | null;
  segmentValue: string | null;
}

/** Checks the evidence against the forum's surveys, KPIs and segments. Null evidence is fine. */
export async function checkEvidence(
  db: DB,
  forumId: string,
  evidence: YswdEvidence,
): Promise<{ evidence: CheckedEvidence | null; problems: FieldProblem[] }> {
  const surveyId = clean(evidence.surveyId);
  const period = clean(evidence.period);
  const kpiId = clean(evidence.kpiId);
  const segmentType = clean(evidence.segmentType);
  const segmentValue = clean(evidence.segmentValue);
  if (!surveyId && !period && !kpiId && !segmentType) return { evidence: null, problems: [] };
  const problems: FieldProblem[] = [];
  if (!surveyId) problems.push({ field: "survey", message: "Choose the survey the evidence comes from" });
  let periodType: PeriodType | undefined;
  if (!period) {
    problems.push({ field: "period", message: "Enter the period the evidence covers, for example 2026-H1" });
  } else {
    try {
      periodType = periodTypeOf(period);
      periodRange(periodType, period);
    } catch {
      problems.push({
        field: "period",
        message: "Enter a period like 2026-Q1 (a quarter), 2026-H1 (a stocktake) or 2025/26 (an academic year)",
      });
    }
  }
  if (!surveyId || problems.length > 0) return { evidence: null, problems };
  let kpis: { id: string }[];
  let segments: string[];
  try {
    kpis = await applicableKpis(db, forumId, surveyId);
    segments = await kpiSegments(db, forumId, surveyId);
  } catch (error) {
    if (error instanceof KpiRequestError)
      return { evidence: null, problems: [{ field: "survey", message: "Choose a published survey of this forum" }] };
    throw error;
  }
  if (kpiId && !kpis.some((k) => k.id === kpiId)) {
    problems.push({ field: "kpi", message: "Choose a KPI that this survey measures" });
  }
  if (segmentType && !segments.includes(segmentType)) {
    problems.push({ field: "segment", message: "Choose a group from the list" });
  }
  if (segmentType && (!segmentValue || !/^[A-Za-z0-9_-]{1,60}$/.test(segmentValue))) {
    problems.push({ field: "segment", message: "Choose a group from the list" });
  }
  if (problems.length > 0 || !periodType || !period) return { evidence: null, problems };
  return {
    evidence: {
      surveyId,
      periodType,
      period,
      kpiId,
      segmentType,
      segmentValue: segmentType ? segmentValue : null,
    },
    problems: [],
  };
}

/** A condition on `responses as r` that puts a response in the segment (an `unknown` value: no answer). */
function inSegment(segmentType: string, segmentValue: string) {
  return (eb: ExpressionBuilder<Database & { r: Database["responses"] }, "r">): Expression<SqlBool> => {
    if (segmentType === "language") return eb("r.language", "=", segmentValue);
    if (segmentType === "respondent_role") return eb("r.respondent_role", "=", segmentValue);
    const answered = (value?: string) => {
      let q = eb
        .selectFrom("answers as seg")
        .select(sql<number>`1`.as("one"))
        .whereRef("seg.response_id", "=", "r.id")
        .where("seg.question_code", "=", segmentType)
        .where("seg.option_code", "is not", null);
      if (value !== undefined) q = q.where("seg.option_code", "=", value);
      return eb.exists(q);
    };
    return segmentValue === UNKNOWN_SEGMENT_VALUE ? eb.not(answered()) : answered(segmentValue);
  };
}

/** Submitted responses in the evidence's cell: the n that SDC-1 rule 5 asks about. */
export async function cellResponses(db: DB, forumId: string, evidence: CheckedEvidence): Promise<number> {
  const { start, end } = periodRange(evidence.periodType, evidence.period);
  let query = db
    .selectFrom("responses as r")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.forum_id", "=", forumId)
    .where("r.survey_id", "=", evidence.surveyId)
    .where("r.status", "=", "submitted")
    .where("r.submitted_on", ">=", start)
    .where("r.submitted_on", "<=", end);
  if (evidence.segmentType && evidence.segmentValue) query = query.where(inSegment(evidence.segmentType, evidence.segmentValue));
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface QuoteChoice {
  itemId: string;
  text: string;
  redacted: boolean;
  themes: string[];
  quoteConsent: boolean;
  submittedOn: string | null;
  /** The language the family answered the survey in (for the page's lang attribute). */
  language: string;
  /** Null: may be attached and published. */
  refusal: QuoteRefusal | null;
}

export interface QuoteChoices {
  /** Submitted responses in the cell. */
  cellResponses: number;
  quotes: QuoteChoice[];
}

/**
 * The approved answers from the evidence's cell, each with whether it may be quoted. With
 * `themes`, only answers tagged with any of them. Answers outside the cell are not offered.
 */
export async function quoteChoices(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  options: { themes?: string[]; limit?: number } = {},
): Promise<QuoteChoices> {
  const { start, end } = periodRange(evidence.periodType, evidence.period);
  let quotes = await approvedQuotes(db, forumId, {
    surveyId: evidence.surveyId,
    from: start,
    to: end,
    themes: options.themes && options.themes.length > 0 ? options.themes : undefined,
  });
  // The cell membership (segment) and answer language of each quote, by moderation item id.
  const inCell = new Map<string, string>();
  const ids = quotes.map((q) => q.itemId);
  for (let i = 0; i < ids.length; i += 500) {
    let query = db
      .selectFrom("moderation_items as m")
      .innerJoin("responses as r", "r.id", "m.response_id")
      .select(["m.id", "r.language"])
      .where("m.forum_id", "=", forumId)
      .where("m.id", "in", ids.slice(i, i + 500));
    if (evidence.segmentType && evidence.segmentValue) query = query.where(inSegment(evidence.segmentType, evidence.segmentValue));
    for (const row of await query.execute()) inCell.set(row.id, row.language);
  }
  quotes = quotes.filter((q) => inCell.has(q.itemId));
  const n = await cellResponses(db, forumId, evidence);
  const limited = options.limit ? quotes.slice(-options.limit) : quotes;
  return {
    cellResponses: n,
    quotes: limited.map((q) => ({
      itemId: q.itemId,
      text: q.text,
      redacted: q.redacted,
      themes: q.themes,
      quoteConsent: q.quoteConsent,
      submittedOn: q.submittedOn,
      language: inCell.get(q.itemId) ?? "en",
      refusal: quoteRefusal({ cellResponses: n, quoteConsent: q.quoteConsent }),
    })),
  };
}

export interface EvidenceFigure {
  /** The KPI's cell in the evidence period: the baseline. Null when the period has no responses. */
  baseline: KpiCell | null;
  /** The KPI's cell in the latest period with responses. */
  latest: KpiCell | null;
  periodType: PeriodType;
}

type FigureCache = Map<string, KpiCell[]>;

/** The KPI figure (baseline and latest) from computeKpiCells, the dashboard's own function. */
export async function evidenceFigure(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  cache: FigureCache = new Map(),
): Promise<EvidenceFigure | null> {
  if (!evidence.kpiId) return null;
  const key = [evidence.surveyId, evidence.periodType, evidence.segmentType ?? ""].join("\u0000");
  let cells = cache.get(key);
  if (!cells) {
    try {
      cells = await computeKpiCells(db, {
        forumId,
        surveyId: evidence.surveyId,
        periodType: evidence.periodType,
        by: evidence.segmentType ?? undefined,
      });
    } catch (error) {
      if (error instanceof KpiRequestError) return null;
      throw error;
    }
    cache.set(key, cells);
  }
  const segmentType = evidence.segmentType ?? ALL_SEGMENT;
  const segmentValue = evidence.segmentType ? evidence.segmentValue : ALL_SEGMENT;
  const mine = cells.filter((c) => c.kpi_id === evidence.kpiId && c.segment_type === segmentType && c.segment_value === segmentValue);
  return {
    baseline: mine.find((c) => c.time_period === evidence.period) ?? null,
    latest: mine.at(-1) ?? null,
    periodType: evidence.periodType,
  };
}

export interface DraftEvidence {
  problems: FieldProblem[];
  /** Periods with responses for the chosen survey, newest first (suggestions for the period box). */
  periods: string[];
  kpis: { id: string; name: string }[];
  segments: SegmentChoice[];
  /** Approved answers from the cell tagged with the chosen themes; null until a survey and period are chosen. */
  quotes: QuoteChoices | null;
  figure: EvidenceFigure | null;
}

/** What the draft form shows for an evidence choice: the figure, and the answers it may quote. */
export async function draftEvidence(
  db: DB,
  forumId: string,
  evidence: YswdEvidence,
  themes: string[],
  attached: string[] = [],
): Promise<DraftEvidence> {
  const surveyId = clean(evidence.surveyId);
  const empty: DraftEvidence = { problems: [], periods: [], kpis: [], segments: [], quotes: null, figure: null };
  if (!surveyId) return empty;
  const survey = (await evidenceSurveys(db, forumId)).find((s) => s.id === surveyId);
  if (!survey) return { ...empty, problems: [{ field: "survey", message: "Choose a published survey of this forum" }] };
  const kpis = (await applicableKpis(db, forumId, surveyId)).map((k) => ({ id: k.id, name: k.name }));
  const periods: string[] = [];
  for (const type of ["stocktake", "quarter", "academic_year"] as const) {
    periods.push(...(await periodsWithResponses(db, forumId, surveyId, type)).reverse());
  }
  const base = { ...empty, periods, kpis, segments: segmentChoices(survey.definition) };
  if (!clean(evidence.period)) return base;
  const { evidence: checked, problems } = await checkEvidence(db, forumId, evidence);
  if (!checked) return { ...base, problems };
  return {
    ...base,
    quotes: await offeredQuotes(db, forumId, checked, themes, attached),
    figure: await evidenceFigure(db, forumId, checked),
  };
}

/** Answers tagged with any of the themes, plus those already attached, newest 100. */
async function offeredQuotes(
  db: DB,
  forumId: string,
  evidence: CheckedEvidence,
  themes: string[],
  attached: string[],
): Promise<QuoteChoices> {
  const all = await quoteChoices(db, forumId, evidence);
  const wanted = new Set(themes);
  const kept = new Set(attached);
  const quotes = all.quotes.filter((q) => kept.has(q.itemId) || q.themes.some((code) => wanted.has(code)));
  return { cellResponses: all.cellResponses, quotes: quotes.slice(-100) };
}

/** Checks quotes to attach against the cell: every one must be offered there, and quotable. */
async function checkQuotes(db: DB, forumId: string, evidence: CheckedEvidence | null, quoteIds: string[]): Promise<FieldProblem[]> {
  const ids = [...new Set(quoteIds)];
  if (ids.length === 0) return [];
  if (!evidence) return [{ field: "quotes", message: "Choose the survey and period the quotes come from" }];
  const choices = await quoteChoices(db, forumId, evidence);
  const byId = new Map(choices.quotes.map((q) => [q.itemId, q]));
  const problems: FieldProblem[] = [];
  for (const id of ids) {
    const choice = byId.get(id);
    if (!choice) {
      problems.push({
        field: "quotes",
        code: "not_in_cell",
        message: "A chosen answer is not an approved answer from this survey, period and group",
      });
    } else if (choice.refusal === "small_cell") {
      problems.push({
        field: "quotes",
        code: "small_cell",
        message: "Fewer than 10 responses in this group: its answers cannot be quoted",
      });
    } else if (choice.refusal === "no_consent") {
      problems.push({
        field: "quotes",
        code: "no_consent",
        message: "A chosen answer cannot be quoted: the family did not agree to quotes",
      });
    }
  }
  // One message per kind is enough for the error summary.
  return problems.filter((p, i) => problems.findIndex((q) => q.code === p.code) === i);
}

// ---------------------------------------------------------------------------------------------
// Reading items

const ITEM_COLUMNS = [
  "i.id",
  "i.reference",
  "i.title",
  "i.said_plain",
  "i.said_easy_read",
  "i.translations",
  "i.survey_id",
  "i.period_type",
  "i.period",
  "i.segment_type",
  "i.segment_value",
  "i.kpi_id",
  "i.what_done",
  "i.not_possible_reason",
  "i.involvement",
  "i.owner_org",
  "i.owner_role",
  "i.status",
  "i.visibility",
  "i.raised_on",
  "i.response_published_on",
  "i.target_on",
  "i.completed_on",
  "i.next_review_on",
  "i.published_at",
  "i.created_at",
  "i.updated_at",
] as const;

function itemQuery(db: DB, forumId: string) {
  return db.selectFrom("yswd_items as i").select(ITEM_COLUMNS).where("i.forum_id", "=", forumId).where("i.deleted_at", "is", null);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>["executeTakeFirstOrThrow"]>>;

export interface YswdItem {
  id: string;
  reference: string;
  title: string;
  saidPlain: string;
  saidEasyRead: string | null;
  translations: YswdTranslations;
  evidence: YswdEvidence;
  whatDone: string | null;
  notPossibleReason: string | null;
  involvement: InvolvementLevel;
  ownerOrg: string;
  ownerRole: string;
  status: YswdStatus;
  visibility: YswdVisibility;
  raisedOn: string;
  responsePublishedOn: string | null;
  targetOn: string | null;
  completedOn: string | null;
  nextReviewOn: string | null;
  publishedAt: string | null;
  updatedAt: string;
  themes: ThemeOption[];
}

function parseTranslations(text: string): YswdTranslations {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as YswdTranslations) : {};
  } catch {
    return {};
  }
}

function toItem(row: ItemRow, themes: ThemeOption[]): YswdItem {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    saidPlain: row.said_plain,
    saidEasyRead: row.said_easy_read,
    translations: parseTranslations(row.translations),
    evidence: {
      surveyId: row.survey_id,
      period: row.period,
      kpiId: row.kpi_id,
      segmentType: row.segment_type,
      segmentValue: row.segment_value,
    },
    whatDone: row.what_done,
    notPossibleReason: row.not_possible_reason,
    involvement: row.involvement as InvolvementLevel,
    ownerOrg: row.owner_org,
    ownerRole: row.owner_role,
    status: isYswdStatus(row.status) ? row.status : "received",
    visibility: row.visibility === "board" ? "board" : "public",
    raisedOn: row.raised_on,
    responsePublishedOn: row.response_published_on,
    targetOn: row.target_on,
    completedOn: row.completed_on,
    nextReviewOn: row.next_review_on,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    themes,
  };
}

async function themesOfItems(db: DB, forumId: string, itemIds: string[]): Promise<Map<string, ThemeOption[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("yswd_item_themes as it")
    .innerJoin("themes as t", "t.id", "it.theme_id")
    .select(["it.item_id", "t.code", "t.label"])
    .where("t.forum_id", "=", forumId)
    .where("it.item_id", "in", itemIds)
    .orderBy("it.sort")
    .orderBy("t.sort")
    .execute();
  return themesByItem(rows);
}

async function toItems(db: DB, forumId: string, rows: ItemRow[]): Promise<YswdItem[]> {
  const themes = await themesOfItems(
    db,
    forumId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toItem(row, themes.get(row.id) ?? []));
}

function ruleItem(item: Pick<YswdItem, keyof YswdRuleItem>): YswdRuleItem {
  return {
    status: item.status,
    whatDone: item.whatDone,
    notPossibleReason: item.notPossibleReason,
    raisedOn: item.raisedOn,
    responsePublishedOn: item.responsePublishedOn,
    targetOn: item.targetOn,
    completedOn: item.completedOn,
    nextReviewOn: item.nextReviewOn,
  };
}

export interface YswdListFilter {
  status?: YswdStatus;
  theme?: string;
  state?: "draft" | "published";
}

function themeFilter(forumId: string, code: string) {
  return (eb: ExpressionBuilder<Database & { i: Database["yswd_items"] }, "i">): Expression<SqlBool> =>
    eb.exists(
      eb
        .selectFrom("yswd_item_themes as it")
        .innerJoin("themes as t", "t.id", "it.theme_id")
        .select(sql<number>`1`.as("one"))
        .whereRef("it.item_id", "=", "i.id")
        .where("t.forum_id", "=", forumId)
        .where("t.code", "=", code),
    );
}

/** The register for staff: drafts and published items, newest reference first. */
export async function listItems(db: DB, forumId: string, filter: YswdListFilter = {}): Promise<YswdItem[]> {
  let query = itemQuery(db, forumId);
  if (filter.status) query = query.where("i.status", "=", filter.status);
  if (filter.theme) query = query.where(themeFilter(forumId, filter.theme));
  if (filter.state === "draft") query = query.where("i.published_at", "is", null);
  if (filter.state === "published") query = query.where("i.published_at", "is not", null);
  const rows = await query.orderBy("i.raised_on", "desc").orderBy("i.reference", "desc").execute();
  return toItems(db, forumId, rows);
}

export async function getItem(db: DB, forumId: string, itemId: string): Promise<YswdItem | undefined> {
  const row = await itemQuery(db, forumId).where("i.id", "=", itemId).executeTakeFirst();
  return row ? (await toItems(db, forumId, [row]))[0] : undefined;
}

export interface HistoryEntry {
  status: YswdStatus;
  changedOn: string;
  note: string | null;
}

export async function itemHistory(db: DB, forumId: string, itemId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("yswd_status_history")
    .select(["status", "changed_on", "note"])
    .where("forum_id", "=", forumId)
    .where("item_id", "=", itemId)
    .orderBy("changed_on")
    .orderBy("recorded_at")
    .execute();
  return rows.map((r) => ({ status: isYswdStatus(r.status) ? r.status : "received", changedOn: r.changed_on, note: r.note }));
}

export async function attachedQuoteIds(db: DB, forumId: string, itemId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("yswd_quotes as q")
    .innerJoin("yswd_items as i", "i.id", "q.item_id")
    .select("q.moderation_item_id")
    .where("i.forum_id", "=", forumId)
    .where("q.item_id", "=", itemId)
    .orderBy("q.created_at")
    .orderBy("q.moderation_item_id")
    .execute();
  return rows.map((r) => r.moderation_item_id);
}

export interface ItemEvidence {
  checked: CheckedEvidence | null;
  figure: EvidenceFigure | null;
  cellResponses: number | null;
  /** Attached quotes that may be shown now (approved, consented, from a cell with n ≥ 10). */
  quotes: QuoteChoice[];
  /** Attached answers that can no longer be shown (withdrawn, rejected, flagged, or not quotable). */
  unavailableQuotes: number;
}

/** The item's evidence as it stands now, every check made afresh. */
export async function itemEvidence(db: DB, forumId: string, item: YswdItem, cache?: FigureCache): Promise<ItemEvidence> {
  return evidenceFor(db, forumId, item.evidence, await attachedQuoteIds(db, forumId, item.id), cache);
}

/** Evidence and attached quotes as they stand now (also for an edit before it is saved). */
async function evidenceFor(db: DB, forumId: string, input: YswdEvidence, attached: string[], cache?: FigureCache): Promise<ItemEvidence> {
  const { evidence: checked } = await checkEvidence(db, forumId, input);
  if (!checked) return { checked: null, figure: null, cellResponses: null, quotes: [], unavailableQuotes: attached.length };
  const figure = await evidenceFigure(db, forumId, checked, cache);
  if (attached.length === 0) return { checked, figure, cellResponses: null, quotes: [], unavailableQuotes: 0 };
  const choices = await quoteChoices(db, forumId, checked);
  const wanted = new Set(attached);
  const quotes = choices.quotes.filter((q) => wanted.has(q.itemId) && q.refusal === null);
  return { checked, figure, cellResponses: choices.cellResponses, quotes, unavailableQuotes: wanted.size - quotes.length };
}

/** What would stop this item being published now (empty: it may be published). */
export function publishingProblems(item: YswdItem, evidence: ItemEvidence): YswdProblem[] {
  return publishProblems(ruleItem(item), {
    publishedFigure: evidence.figure?.baseline?.n != null,
    usableQuotes: evidence.quotes.length,
  });
}

// ---------------------------------------------------------------------------------------------
// Writing items

function assertCanEdit(actor: YswdActor, item: { publishedAt: string | null }): void {
  if (actor.role === "admin") return;
  if (actor.role !== "moderator") throw new YswdNotAllowed("only admins and moderators keep the register");
  if (item.publishedAt) throw new YswdNotAllowed("only admins change a published item");
}

function assertAdmin(actor: YswdActor, what: string): void {
  if (actor.role !== "admin") throw new YswdNotAllowed(`only admins ${what}`);
}

function cleanTranslations(translations: YswdTranslations): YswdTranslations {
  const result: YswdTranslations = {};
  for (const [language, t] of Object.entries(translations)) {
    if (!t || !/^[a-z]{2,3}$/.test(language)) continue;
    const entry: YswdTranslation = {};
    for (const key of ["title", "saidPlain", "saidEasyRead", "whatDone", "notPossibleReason"] as const) {
      const value = clean(t[key]);
      if (value) entry[key] = value;
    }
    if (Object.keys(entry).length > 0) result[language] = entry;
  }
  return result;
}

async function themeIds(db: DB, forumId: string, codes: string[]): Promise<{ ids: string[]; problem?: FieldProblem }> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return { ids: [], problem: { field: "themes", message: "Choose at least one theme" } };
  const rows = await db.selectFrom("themes").select(["id", "code"]).where("forum_id", "=", forumId).where("code", "in", wanted).execute();
  if (rows.length !== wanted.length) return { ids: [], problem: { field: "themes", message: "Choose themes from the list" } };
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  return { ids: wanted.flatMap((c) => byCode.get(c) ?? []) };
}

async function setItemThemes(db: DB, itemId: string, ids: string[]): Promise<void> {
  await db.deleteFrom("yswd_item_themes").where("item_id", "=", itemId).execute();
  if (ids.length > 0) {
    await db
      .insertInto("yswd_item_themes")
      .values(ids.map((theme_id, sort) => ({ item_id: itemId, theme_id, sort })))
      .execute();
  }
}

async function setItemQuotes(db: DB, itemId: string, quoteIds: string[]): Promise<void> {
  await db.deleteFrom("yswd_quotes").where("item_id", "=", itemId).execute();
  const ids = [...new Set(quoteIds)];
  if (ids.length > 0) {
    const now = new Date().toISOString();
    await db
      .insertInto("yswd_quotes")
      .values(ids.map((moderation_item_id) => ({ item_id: itemId, moderation_item_id, created_at: now })))
      .execute();
  }
}

/** Checks a whole item as entered; `status` is the status it has (or starts with). */
async function checkInput(
  db: DB,
  forumId: string,
  input: YswdInput,
  status: YswdStatus,
): Promise<{ problems: FieldProblem[]; themeIds: string[]; evidence: CheckedEvidence | null }> {
  const problems: FieldProblem[] = [];
  const themes = await themeIds(db, forumId, input.themes);
  if (themes.problem) problems.push(themes.problem);
  const { evidence, problems: evidenceProblems } = await checkEvidence(db, forumId, input.evidence);
  problems.push(...evidenceProblems);
  if (evidenceProblems.length === 0) problems.push(...(await checkQuotes(db, forumId, evidence, input.quoteIds)));
  problems.push(...itemProblems({ ...inputRuleItem(input), status }));
  return { problems, themeIds: themes.ids, evidence };
}

function inputRuleItem(input: YswdInput): Omit<YswdRuleItem, "status"> {
  return {
    whatDone: clean(input.whatDone),
    notPossibleReason: clean(input.notPossibleReason),
    raisedOn: input.raisedOn,
    responsePublishedOn: input.responsePublishedOn,
    targetOn: input.targetOn,
    completedOn: input.completedOn,
    nextReviewOn: input.nextReviewOn,
  };
}

function itemColumns(input: YswdInput, evidence: CheckedEvidence | null) {
  return {
    title: input.title.trim(),
    said_plain: input.saidPlain.trim(),
    said_easy_read: clean(input.saidEasyRead),
    translations: JSON.stringify(cleanTranslations(input.translations)),
    survey_id: evidence?.surveyId ?? null,
    period_type: evidence?.periodType ?? null,
    period: evidence?.period ?? null,
    segment_type: evidence?.segmentType ?? null,
    segment_value: evidence?.segmentValue ?? null,
    kpi_id: evidence?.kpiId ?? null,
    what_done: clean(input.whatDone),
    not_possible_reason: clean(input.notPossibleReason),
    involvement: input.involvement,
    owner_org: input.ownerOrg.trim(),
    owner_role: input.ownerRole.trim(),
    visibility: input.visibility,
    raised_on: input.raisedOn,
    response_published_on: input.responsePublishedOn,
    target_on: input.targetOn,
    completed_on: input.completedOn,
    next_review_on: input.nextReviewOn,
  };
}

/** Drafts a new item (unpublished) with the next reference of the year it was raised. */
export async function createItem(db: DB, actor: YswdActor, input: YswdInput, options: { status?: YswdStatus } = {}): Promise<SaveResult> {
  if (actor.role !== "admin" && actor.role !== "moderator") throw new YswdNotAllowed("only admins and moderators keep the register");
  const status = options.status ?? "received";
  const checked = await checkInput(db, actor.forumId, input, status);
  if (checked.problems.length > 0) return { status: "invalid", problems: checked.problems };
  const year = Number(input.raisedOn.slice(0, 4));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("yswd_items")
          .select("reference")
          .where("forum_id", "=", actor.forumId)
          .where("reference", "like", `YSWD-${year}-%`)
          .execute();
        const reference = nextReference(
          existing.map((r) => r.reference),
          year,
        );
        const id = newId();
        const now = new Date().toISOString();
        await trx
          .insertInto("yswd_items")
          .values({
            id,
            forum_id: actor.forumId,
            reference,
            ...itemColumns(input, checked.evidence),
            status,
            published_at: null,
            created_by: actor.user.id,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await setItemThemes(trx, id, checked.themeIds);
        await setItemQuotes(trx, id, input.quoteIds);
        await trx
          .insertInto("yswd_status_history")
          .values({
            id: newId(),
            forum_id: actor.forumId,
            item_id: id,
            status,
            changed_on: input.raisedOn,
            note: null,
            changed_by: actor.user.id,
            recorded_at: now,
          })
          .execute();
        await recordAudit(trx, {
          forumId: actor.forumId,
          actor: actor.user.id,
          action: "yswd.created",
          subject: id,
          detail: { reference, status },
        });
        return { status: "saved" as const, id, reference };
      });
    } catch (error) {
      // Two drafts raised at once may take the same number: the second tries the next one.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Saves an item's content, themes, evidence and quotes (its status changes through changeStatus).
 * A published item must still meet everything publishing needs, so an edit cannot quietly
 * remove its evidence.
 */
export async function updateItem(db: DB, actor: YswdActor, itemId: string, input: YswdInput): Promise<SaveResult> {
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  assertCanEdit(actor, item);
  const checked = await checkInput(db, actor.forumId, input, item.status);
  if (checked.problems.length > 0) return { status: "invalid", problems: checked.problems };
  if (item.publishedAt) {
    const after: YswdItem = { ...item, ...inputRuleItem(input), status: item.status };
    const evidence = await evidenceFor(db, actor.forumId, input.evidence, input.quoteIds);
    const problems = publishingProblems(after, evidence);
    if (problems.length > 0)
      return { status: "invalid", problems: problems.map((p) => ({ field: p.field, message: p.message, code: p.code })) };
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("yswd_items")
      .set({ ...itemColumns(input, checked.evidence), updated_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await setItemThemes(trx, itemId, checked.themeIds);
    await setItemQuotes(trx, itemId, input.quoteIds);
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.updated",
      subject: itemId,
      detail: { reference: item.reference },
    });
  });
  return { status: "saved", id: itemId, reference: item.reference };
}

export type StatusChangeResult = { status: "changed" } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

/**
 * Moves an item along the workflow with a dated history entry. Done and not possible set the
 * completion date (the date given, or today); reopening clears it. The note is public on a
 * published item's page.
 */
export async function changeStatus(
  db: DB,
  actor: YswdActor,
  itemId: string,
  change: { to: YswdStatus; note?: string | null; on?: string | null },
): Promise<StatusChangeResult> {
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  assertCanEdit(actor, item);
  const on = change.on ?? today();
  const problems: FieldProblem[] = statusChangeProblems(ruleItem(item), change.to).map((p) => ({
    field: p.field,
    message: p.message,
    code: p.code,
  }));
  if (on < item.raisedOn)
    problems.push({ field: "on", message: "The date of the change must be on or after the date the item was raised" });
  const note = clean(change.note);
  if (note && note.length > SYSTEM_NOTE_LIMIT) problems.push({ field: "note", message: "The note must be 2,000 characters or fewer" });
  if (problems.length > 0) return { status: "invalid", problems };
  const completedOn = isClosingStatus(change.to) ? on : change.to === "superseded" ? item.completedOn : null;
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({ status: change.to, completed_on: completedOn, updated_at: now })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await trx
      .insertInto("yswd_status_history")
      .values({
        id: newId(),
        forum_id: actor.forumId,
        item_id: itemId,
        status: change.to,
        changed_on: on,
        note,
        changed_by: actor.user.id,
        recorded_at: now,
      })
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.status_changed",
      subject: itemId,
      detail: { reference: item.reference, from: item.status, to: change.to },
    });
  });
  return { status: "changed" };
}

export type PublishResult = { status: "published" } | { status: "invalid"; problems: FieldProblem[] } | { status: "not_found" };

/**
 * Publishes an item (to the public pages, or to the board only, by its visibility). Needs its
 * status rules met and at least one piece of approved evidence: a KPI figure SDC-1 lets through,
 * or an attached quote that may be shown. Sets the response-published date if it has none.
 */
export async function publishItem(db: DB, actor: YswdActor, itemId: string, cache?: FigureCache): Promise<PublishResult> {
  assertAdmin(actor, "publish");
  const item = await getItem(db, actor.forumId, itemId);
  if (!item) return { status: "not_found" };
  const evidence = await itemEvidence(db, actor.forumId, item, cache);
  const problems = publishingProblems(item, evidence);
  if (problems.length > 0)
    return { status: "invalid", problems: problems.map((p) => ({ field: p.field, message: p.message, code: p.code })) };
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({ published_at: item.publishedAt ?? now, response_published_on: item.responsePublishedOn ?? londonDate(now), updated_at: now })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.published",
      subject: itemId,
      detail: { reference: item.reference, visibility: item.visibility },
    });
  });
  return { status: "published" };
}

export async function unpublishItem(db: DB, actor: YswdActor, itemId: string): Promise<boolean> {
  assertAdmin(actor, "unpublish");
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("yswd_items")
      .select(["reference"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!item) return false;
    await trx
      .updateTable("yswd_items")
      .set({ published_at: null, updated_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.unpublished",
      subject: itemId,
      detail: { reference: item.reference },
    });
    return true;
  });
}

/**
 * Deletes an item: its content, themes, quotes and history go, and an empty row keeps the
 * reference taken, so a reference someone has written down never points at another item.
 */
export async function deleteItem(db: DB, actor: YswdActor, itemId: string): Promise<boolean> {
  assertAdmin(actor, "delete");
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("yswd_items")
      .select(["reference"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!item) return false;
    await trx.deleteFrom("yswd_quotes").where("item_id", "=", itemId).execute();
    await trx.deleteFrom("yswd_item_themes").where("item_id", "=", itemId).execute();
    await trx.deleteFrom("yswd_status_history").where("item_id", "=", itemId).execute();
    const now = new Date().toISOString();
    await trx
      .updateTable("yswd_items")
      .set({
        title: "",
        said_plain: "",
        said_easy_read: null,
        translations: "{}",
        what_done: null,
        not_possible_reason: null,
        owner_org: "",
        owner_role: "",
        published_at: null,
        deleted_at: now,
        updated_at: now,
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "yswd.deleted",
      subject: itemId,
      detail: { reference: item.reference },
    });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Surveys, KPIs and groups the forms offer

export interface EvidenceSurvey {
  id: string;
  slug: string;
  publicId: string;
  definition: SurveyDefinition;
}

/** The forum's surveys with a published version (evidence comes only from those). */
export async function evidenceSurveys(db: DB, forumId: string): Promise<EvidenceSurvey[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.slug", "surveys.public_id", "survey_versions.definition"])
    .where("surveys.forum_id", "=", forumId)
    .where("survey_versions.published_at", "is not", null)
    .orderBy("surveys.created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, publicId: r.public_id, definition: JSON.parse(r.definition) as SurveyDefinition }));
}

export interface SegmentChoice {
  type: string;
  value: string;
  /** English, for staff forms. */
  label: string;
}

/** The groups a survey's evidence may be narrowed to: each segment question's options, plus unknown. */
export function segmentChoices(definition: SurveyDefinition): SegmentChoice[] {
  const choices: SegmentChoice[] = [];
  for (const q of definition.questions) {
    if (q.role !== "segment" || (RESPONSE_SEGMENTS as readonly string[]).includes(q.code)) continue;
    for (const o of q.options ?? []) choices.push({ type: q.code, value: o.code, label: `${q.code}: ${o.label.en}` });
    choices.push({ type: q.code, value: UNKNOWN_SEGMENT_VALUE, label: `${q.code}: not answered` });
  }
  for (const language of definition.languages) choices.push({ type: "language", value: language, label: `language: ${language}` });
  return choices;
}

// ---------------------------------------------------------------------------------------------
// Public pages

/** The forum a public page is about: named by slug, or the only forum there is. */
export type PublicForum =
  { kind: "forum"; forum: ForumSummary; qualified: boolean } | { kind: "choose"; forums: ForumSummary[] } | { kind: "none" };

export async function resolvePublicForum(db: DB, slug: string | null): Promise<PublicForum> {
  if (slug) {
    const forum = await findForumBySlug(db, slug);
    return forum ? { kind: "forum", forum, qualified: true } : { kind: "none" };
  }
  const forums = await db.selectFrom("forums").select(["id", "slug", "name", "colour"]).orderBy("name").limit(500).execute();
  if (forums.length === 0) return { kind: "none" };
  if (forums.length === 1) return { kind: "forum", forum: forums[0], qualified: false };
  return { kind: "choose", forums };
}

function publicQuery(db: DB, forumId: string) {
  return itemQuery(db, forumId).where("i.published_at", "is not", null).where("i.visibility", "=", "public");
}

/** Published, public items only: never a draft, never a board-only item. */
export async function listPublicItems(db: DB, forumId: string, filter: { theme?: string; status?: YswdStatus } = {}): Promise<YswdItem[]> {
  let query = publicQuery(db, forumId);
  if (filter.status) query = query.where("i.status", "=", filter.status);
  if (filter.theme) query = query.where(themeFilter(forumId, filter.theme));
  const rows = await query.orderBy("i.raised_on", "desc").orderBy("i.reference", "desc").execute();
  return toItems(db, forumId, rows);
}

export interface PublicItemPage {
  item: YswdItem;
  evidence: ItemEvidence;
  history: HistoryEntry[];
  survey: EvidenceSurvey | null;
}

export async function getPublicItem(db: DB, forumId: string, reference: string): Promise<PublicItemPage | undefined> {
  const row = await publicQuery(db, forumId).where("i.reference", "=", reference).executeTakeFirst();
  if (!row) return undefined;
  const [item] = await toItems(db, forumId, [row]);
  const evidence = await itemEvidence(db, forumId, item);
  const survey = item.evidence.surveyId
    ? ((await evidenceSurveys(db, forumId)).find((s) => s.id === item.evidence.surveyId) ?? null)
    : null;
  return { item, evidence, history: await itemHistory(db, forumId, item.id), survey };
}

/** The public items for the Atom feed, most recently updated first. */
export async function feedItems(db: DB, forumId: string, limit = 50): Promise<YswdItem[]> {
  const rows = await publicQuery(db, forumId).orderBy("i.updated_at", "desc").limit(limit).execute();
  return toItems(db, forumId, rows);
}

// ---------------------------------------------------------------------------------------------
// The board

export interface BoardRegister {
  periodType: PeriodType;
  today: string;
  /** Published items (public or board only) overdue or due for review within the look-ahead. */
  review: (YswdItem & { review: "overdue" | "due" })[];
  k14: KpiCell[];
  responseTimes: ResponseTime[];
}

/** The board's section: reviews due, K14 per period and the median days to a response. */
export async function boardRegister(
  db: DB,
  forumId: string,
  options: { periodType: PeriodType; today?: string; lookAheadDays?: number },
): Promise<BoardRegister> {
  const day = options.today ?? today();
  const items = await toItems(db, forumId, await itemQuery(db, forumId).where("i.published_at", "is not", null).execute());
  const dueBy = addDays(day, options.lookAheadDays ?? 31);
  const review = items
    .map((item) => ({ ...item, review: dueForReview(item, day, dueBy) }))
    .filter((item): item is YswdItem & { review: "overdue" | "due" } => item.review !== null)
    .sort((a, b) => (a.nextReviewOn ?? "").localeCompare(b.nextReviewOn ?? "") || a.reference.localeCompare(b.reference));
  const closure = items.map((item) => ({
    status: item.status,
    targetOn: item.targetOn,
    completedOn: item.completedOn,
    notPossibleReason: item.notPossibleReason,
    published: item.publishedAt !== null,
  }));
  return {
    periodType: options.periodType,
    today: day,
    review,
    k14: closureRateCells(closure, options.periodType),
    responseTimes: responseTimes(
      items.map((item) => ({
        raisedOn: item.raisedOn,
        responsePublishedOn: item.responsePublishedOn,
        published: item.publishedAt !== null,
      })),
      options.periodType,
    ),
  };
}

export const REGISTER_CSV_COLUMNS = [
  "reference",
  "title",
  "themes",
  "status",
  "visibility",
  "involvement",
  "owner_org",
  "owner_role",
  "raised_on",
  "response_published_on",
  "target_on",
  "completed_on",
  "next_review_on",
  "survey",
  "time_identifier",
  "time_period",
  "segment_type",
  "segment_value",
  "kpi_id",
  "baseline_n",
  "baseline_percent",
  "baseline_ci_lower",
  "baseline_ci_upper",
  "latest_period",
  "latest_n",
  "latest_percent",
  "latest_ci_lower",
  "latest_ci_upper",
  "quotes",
  "said_plain",
  "what_done",
  "not_possible_reason",
] as const;

/**
 * The published register (public and board-only items) as CSV, one row per reference. Figures
 * are the published (SDC-1) cells; quotes are counted, never copied, so no answer leaves here.
 */
export async function registerCsv(db: DB, forumId: string): Promise<string> {
  const rows = await itemQuery(db, forumId).where("i.published_at", "is not", null).orderBy("i.reference").execute();
  const items = await toItems(db, forumId, rows);
  const surveys = new Map((await evidenceSurveys(db, forumId)).map((s) => [s.id, s.slug]));
  const cache: FigureCache = new Map();
  const lines = [csvRow([...REGISTER_CSV_COLUMNS])];
  for (const item of items) {
    const evidence = await itemEvidence(db, forumId, item, cache);
    const baseline = evidence.figure?.baseline ?? null;
    const latest = evidence.figure?.latest ?? null;
    lines.push(
      csvRow([
        item.reference,
        item.title,
        item.themes.map((t) => t.code).join(";"),
        item.status,
        item.visibility,
        item.involvement,
        item.ownerOrg,
        item.ownerRole,
        item.raisedOn,
        item.responsePublishedOn,
        item.targetOn,
        item.completedOn,
        item.nextReviewOn,
        item.evidence.surveyId ? (surveys.get(item.evidence.surveyId) ?? "") : "",
        evidence.checked?.periodType ?? "",
        item.evidence.period,
        item.evidence.segmentType,
        item.evidence.segmentValue,
        item.evidence.kpiId,
        baseline?.n,
        baseline?.percent,
        baseline?.ci_lower,
        baseline?.ci_upper,
        latest?.time_period,
        latest?.n,
        latest?.percent,
        latest?.ci_lower,
        latest?.ci_upper,
        evidence.quotes.length,
        item.saidPlain,
        item.whatDone,
        item.notPossibleReason,
      ]),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Demo data

/**
 * Three demo items for the demo forum (done, in progress, not possible with a reason), with the
 * parent survey's K1 as evidence, built through the same functions staff use. Items whose
 * evidence turns out suppressed stay as drafts rather than being published without evidence.
 */
export async function seedDemoYouSaidWeDid(db: DB, forumId: string, now: Date): Promise<number> {
  const survey = await db
    .selectFrom("surveys")
    .select("id")
    .where("forum_id", "=", forumId)
    .where("slug", "=", "parent-carer-experience")
    .executeTakeFirst();
  if (!survey) return 0;
  const system: YswdActor = { forumId, role: "admin", user: { id: "system" } };
  const day = londonDate(now);
  const ago = (days: number) => addDays(day, -days);
  const demo: {
    input: Omit<YswdInput, "evidence" | "quoteIds" | "translations" | "completedOn" | "visibility" | "saidEasyRead">;
    ur: YswdTranslation;
    steps: { to: YswdStatus; daysAgo: number; note: string }[];
  }[] = [
    {
      input: {
        title: "Regular updates during EHC needs assessments",
        themes: ["ehc_needs_assessment", "communication"],
        saidPlain: "Families told us they hear nothing for weeks once an EHC needs assessment starts, and do not know who to ask.",
        whatDone: "Every family now gets a written update at weeks 6, 12 and 16 of the assessment, with the name of the team to contact.",
        notPossibleReason: null,
        involvement: "co_produce",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Head of SEND assessment",
        raisedOn: ago(330),
        responsePublishedOn: ago(300),
        targetOn: ago(120),
        nextReviewOn: ago(10),
      },
      ur: {
        title: "EHC ضروریات کی جانچ کے دوران باقاعدہ اطلاع",
        saidPlain:
          "خاندانوں نے بتایا کہ EHC ضروریات کی جانچ شروع ہونے کے بعد کئی ہفتوں تک انہیں کچھ پتا نہیں چلتا، اور نہ یہ معلوم ہوتا ہے کہ کس سے پوچھیں۔",
        whatDone:
          "اب ہر خاندان کو جانچ کے چھٹے، بارہویں اور سولہویں ہفتے میں تحریری اطلاع ملتی ہے، اور ساتھ میں رابطے کے لیے ٹیم کا نام بھی۔",
      },
      steps: [
        { to: "agreed", daysAgo: 300, note: "Agreed at the SEND improvement board." },
        { to: "in_progress", daysAgo: 260, note: "Letters drafted with parent carers." },
        { to: "done", daysAgo: 150, note: "Updates are now sent to every family." },
      ],
    },
    {
      input: {
        title: "Local Offer information that is easy to find",
        themes: ["information"],
        saidPlain: "Families said it is hard to find information about SEND support, and that most of it is only in English.",
        whatDone: "The Local Offer pages are being rewritten with parent carers, starting with EHC plans and transport.",
        notPossibleReason: null,
        involvement: "co_design",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Local Offer manager",
        raisedOn: ago(200),
        responsePublishedOn: ago(170),
        targetOn: addDays(day, 60),
        nextReviewOn: addDays(day, 14),
      },
      ur: {
        title: "لوکل آفر کی معلومات جو آسانی سے مل سکیں",
        saidPlain: "خاندانوں نے کہا کہ SEND مدد کے بارے میں معلومات تلاش کرنا مشکل ہے، اور زیادہ تر معلومات صرف انگریزی میں ہیں۔",
        whatDone: "لوکل آفر کے صفحات والدین کے ساتھ مل کر دوبارہ لکھے جا رہے ہیں، پہلے EHC پلان اور ٹرانسپورٹ کے صفحات۔",
      },
      steps: [
        { to: "agreed", daysAgo: 170, note: "Agreed with the Local Offer team." },
        { to: "in_progress", daysAgo: 90, note: "First pages in review with parent carers." },
      ],
    },
    {
      input: {
        title: "The same driver on every school transport route",
        themes: ["transport"],
        saidPlain: "Families asked for the same driver and passenger assistant every day, because changes upset their children.",
        whatDone: null,
        notPossibleReason:
          "Transport is run by several companies and the council cannot promise the same driver every day. Instead, each route now has a named coordinator families can call when staff change.",
        involvement: "consult",
        ownerOrg: "Birmingham City Council",
        ownerRole: "Travel assist service manager",
        raisedOn: ago(260),
        responsePublishedOn: ago(230),
        targetOn: ago(60),
        nextReviewOn: addDays(day, 90),
      },
      ur: {
        title: "اسکول ٹرانسپورٹ کے ہر روٹ پر ایک ہی ڈرائیور",
        saidPlain: "خاندانوں نے ہر روز ایک ہی ڈرائیور اور مددگار کا مطالبہ کیا، کیونکہ تبدیلی سے ان کے بچے پریشان ہو جاتے ہیں۔",
        notPossibleReason:
          "ٹرانسپورٹ کئی کمپنیاں چلاتی ہیں اور کونسل ہر روز ایک ہی ڈرائیور کا وعدہ نہیں کر سکتی۔ اس کے بجائے اب ہر روٹ کا ایک نامزد رابطہ کار ہے جسے عملہ بدلنے پر خاندان فون کر سکتے ہیں۔",
      },
      steps: [
        { to: "under_review", daysAgo: 230, note: "Looked at with the transport providers." },
        { to: "not_possible", daysAgo: 90, note: "A named coordinator for each route instead." },
      ],
    },
  ];
  const cache: FigureCache = new Map();
  let created = 0;
  for (const entry of demo) {
    const result = await createItem(db, system, {
      ...entry.input,
      saidEasyRead: null,
      translations: { ur: entry.ur },
      evidence: {
        surveyId: survey.id,
        period: periodOf("stocktake", entry.input.raisedOn),
        kpiId: "K1",
        segmentType: null,
        segmentValue: null,
      },
      quoteIds: [],
      completedOn: null,
      visibility: "public",
    });
    if (result.status !== "saved") continue;
    created += 1;
    for (const step of entry.steps) {
      await changeStatus(db, system, result.id, { to: step.to, on: ago(step.daysAgo), note: step.note });
    }
    await publishItem(db, system, result.id, cache);
  }
  return created;
}

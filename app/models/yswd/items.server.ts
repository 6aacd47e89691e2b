/** Reading the register's items, and their evidence as it stands now. */
import { type Expression, type ExpressionBuilder, sql, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { themesByItem } from "~/domain/themes";
import {
  type InvolvementLevel,
  isYswdStatus,
  publishProblems,
  type YswdProblem,
  type YswdRuleItem,
  type YswdStatus,
  type YswdVisibility,
} from "~/domain/yswd";
import type { Database } from "../../../db/schema";
import type { ThemeOption } from "../moderation-themes.server";
import {
  type CheckedEvidence,
  checkEvidence,
  type EvidenceFigure,
  evidenceFigure,
  type FigureCache,
  type QuoteChoice,
  quoteChoices,
} from "./evidence.server";
import type { YswdEvidence, YswdTranslations } from "./shared.server";
import { keptQuotesOf } from "./kept-quotes.server";

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

export function itemQuery(db: DB, forumId: string) {
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

export async function toItems(db: DB, forumId: string, rows: ItemRow[]): Promise<YswdItem[]> {
  const themes = await themesOfItems(
    db,
    forumId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toItem(row, themes.get(row.id) ?? []));
}

export function ruleItem(item: Pick<YswdItem, keyof YswdRuleItem>): YswdRuleItem {
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

export function themeFilter(forumId: string, code: string) {
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
  const evidence = await evidenceFor(db, forumId, item.evidence, await attachedQuoteIds(db, forumId, item.id), cache);
  // Quotes kept after retention deleted their responses stay with the item.
  const kept = await keptQuotesOf(db, forumId, item.id);
  return kept.length === 0 ? evidence : { ...evidence, quotes: [...kept, ...evidence.quotes] };
}

/** Evidence and attached quotes as they stand now (also for an edit before it is saved). */
export async function evidenceFor(
  db: DB,
  forumId: string,
  input: YswdEvidence,
  attached: string[],
  cache?: FigureCache,
): Promise<ItemEvidence> {
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

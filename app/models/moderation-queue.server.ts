import { sql, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { hashToken } from "~/codes.server";
import { applyRedactions, openSuggestions, type RedactionSpan, type RedactionTerm } from "~/domain/pii";
import { themesByItem } from "~/domain/themes";
import { MODERATION_STATES, type ModerationState } from "./moderation-actor.server";
import { listRedactionTerms, type ThemeOption } from "./moderation-themes.server";
import { freeTextCodes, publishedDefinitions, questionTitle } from "./moderation-definitions.server";
import { isPostgres } from "./dialect.server";
import { filterConditions, queueRows, type QueueFilter } from "./moderation-queue-filter.server";

export type { QueueFilter } from "./moderation-queue-filter.server";

export const QUEUE_PAGE_SIZE = 20;
// ---------------------------------------------------------------------------------------------
// Filling the queue

/** A random text id made by the database itself, so the queue fills in one statement. */
function randomIdSql(db: DB) {
  return isPostgres(db) ? sql<string>`cast(gen_random_uuid() as text)` : sql<string>`lower(hex(randomblob(16)))`;
}

/**
 * Queues every submitted free-text answer not yet queued, in one INSERT … SELECT. Items are made
 * lazily (the queue page calls this) so submitting a survey never waits on moderation. In-progress
 * responses never enter: their answers may still change or be abandoned.
 */
export async function ensureQueued(db: DB, forumId: string): Promise<number> {
  const definitions = await publishedDefinitions(db, forumId);
  const versions = [...definitions.entries()]
    .map(([id, definition]) => ({ id, codes: freeTextCodes(definition) }))
    .filter((v) => v.codes.length > 0);
  if (versions.length === 0) return 0;
  const now = new Date().toISOString();
  const result = await db
    .insertInto("moderation_items")
    .columns(["id", "forum_id", "survey_id", "response_id", "question_code", "state", "safeguarding", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("answers")
        .innerJoin("responses", "responses.id", "answers.response_id")
        .select([
          randomIdSql(db).as("id"),
          "responses.forum_id",
          "responses.survey_id",
          "answers.response_id",
          "answers.question_code",
          sql<string>`cast(${"pending"} as text)`.as("state"),
          sql<number>`0`.as("safeguarding"),
          sql<string>`cast(${now} as text)`.as("created_at"),
        ])
        .where("responses.forum_id", "=", forumId)
        .where("answers.forum_id", "=", forumId)
        .where("responses.status", "=", "submitted")
        .where("answers.ordinal", "=", 0)
        .where("answers.text_value", "is not", null)
        .where(sql<SqlBool>`trim(answers.text_value) <> ''`)
        .where((w) =>
          w.or(versions.map((v) => w.and([w("responses.survey_version_id", "=", v.id), w("answers.question_code", "in", v.codes)]))),
        )
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom("moderation_items as queued")
                .select(sql<number>`1`.as("one"))
                .whereRef("queued.response_id", "=", "answers.response_id")
                .whereRef("queued.question_code", "=", "answers.question_code"),
            ),
          ),
        ),
    )
    // Two staff opening the queue at once: the second insert finds the rows and skips them.
    .onConflict((oc) => oc.columns(["response_id", "question_code"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Reading the queue

type SafeguardingStatus = "none" | "open" | "resolved";

interface QueueItem {
  id: string;
  surveyId: string;
  surveyTitle: string;
  questionCode: string;
  questionTitle: string;
  state: ModerationState;
  /** The redacted copy when there is one, else the answer as written. Never the original of a redacted item. */
  text: string;
  redacted: boolean;
  suggestions: RedactionSpan[];
  /** The respondent agreed to their words being quoted. */
  quoteConsent: boolean;
  themes: ThemeOption[];
  safeguarding: SafeguardingStatus;
  submittedOn: string | null;
}

/** Whether a suggestion (by its key) is among an item's dismissed ones, stored as hashes. */
export function dismissedIn(stored: string | null): (key: string) => boolean {
  const hashes = new Set<string>(stored ? (JSON.parse(stored) as string[]) : []);
  return (key) => hashes.has(hashToken(key));
}

export function baseItems(db: DB, forumId: string) {
  return db
    .selectFrom("moderation_items as m")
    .innerJoin("answers as a", (join) =>
      join
        .onRef("a.response_id", "=", "m.response_id")
        .onRef("a.question_code", "=", "m.question_code")
        .onRef("a.forum_id", "=", "m.forum_id")
        .on("a.ordinal", "=", 0),
    )
    .innerJoin("responses as r", "r.id", "m.response_id")
    .leftJoin("consents as c", (join) => join.onRef("c.response_id", "=", "m.response_id").on("c.purpose", "=", "quotes"))
    .where("m.forum_id", "=", forumId)
    .where("r.status", "=", "submitted")
    .select((eb) => [
      "m.id",
      "m.survey_id",
      "m.question_code",
      "m.state",
      // The original never leaves the database here: the redacted copy replaces it in SQL.
      eb.fn.coalesce("m.redacted_text", "a.text_value").as("text"),
      sql<number>`case when m.redacted_text is null then 0 else 1 end`.as("redacted"),
      "m.safeguarding",
      "m.safeguarding_resolved_at",
      "m.dismissed_suggestions",
      "r.survey_version_id",
      "r.submitted_on",
      "r.submitted_at",
      "c.granted as quote_granted",
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseItems>["execute"]>>[number];

export function safeguardingOf(row: { safeguarding: number | null; safeguarding_resolved_at: string | null }): SafeguardingStatus {
  if (Number(row.safeguarding) !== 1) return "none";
  return row.safeguarding_resolved_at ? "resolved" : "open";
}

export async function themesOf(db: DB, forumId: string, itemIds: string[]): Promise<Map<string, ThemeOption[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("moderation_item_themes as mit")
    .innerJoin("themes as t", "t.id", "mit.theme_id")
    .select(["mit.item_id", "t.code", "t.label"])
    .where("mit.item_id", "in", itemIds)
    .where("t.forum_id", "=", forumId)
    .orderBy("t.sort")
    .execute();
  return themesByItem(rows);
}

async function toQueueItems(db: DB, forumId: string, rows: BaseRow[], terms: RedactionTerm[]): Promise<QueueItem[]> {
  const definitions = await publishedDefinitions(db, forumId, [...new Set(rows.map((r) => r.survey_version_id))]);
  const themes = await themesOf(
    db,
    forumId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const definition = definitions.get(row.survey_version_id);
    const text = row.text ?? "";
    return {
      id: row.id,
      surveyId: row.survey_id,
      surveyTitle: definition?.title.en ?? "",
      questionCode: row.question_code,
      questionTitle: questionTitle(definition, row.question_code),
      state: row.state,
      text,
      redacted: Number(row.redacted) === 1,
      suggestions: openSuggestions(text, terms, dismissedIn(row.dismissed_suggestions)),
      quoteConsent: Number(row.quote_granted) === 1,
      themes: themes.get(row.id) ?? [],
      safeguarding: safeguardingOf(row),
      submittedOn: row.submitted_on,
    };
  });
}

interface QueuePage {
  items: QueueItem[];
  counts: Record<ModerationState, number> & { flagged: number };
  /** Items matching the filter, over all pages. */
  total: number;
  page: number;
  pageCount: number;
}

export async function listQueue(db: DB, forumId: string, filter: QueueFilter = {}): Promise<QueuePage> {
  const terms = await listRedactionTerms(db, forumId);
  const found = filter.suggestions ? await matchingWithSuggestions(db, forumId, filter, terms) : await matchingInSql(db, forumId, filter);
  const { counts, total } = found;
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const rows = await found.page(page);
  return { items: await toQueueItems(db, forumId, rows, terms), counts, total, page, pageCount };
}

function emptyCounts(): QueuePage["counts"] {
  return { pending: 0, approved: 0, rejected: 0, flagged: 0 };
}

function sorted<QB extends ReturnType<typeof baseItems>>(query: QB, filter: QueueFilter): QB {
  const direction = filter.sort === "newest" ? "desc" : "asc";
  return query.orderBy("r.submitted_at", direction).orderBy("m.id", direction) as QB;
}

interface Matching {
  counts: QueuePage["counts"];
  total: number;
  page: (page: number) => Promise<BaseRow[]>;
}

/** Every filter but "has suggested redactions" is a WHERE clause: counts, total and the page in SQL. */
async function matchingInSql(db: DB, forumId: string, filter: QueueFilter): Promise<Matching> {
  const counts = emptyCounts();
  const byState = await queueRows(db, forumId)
    .where((eb) => eb.and(filterConditions(forumId, filter, false)))
    .select((eb) => [
      "m.state",
      eb.fn.countAll<number>().as("n"),
      sql<number>`sum(case when m.safeguarding = 1 and m.safeguarding_resolved_at is null then 1 else 0 end)`.as("flagged"),
    ])
    .groupBy("m.state")
    .execute();
  for (const row of byState) {
    if ((MODERATION_STATES as readonly string[]).includes(row.state)) counts[row.state] = Number(row.n);
    counts.flagged += Number(row.flagged ?? 0);
  }
  const where = filterConditions(forumId, filter, true);
  const totalRow = await queueRows(db, forumId)
    .where((eb) => eb.and(where))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return {
    counts,
    total: Number(totalRow?.n ?? 0),
    page: (page) =>
      sorted(baseItems(db, forumId), filter)
        .where((eb) => eb.and(where))
        .limit(QUEUE_PAGE_SIZE)
        .offset((page - 1) * QUEUE_PAGE_SIZE)
        .execute(),
  };
}

/**
 * Suggested redactions are found by the detectors in code (they depend on the forum's names list),
 * so this filter reads the id and text of the items the other filters leave, keeps those with an
 * open suggestion, and fetches only the page's rows in full.
 */
async function matchingWithSuggestions(db: DB, forumId: string, filter: QueueFilter, terms: RedactionTerm[]): Promise<Matching> {
  const candidates = await sorted(baseItems(db, forumId), filter)
    .where((eb) => eb.and(filterConditions(forumId, filter, false)))
    .execute();
  const withSuggestions = candidates.filter(
    (row) => openSuggestions(row.text ?? "", terms, dismissedIn(row.dismissed_suggestions)).length > 0,
  );
  const counts = emptyCounts();
  for (const row of withSuggestions) {
    counts[row.state] += 1;
    if (safeguardingOf(row) === "open") counts.flagged += 1;
  }
  const state = filter.state ?? "pending";
  const matching = withSuggestions.filter(
    (row) => (state === "all" || row.state === state) && (!filter.flagged || safeguardingOf(row) === "open"),
  );
  return {
    counts,
    total: matching.length,
    page: async (page) => matching.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE),
  };
}

interface ItemView extends QueueItem {
  /** What the redaction box starts with: the saved redaction, or the suggestions applied. */
  proposedRedaction: string;
  safeguardingNote: string | null;
  safeguardingFlaggedBy: string | null;
  safeguardingResolution: string | null;
  decidedAt: string | null;
}

/** One item in this forum, or undefined (another forum's id finds nothing). */
export async function getItem(db: DB, forumId: string, itemId: string): Promise<ItemView | undefined> {
  const row = await baseItems(db, forumId)
    .select(["m.safeguarding_note", "m.safeguarding_flagged_by", "m.safeguarding_resolution", "m.decided_at"])
    .where("m.id", "=", itemId)
    .executeTakeFirst();
  if (!row) return undefined;
  const terms = await listRedactionTerms(db, forumId);
  const [item] = await toQueueItems(db, forumId, [row], terms);
  return {
    ...item,
    proposedRedaction: item.redacted ? item.text : applyRedactions(item.text, item.suggestions),
    safeguardingNote: row.safeguarding_note,
    safeguardingFlaggedBy: row.safeguarding_flagged_by,
    safeguardingResolution: row.safeguarding_resolution,
    decidedAt: row.decided_at,
  };
}

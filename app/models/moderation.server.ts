import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "~/db.server";
import { newId } from "~/codes.server";
import { applyRedactions, findSuggestedRedactions, TERM_KINDS, type RedactionSpan, type RedactionTerm, type TermKind } from "~/domain/pii";
import { localise, type SurveyDefinition } from "~/domain/survey";
import { DEFAULT_THEMES, themesByItem } from "~/domain/themes";
import type { Database, Role } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { isPostgres } from "./dialect.server";

/**
 * Moderation of free-text answers. The original text stays in `answers` and leaves this module
 * only through `originalText`, for admins, audited each time. Everything else (queue, item page,
 * exports, public pages, "you said, we did" evidence) sees the redacted copy when there is one,
 * and other features see free text only through `approvedQuotes`.
 */

export const MODERATION_STATES = ["pending", "approved", "rejected"] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/** Who is acting: the signed-in staff member (auth's Staff fits this shape). */
export interface ModerationActor {
  forumId: string;
  role: Role;
  safeguardingLead: boolean;
  user: { id: string };
}

export class ModerationNotAllowed extends Error {
  constructor(what: string) {
    super(`Not allowed: ${what}`);
  }
}

export const QUEUE_PAGE_SIZE = 20;

// ---------------------------------------------------------------------------------------------
// Themes and the names list

/** Adds the default taxonomy to a forum; themes it already has are left as they are. */
export async function seedThemes(db: DB, forumId: string): Promise<void> {
  await db
    .insertInto("themes")
    .values(DEFAULT_THEMES.map((t, i) => ({ id: newId(), forum_id: forumId, code: t.code, label: t.label, sort: (i + 1) * 10 })))
    .onConflict((oc) => oc.columns(["forum_id", "code"]).doNothing())
    .execute();
}

export interface ThemeOption {
  code: string;
  label: string;
}

export async function listThemes(db: DB, forumId: string): Promise<ThemeOption[]> {
  return db.selectFrom("themes").select(["code", "label"]).where("forum_id", "=", forumId).orderBy("sort").orderBy("code").execute();
}

export interface RedactionTermRow extends RedactionTerm {
  id: string;
}

export async function listRedactionTerms(db: DB, forumId: string): Promise<RedactionTermRow[]> {
  const rows = await db
    .selectFrom("redaction_terms")
    .select(["id", "term", "kind"])
    .where("forum_id", "=", forumId)
    .orderBy("kind")
    .orderBy("term")
    .execute();
  return rows.map((r) => ({ id: r.id, term: r.term, kind: (TERM_KINDS as readonly string[]).includes(r.kind) ? r.kind : "other" }));
}

export async function addRedactionTerm(
  db: DB,
  actor: ModerationActor,
  input: { term: string; kind: TermKind },
): Promise<{ status: "added"; id: string } | { status: "duplicate" }> {
  const term = input.term.trim().replace(/\s+/gu, " ");
  return db.transaction().execute(async (trx) => {
    // Case-insensitive duplicates are compared in code: lower() differs between stores for non-ASCII.
    const existing = await trx.selectFrom("redaction_terms").select(["term"]).where("forum_id", "=", actor.forumId).execute();
    if (existing.some((e) => e.term.toLocaleLowerCase("en-GB") === term.toLocaleLowerCase("en-GB")))
      return { status: "duplicate" } as const;
    const id = newId();
    await trx
      .insertInto("redaction_terms")
      .values({ id, forum_id: actor.forumId, term, kind: input.kind, created_at: new Date().toISOString() })
      .execute();
    // The name itself stays out of the audit log: staff names are personal data too.
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "moderation.term_added",
      subject: id,
      detail: { kind: input.kind },
    });
    return { status: "added", id } as const;
  });
}

export async function removeRedactionTerm(db: DB, actor: ModerationActor, termId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("redaction_terms")
      .where("id", "=", termId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.term_removed", subject: termId });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Survey definitions (published versions never change, so parsed ones are kept)

const definitionCache = new Map<string, SurveyDefinition>();

async function publishedDefinitions(db: DB, forumId: string, versionIds?: string[]): Promise<Map<string, SurveyDefinition>> {
  const result = new Map<string, SurveyDefinition>();
  const missing = versionIds ? versionIds.filter((id) => !definitionCache.has(id)) : undefined;
  if (!missing || missing.length > 0) {
    let query = db
      .selectFrom("survey_versions")
      .select(["id", "definition"])
      .where("forum_id", "=", forumId)
      .where("published_at", "is not", null);
    if (missing) query = query.where("id", "in", missing);
    for (const row of await query.execute()) {
      const definition = definitionCache.get(row.id) ?? (JSON.parse(row.definition) as SurveyDefinition);
      definitionCache.set(row.id, definition);
      if (!versionIds) result.set(row.id, definition);
    }
  }
  for (const id of versionIds ?? []) {
    const definition = definitionCache.get(id);
    if (definition) result.set(id, definition);
  }
  return result;
}

function freeTextCodes(definition: SurveyDefinition): string[] {
  return definition.questions.filter((q) => q.role === "free_text").map((q) => q.code);
}

function questionTitle(definition: SurveyDefinition | undefined, code: string): string {
  const question = definition?.questions.find((q) => q.code === code);
  return question ? localise(question.title, "en") : code;
}

export interface ModerationSurvey {
  id: string;
  title: string;
}

/** The forum's surveys that have a published version, for the queue's filter. */
export async function moderationSurveys(db: DB, forumId: string): Promise<ModerationSurvey[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.id", "surveys.current_version_id")
    .select(["surveys.id", "surveys.slug", "survey_versions.id as version_id"])
    .where("surveys.forum_id", "=", forumId)
    .where("survey_versions.published_at", "is not", null)
    .orderBy("surveys.created_at")
    .execute();
  const definitions = await publishedDefinitions(
    db,
    forumId,
    rows.map((r) => r.version_id),
  );
  return rows.map((r) => ({ id: r.id, title: definitions.get(r.version_id)?.title.en ?? r.slug }));
}

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

export type SafeguardingStatus = "none" | "open" | "resolved";

export interface QueueItem {
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

export interface QueueFilter {
  surveyId?: string;
  theme?: string;
  state?: ModerationState | "all";
  /** Only items with an open safeguarding flag. */
  flagged?: boolean;
  page?: number;
}

function baseItems(db: DB, forumId: string) {
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
      "r.survey_version_id",
      "r.submitted_on",
      "r.submitted_at",
      "c.granted as quote_granted",
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseItems>["execute"]>>[number];

function themeFilter(forumId: string, code: string) {
  return (eb: ExpressionBuilder<Database & { m: Database["moderation_items"] }, "m">): Expression<SqlBool> =>
    eb.exists(
      eb
        .selectFrom("moderation_item_themes as mit")
        .innerJoin("themes as t", "t.id", "mit.theme_id")
        .select(sql<number>`1`.as("one"))
        .whereRef("mit.item_id", "=", "m.id")
        .where("t.code", "=", code)
        .where("t.forum_id", "=", forumId),
    );
}

function safeguardingOf(row: { safeguarding: number | null; safeguarding_resolved_at: string | null }): SafeguardingStatus {
  if (Number(row.safeguarding) !== 1) return "none";
  return row.safeguarding_resolved_at ? "resolved" : "open";
}

async function themesOf(db: DB, forumId: string, itemIds: string[]): Promise<Map<string, ThemeOption[]>> {
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
      suggestions: findSuggestedRedactions(text, terms),
      quoteConsent: Number(row.quote_granted) === 1,
      themes: themes.get(row.id) ?? [],
      safeguarding: safeguardingOf(row),
      submittedOn: row.submitted_on,
    };
  });
}

export interface QueuePage {
  items: QueueItem[];
  counts: Record<ModerationState, number> & { flagged: number };
  /** Items matching the filter, over all pages. */
  total: number;
  page: number;
  pageCount: number;
}

export async function listQueue(db: DB, forumId: string, filter: QueueFilter = {}): Promise<QueuePage> {
  const state = filter.state ?? "pending";
  let countQuery = db
    .selectFrom("moderation_items as m")
    .select((eb) => [
      "m.state",
      eb.fn.countAll<number>().as("n"),
      sql<number>`sum(case when m.safeguarding = 1 and m.safeguarding_resolved_at is null then 1 else 0 end)`.as("flagged"),
    ])
    .where("m.forum_id", "=", forumId)
    .groupBy("m.state");
  if (filter.surveyId) countQuery = countQuery.where("m.survey_id", "=", filter.surveyId);
  if (filter.theme) countQuery = countQuery.where(themeFilter(forumId, filter.theme));
  const counts: QueuePage["counts"] = { pending: 0, approved: 0, rejected: 0, flagged: 0 };
  for (const row of await countQuery.execute()) {
    if ((MODERATION_STATES as readonly string[]).includes(row.state)) counts[row.state] = Number(row.n);
    counts.flagged += Number(row.flagged ?? 0);
  }

  let query = baseItems(db, forumId);
  let totalQuery = db
    .selectFrom("moderation_items as m")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("m.forum_id", "=", forumId);
  if (filter.surveyId) {
    query = query.where("m.survey_id", "=", filter.surveyId);
    totalQuery = totalQuery.where("m.survey_id", "=", filter.surveyId);
  }
  if (state !== "all") {
    query = query.where("m.state", "=", state);
    totalQuery = totalQuery.where("m.state", "=", state);
  }
  if (filter.theme) {
    query = query.where(themeFilter(forumId, filter.theme));
    totalQuery = totalQuery.where(themeFilter(forumId, filter.theme));
  }
  if (filter.flagged) {
    query = query.where("m.safeguarding", "=", 1).where("m.safeguarding_resolved_at", "is", null);
    totalQuery = totalQuery.where("m.safeguarding", "=", 1).where("m.safeguarding_resolved_at", "is", null);
  }
  const total = Number((await totalQuery.executeTakeFirst())?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const rows = await query
    .orderBy("r.submitted_at")
    .orderBy("m.id")
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .execute();
  const terms = await listRedactionTerms(db, forumId);
  return { items: await toQueueItems(db, forumId, rows, terms), counts, total, page, pageCount };
}

export interface ItemView extends QueueItem {
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

// ---------------------------------------------------------------------------------------------
// Decisions (each one audited with the item id as subject, never the text)

async function decide(db: DB, actor: ModerationActor, itemId: string, state: "approved" | "rejected"): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("moderation_items")
      .set({ state, decided_by: actor.user.id, decided_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: `moderation.${state}`, subject: itemId });
    return true;
  });
}

export function approveItem(db: DB, actor: ModerationActor, itemId: string): Promise<boolean> {
  return decide(db, actor, itemId, "approved");
}

export function rejectItem(db: DB, actor: ModerationActor, itemId: string): Promise<boolean> {
  return decide(db, actor, itemId, "rejected");
}

export type RedactResult = "redacted" | "not_found" | "unchanged" | "empty";

/**
 * Saves the redacted copy. With no text given, the suggested redactions are applied. The copy
 * must differ from the original: a "redaction" that removes nothing would hide nothing.
 */
export async function redactItem(db: DB, actor: ModerationActor, itemId: string, text?: string): Promise<RedactResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("moderation_items as m")
      .innerJoin("answers as a", (join) =>
        join.onRef("a.response_id", "=", "m.response_id").onRef("a.question_code", "=", "m.question_code").on("a.ordinal", "=", 0),
      )
      .select(["a.text_value"])
      .where("m.id", "=", itemId)
      .where("m.forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!row) return "not_found";
    const original = row.text_value ?? "";
    let redacted: string;
    if (text === undefined) {
      const terms = await listRedactionTerms(trx, actor.forumId);
      redacted = applyRedactions(original, findSuggestedRedactions(original, terms));
    } else {
      redacted = text.trim();
    }
    if (redacted.length === 0) return "empty";
    if (redacted === original.trim()) return "unchanged";
    await trx
      .updateTable("moderation_items")
      .set({ redacted_text: redacted, decided_by: actor.user.id, decided_at: new Date().toISOString() })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.redacted", subject: itemId });
    return "redacted";
  });
}

export type BulkRefusal = { id: string; reason: "suggested_redactions" | "safeguarding" | "not_pending" | "not_found" };

/**
 * Approves several pending items at once, but never one the checks would stop: an item with
 * suggested redactions (a name, a number) or an open safeguarding flag needs a person to look at
 * it on its own page. Those are listed back, and the rest are approved.
 */
export async function bulkApprove(
  db: DB,
  actor: ModerationActor,
  itemIds: string[],
): Promise<{ approved: string[]; refused: BulkRefusal[] }> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return { approved: [], refused: [] };
  return db.transaction().execute(async (trx) => {
    const rows = await baseItems(trx, actor.forumId).where("m.id", "in", ids).execute();
    const terms = await listRedactionTerms(trx, actor.forumId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const approved: string[] = [];
    const refused: BulkRefusal[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) refused.push({ id, reason: "not_found" });
      else if (row.state !== "pending") refused.push({ id, reason: "not_pending" });
      else if (safeguardingOf(row) === "open") refused.push({ id, reason: "safeguarding" });
      else if (findSuggestedRedactions(row.text ?? "", terms).length > 0) refused.push({ id, reason: "suggested_redactions" });
      else approved.push(id);
    }
    if (approved.length > 0) {
      const now = new Date().toISOString();
      await trx
        .updateTable("moderation_items")
        .set({ state: "approved", decided_by: actor.user.id, decided_at: now })
        .where("forum_id", "=", actor.forumId)
        .where("state", "=", "pending")
        .where("id", "in", approved)
        .execute();
      for (const id of approved) {
        await recordAudit(trx, {
          forumId: actor.forumId,
          actor: actor.user.id,
          action: "moderation.approved",
          subject: id,
          detail: { bulk: true },
        });
      }
    }
    return { approved, refused };
  });
}

export type SetThemesResult = "saved" | "not_found" | "unknown_theme";

/** Replaces the item's themes with `codes` (several per answer); codes must be the forum's own. */
export async function setThemes(db: DB, actor: ModerationActor, itemId: string, codes: string[]): Promise<SetThemesResult> {
  const wanted = [...new Set(codes)];
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("moderation_items")
      .select(["id"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!item) return "not_found";
    const themes =
      wanted.length === 0
        ? []
        : await trx.selectFrom("themes").select(["id", "code"]).where("forum_id", "=", actor.forumId).where("code", "in", wanted).execute();
    if (themes.length !== wanted.length) return "unknown_theme";
    await trx.deleteFrom("moderation_item_themes").where("item_id", "=", itemId).execute();
    if (themes.length > 0) {
      await trx
        .insertInto("moderation_item_themes")
        .values(themes.map((t) => ({ item_id: itemId, theme_id: t.id })))
        .execute();
    }
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "moderation.themes_set",
      subject: itemId,
      detail: {
        themes: themes
          .map((t) => t.code)
          .sort()
          .join(","),
      },
    });
    return "saved";
  });
}

// ---------------------------------------------------------------------------------------------
// Safeguarding

function canLeadSafeguarding(actor: ModerationActor): boolean {
  return actor.role === "admin" || actor.safeguardingLead;
}

/** Sends the item to the safeguarding lead's "needs action" list, with the moderator's note. */
export async function flagSafeguarding(db: DB, actor: ModerationActor, itemId: string, note: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("moderation_items")
      .set({
        safeguarding: 1,
        safeguarding_note: note.trim(),
        safeguarding_flagged_by: actor.user.id,
        safeguarding_flagged_at: new Date().toISOString(),
        safeguarding_resolved_at: null,
        safeguarding_resolved_by: null,
        safeguarding_resolution: null,
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.flagged", subject: itemId });
    return true;
  });
}

/**
 * Takes back a flag raised by mistake, while it is still open. Only the person who raised it,
 * the safeguarding lead or an admin may: a concern must not quietly disappear from the list.
 */
export async function unflagSafeguarding(db: DB, actor: ModerationActor, itemId: string): Promise<"unflagged" | "not_found" | "forbidden"> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("moderation_items")
      .select(["safeguarding", "safeguarding_flagged_by", "safeguarding_resolved_at"])
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!row || Number(row.safeguarding) !== 1 || row.safeguarding_resolved_at) return "not_found";
    if (!canLeadSafeguarding(actor) && row.safeguarding_flagged_by !== actor.user.id) return "forbidden";
    await trx
      .updateTable("moderation_items")
      .set({ safeguarding: 0, safeguarding_note: null, safeguarding_flagged_by: null, safeguarding_flagged_at: null })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.unflagged", subject: itemId });
    return "unflagged";
  });
}

/** The safeguarding lead (or an admin) records what was done; the item leaves "needs action". */
export async function resolveSafeguarding(db: DB, actor: ModerationActor, itemId: string, note: string): Promise<boolean> {
  if (!canLeadSafeguarding(actor)) throw new ModerationNotAllowed("only the safeguarding lead or an admin resolves safeguarding flags");
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("moderation_items")
      .set({
        safeguarding_resolved_at: new Date().toISOString(),
        safeguarding_resolved_by: actor.user.id,
        safeguarding_resolution: note.trim(),
      })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .where("safeguarding", "=", 1)
      .where("safeguarding_resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.resolved", subject: itemId });
    return true;
  });
}

export interface SafeguardingEntry {
  id: string;
  surveyTitle: string;
  questionTitle: string;
  text: string;
  redacted: boolean;
  note: string | null;
  flaggedBy: string | null;
  flaggedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** Open flags (oldest first) and the most recently resolved ones, for the lead's list. */
export async function listSafeguarding(db: DB, forumId: string): Promise<{ open: SafeguardingEntry[]; resolved: SafeguardingEntry[] }> {
  const query = baseItems(db, forumId)
    .leftJoin("users as flagger", "flagger.id", "m.safeguarding_flagged_by")
    .leftJoin("users as resolver", "resolver.id", "m.safeguarding_resolved_by")
    .select([
      "m.safeguarding_note",
      "m.safeguarding_flagged_at",
      "m.safeguarding_resolution",
      "flagger.email as flagged_by",
      "resolver.email as resolved_by",
    ])
    .where("m.safeguarding", "=", 1);
  const [open, resolved] = await Promise.all([
    query.where("m.safeguarding_resolved_at", "is", null).orderBy("m.safeguarding_flagged_at").orderBy("m.id").execute(),
    query
      .where("m.safeguarding_resolved_at", "is not", null)
      .orderBy("m.safeguarding_resolved_at", "desc")
      .orderBy("m.id")
      .limit(20)
      .execute(),
  ]);
  const definitions = await publishedDefinitions(db, forumId, [...new Set([...open, ...resolved].map((r) => r.survey_version_id))]);
  const toEntry = (row: (typeof open)[number]): SafeguardingEntry => {
    const definition = definitions.get(row.survey_version_id);
    return {
      id: row.id,
      surveyTitle: definition?.title.en ?? "",
      questionTitle: questionTitle(definition, row.question_code),
      text: row.text ?? "",
      redacted: Number(row.redacted) === 1,
      note: row.safeguarding_note,
      flaggedBy: row.flagged_by,
      flaggedAt: row.safeguarding_flagged_at,
      resolvedAt: row.safeguarding_resolved_at,
      resolvedBy: row.resolved_by,
      resolution: row.safeguarding_resolution,
    };
  };
  return { open: open.map(toEntry), resolved: resolved.map(toEntry) };
}

// ---------------------------------------------------------------------------------------------
// What other features may show

export interface QuoteFilter {
  surveyId?: string;
  questionCode?: string;
  /** Any of these theme codes. */
  themes?: string[];
  /** London dates, inclusive, on the response's submission date. */
  from?: string;
  to?: string;
  /** Only answers whose respondent agreed to be quoted (what any published quote needs). */
  consentedOnly?: boolean;
  limit?: number;
}

export interface ApprovedQuote {
  itemId: string;
  surveyId: string;
  questionCode: string;
  /** The approved text: the redacted copy when the item was redacted. */
  text: string;
  redacted: boolean;
  themes: string[];
  quoteConsent: boolean;
  submittedOn: string | null;
}

/**
 * The ONLY way other features (exports, public pages, "you said, we did" evidence) get free
 * text: approved items only, the redacted copy when there is one, never an item whose
 * safeguarding flag is still open. Rule SDC-1.5 (quotes only from cells with n ≥ 10) depends on
 * the cell the caller shows, so the caller applies it; a published quote also needs
 * `quoteConsent` (pass `consentedOnly`).
 */
export async function approvedQuotes(db: DB, forumId: string, filter: QuoteFilter = {}): Promise<ApprovedQuote[]> {
  let query = baseItems(db, forumId)
    .where("m.state", "=", "approved")
    .where((eb) => eb.or([eb("m.safeguarding", "=", 0), eb("m.safeguarding_resolved_at", "is not", null)]));
  if (filter.surveyId) query = query.where("m.survey_id", "=", filter.surveyId);
  if (filter.questionCode) query = query.where("m.question_code", "=", filter.questionCode);
  if (filter.from) query = query.where("r.submitted_on", ">=", filter.from);
  if (filter.to) query = query.where("r.submitted_on", "<=", filter.to);
  if (filter.consentedOnly) query = query.where("c.granted", "=", 1);
  if (filter.themes && filter.themes.length > 0) {
    const codes = filter.themes;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("moderation_item_themes as mit")
          .innerJoin("themes as t", "t.id", "mit.theme_id")
          .select(sql<number>`1`.as("one"))
          .whereRef("mit.item_id", "=", "m.id")
          .where("t.forum_id", "=", forumId)
          .where("t.code", "in", codes),
      ),
    );
  }
  query = query.orderBy("r.submitted_at").orderBy("m.id");
  if (filter.limit) query = query.limit(filter.limit);
  const rows = await query.execute();
  const themes = await themesOf(
    db,
    forumId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    itemId: row.id,
    surveyId: row.survey_id,
    questionCode: row.question_code,
    text: row.text ?? "",
    redacted: Number(row.redacted) === 1,
    themes: (themes.get(row.id) ?? []).map((t) => t.code),
    quoteConsent: Number(row.quote_granted) === 1,
    submittedOn: row.submitted_on,
  }));
}

/**
 * Moderated free text per response, for the forum's own raw export (admins): the same rule as
 * approvedQuotes (approved only, the redacted copy when there is one, no open safeguarding flag),
 * keyed by response so the export can put each text in its row. Never the original of a redacted item.
 */
export async function moderatedTextsOf(
  db: DB,
  forumId: string,
  responseIds: string[],
): Promise<{ responseId: string; questionCode: string; text: string }[]> {
  if (responseIds.length === 0) return [];
  const rows = await baseItems(db, forumId)
    .select("m.response_id")
    .where("m.state", "=", "approved")
    .where((eb) => eb.or([eb("m.safeguarding", "=", 0), eb("m.safeguarding_resolved_at", "is not", null)]))
    .where("m.response_id", "in", responseIds)
    .execute();
  return rows.map((row) => ({ responseId: row.response_id, questionCode: row.question_code, text: row.text ?? "" }));
}

/**
 * The answer as the respondent wrote it, for admins only, and every view is recorded in the
 * audit log (`moderation.original_viewed`) before the text is handed over.
 */
export async function originalText(db: DB, actor: ModerationActor, itemId: string): Promise<string | undefined> {
  if (actor.role !== "admin") throw new ModerationNotAllowed("only admins see the original of an answer");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("moderation_items as m")
      .innerJoin("answers as a", (join) =>
        join
          .onRef("a.response_id", "=", "m.response_id")
          .onRef("a.question_code", "=", "m.question_code")
          .onRef("a.forum_id", "=", "m.forum_id")
          .on("a.ordinal", "=", 0),
      )
      .select(["a.text_value"])
      .where("m.id", "=", itemId)
      .where("m.forum_id", "=", actor.forumId)
      .executeTakeFirst();
    if (!row) return undefined;
    await recordAudit(trx, { forumId: actor.forumId, actor: actor.user.id, action: "moderation.original_viewed", subject: itemId });
    return row.text_value ?? "";
  });
}

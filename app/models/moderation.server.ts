import { sql } from "kysely";
import { transaction, type DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import { type ModerationActor, ModerationNotAllowed } from "./moderation-actor.server";
import { openSuggestions } from "~/domain/pii";
import { baseItems, dismissedIn, themesOf } from "./moderation-queue.server";
import { listRedactionTerms } from "./moderation-themes.server";

/**
 * Moderation of free-text answers. The original text stays in `answers` and leaves this module
 * only through `originalText`, for admins, audited each time. Everything else (queue, item page,
 * exports, public pages, "you said, we did" evidence) sees the redacted copy when there is one,
 * and other features see free text only through `approvedQuotes`.
 */

// ---------------------------------------------------------------------------------------------
// What other features may show

interface QuoteFilter {
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

interface ApprovedQuote {
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
  // The last guard before text leaves moderation: anything a detector still finds (and no
  // moderator dismissed on purpose) is held back, whatever its state says.
  const terms = await listRedactionTerms(db, forumId);
  const rows = (await query.execute()).filter(
    (row) => openSuggestions(row.text ?? "", terms, dismissedIn(row.dismissed_suggestions)).length === 0,
  );
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
  return transaction(db, async (trx) => {
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

import { transaction, type DB } from "~/db.server";
import { hashToken } from "~/codes.server";
import { applyRedactions, findSuggestedRedactions, openSuggestions, suggestionKey } from "~/domain/pii";
import { recordAudit } from "./audit.server";
import type { ModerationActor } from "./moderation-actor.server";
import { listRedactionTerms } from "./moderation-themes.server";
import { baseItems, dismissedIn, safeguardingOf } from "./moderation-queue.server";

// ---------------------------------------------------------------------------------------------
// Decisions (each one audited with the item id as subject, never the text)

async function decide(db: DB, actor: ModerationActor, itemId: string, state: "approved" | "rejected"): Promise<boolean> {
  return transaction(db, async (trx) => {
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

export type ApproveResult = "approved" | "not_found" | "suggestions_open";

/**
 * Approves an answer only when nothing in the text it would publish (the redacted copy, or the
 * answer as written) still matches a detector: each suggestion must be redacted, or dismissed on
 * purpose with dismissSuggestion. Approving as written is never a way round a highlighted phone number.
 */
export async function approveItem(db: DB, actor: ModerationActor, itemId: string): Promise<ApproveResult> {
  const row = await baseItems(db, actor.forumId).where("m.id", "=", itemId).executeTakeFirst();
  if (!row) return "not_found";
  const terms = await listRedactionTerms(db, actor.forumId);
  if (openSuggestions(row.text ?? "", terms, dismissedIn(row.dismissed_suggestions)).length > 0) return "suggestions_open";
  return (await decide(db, actor, itemId, "approved")) ? "approved" : "not_found";
}

export type DismissResult = "dismissed" | "not_found" | "no_such_suggestion";

/**
 * Dismisses one suggested redaction (the `index`-th still open, which must be of `kind`) as
 * identifying no one. Audited with its kind only; what it matched is kept as a hash.
 */
export async function dismissSuggestion(
  db: DB,
  actor: ModerationActor,
  itemId: string,
  index: number,
  kind: string,
): Promise<DismissResult> {
  return transaction(db, async (trx) => {
    const row = await baseItems(trx, actor.forumId).where("m.id", "=", itemId).executeTakeFirst();
    if (!row) return "not_found";
    const text = row.text ?? "";
    const open = openSuggestions(text, await listRedactionTerms(trx, actor.forumId), dismissedIn(row.dismissed_suggestions));
    const span = open[index];
    if (!span || span.kind !== kind) return "no_such_suggestion";
    const hashes: string[] = row.dismissed_suggestions ? (JSON.parse(row.dismissed_suggestions) as string[]) : [];
    hashes.push(hashToken(suggestionKey(text, span)));
    await trx
      .updateTable("moderation_items")
      .set({ dismissed_suggestions: JSON.stringify([...new Set(hashes)]) })
      .where("id", "=", itemId)
      .where("forum_id", "=", actor.forumId)
      .execute();
    await recordAudit(trx, {
      forumId: actor.forumId,
      actor: actor.user.id,
      action: "moderation.suggestion_dismissed",
      subject: itemId,
      detail: { kind: span.kind },
    });
    return "dismissed";
  });
}

export function rejectItem(db: DB, actor: ModerationActor, itemId: string): Promise<boolean> {
  return decide(db, actor, itemId, "rejected");
}

type RedactResult = "redacted" | "not_found" | "unchanged" | "empty";

/**
 * Saves the redacted copy. With no text given, the suggested redactions are applied. The copy
 * must differ from the original: a "redaction" that removes nothing would hide nothing.
 */
export async function redactItem(db: DB, actor: ModerationActor, itemId: string, text?: string): Promise<RedactResult> {
  return transaction(db, async (trx) => {
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
  return transaction(db, async (trx) => {
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
      else if (openSuggestions(row.text ?? "", terms, dismissedIn(row.dismissed_suggestions)).length > 0)
        refused.push({ id, reason: "suggested_redactions" });
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

type SetThemesResult = "saved" | "not_found" | "unknown_theme";

/** Replaces the item's themes with `codes` (several per answer); codes must be the forum's own. */
export async function setThemes(db: DB, actor: ModerationActor, itemId: string, codes: string[]): Promise<SetThemesResult> {
  const wanted = [...new Set(codes)];
  return transaction(db, async (trx) => {
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

import { transaction, type DB } from "~/db.server";
import { recordAudit } from "./audit.server";
import type { ModerationActor } from "./moderation-actor.server";

/**
 * Rejecting and theming several answers at once. Each item is audited as its single action is
 * (same action name, the item as subject, never its text), marked as done in bulk.
 */

export type BulkRejectRefusal = { id: string; reason: "already_rejected" | "not_found" };

/** Rejects the selected answers, pending or approved; an approved one leaves every quote at once. */
export async function bulkReject(
  db: DB,
  actor: ModerationActor,
  itemIds: string[],
): Promise<{ rejected: string[]; refused: BulkRejectRefusal[] }> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return { rejected: [], refused: [] };
  return transaction(db, async (trx) => {
    const rows = await trx
      .selectFrom("moderation_items")
      .select(["id", "state"])
      .where("forum_id", "=", actor.forumId)
      .where("id", "in", ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r.state]));
    const rejected: string[] = [];
    const refused: BulkRejectRefusal[] = [];
    for (const id of ids) {
      const state = byId.get(id);
      if (state === undefined) refused.push({ id, reason: "not_found" });
      else if (state === "rejected") refused.push({ id, reason: "already_rejected" });
      else rejected.push(id);
    }
    if (rejected.length > 0) {
      await trx
        .updateTable("moderation_items")
        .set({ state: "rejected", decided_by: actor.user.id, decided_at: new Date().toISOString() })
        .where("forum_id", "=", actor.forumId)
        .where("id", "in", rejected)
        .execute();
      for (const id of rejected) {
        await recordAudit(trx, {
          forumId: actor.forumId,
          actor: actor.user.id,
          action: "moderation.rejected",
          subject: id,
          detail: { bulk: true },
        });
      }
    }
    return { rejected, refused };
  });
}

export type BulkThemeResult =
  { kind: "unknown_theme" } | { kind: "done"; themed: string[]; alreadyThemed: string[]; notFound: string[]; label: string };

/** Adds one theme to each selected answer, keeping the themes it already has. */
export async function bulkAddTheme(db: DB, actor: ModerationActor, itemIds: string[], code: string): Promise<BulkThemeResult> {
  const ids = [...new Set(itemIds)];
  return transaction(db, async (trx) => {
    const theme = await trx
      .selectFrom("themes")
      .select(["id", "code", "label"])
      .where("forum_id", "=", actor.forumId)
      .where("code", "=", code)
      .executeTakeFirst();
    if (!theme) return { kind: "unknown_theme" };
    const found =
      ids.length === 0
        ? []
        : await trx.selectFrom("moderation_items").select("id").where("forum_id", "=", actor.forumId).where("id", "in", ids).execute();
    const foundIds = new Set(found.map((r) => r.id));
    const existing =
      foundIds.size === 0
        ? []
        : await trx
            .selectFrom("moderation_item_themes as mit")
            .innerJoin("themes as t", "t.id", "mit.theme_id")
            .select(["mit.item_id", "t.code"])
            .where("mit.item_id", "in", [...foundIds])
            .execute();
    const codesOf = new Map<string, string[]>();
    for (const row of existing) codesOf.set(row.item_id, [...(codesOf.get(row.item_id) ?? []), row.code]);
    const themed: string[] = [];
    const alreadyThemed: string[] = [];
    const notFound: string[] = [];
    for (const id of ids) {
      if (!foundIds.has(id)) notFound.push(id);
      else if ((codesOf.get(id) ?? []).includes(theme.code)) alreadyThemed.push(id);
      else themed.push(id);
    }
    if (themed.length > 0) {
      await trx
        .insertInto("moderation_item_themes")
        .values(themed.map((id) => ({ item_id: id, theme_id: theme.id })))
        .execute();
      for (const id of themed) {
        const themes = [...(codesOf.get(id) ?? []), theme.code].sort().join(",");
        await recordAudit(trx, {
          forumId: actor.forumId,
          actor: actor.user.id,
          action: "moderation.themes_set",
          subject: id,
          detail: { themes, bulk: true },
        });
      }
    }
    return { kind: "done", themed, alreadyThemed, notFound, label: theme.label };
  });
}

import type { SelectQueryBuilder } from "kysely";
import type { DB } from "~/db.server";
import { newId } from "~/codes.server";
import type { Database } from "../../../db/schema";
import { itemEvidence, itemQuery, toItems } from "./items.server";

/**
 * Before retention deletes responses: the quotes from them that a published "you said, we did"
 * item shows now are copied into the register (their published text only, and the hash of the
 * family's receipt code so a withdrawal still finds them). The parent agreed to publication; the
 * item keeps its evidence. Quotes the item could not show (not approved, no consent) are not kept.
 */
export async function keepPublishedQuotes(
  trx: DB,
  forumId: string,
  responseIds: SelectQueryBuilder<Database, "responses", { id: string }>,
  now: Date,
): Promise<number> {
  const attached = await trx
    .selectFrom("yswd_quotes as q")
    .innerJoin("yswd_items as i", "i.id", "q.item_id")
    .innerJoin("moderation_items as m", "m.id", "q.moderation_item_id")
    .innerJoin("responses as r", "r.id", "m.response_id")
    .select(["q.item_id", "q.moderation_item_id", "r.receipt_hash"])
    .where("i.forum_id", "=", forumId)
    .where("i.published_at", "is not", null)
    .where("m.response_id", "in", responseIds)
    .execute();
  if (attached.length === 0) return 0;
  const receiptOf = new Map(attached.map((a) => [a.moderation_item_id, a.receipt_hash]));
  const itemIds = [...new Set(attached.map((a) => a.item_id))];
  const items = await toItems(trx, forumId, await itemQuery(trx, forumId).where("i.id", "in", itemIds).execute());
  let kept = 0;
  for (const item of items) {
    const evidence = await itemEvidence(trx, forumId, item);
    const leaving = evidence.quotes.filter(
      (q) => receiptOf.has(q.itemId) && attached.some((a) => a.item_id === item.id && a.moderation_item_id === q.itemId),
    );
    if (leaving.length === 0) continue;
    await trx
      .insertInto("yswd_kept_quotes")
      .values(
        leaving.map((q) => ({
          id: newId(),
          forum_id: forumId,
          item_id: item.id,
          text: q.text,
          redacted: q.redacted ? 1 : 0,
          language: q.language,
          submitted_on: q.submittedOn,
          receipt_hash: receiptOf.get(q.itemId) ?? null,
          kept_at: now.toISOString(),
        })),
      )
      .execute();
    kept += leaving.length;
  }
  return kept;
}

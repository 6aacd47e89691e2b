import type { DB } from "~/db.server";
import type { QuoteChoice } from "./evidence.server";

/**
 * Quotes kept in the register after retention deleted the responses they came from (see
 * keep-quotes.server.ts). Shown with the item like any attached quote; they have passed every
 * check when the item was published, and the family agreed to their publication.
 */
export async function keptQuotesOf(db: DB, forumId: string, itemId: string): Promise<QuoteChoice[]> {
  const rows = await db
    .selectFrom("yswd_kept_quotes")
    .select(["id", "text", "redacted", "language", "submitted_on"])
    .where("forum_id", "=", forumId)
    .where("item_id", "=", itemId)
    .orderBy("submitted_on")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    itemId: row.id,
    text: row.text,
    redacted: Number(row.redacted) === 1,
    themes: [],
    quoteConsent: true,
    submittedOn: row.submitted_on,
    language: row.language,
    refusal: null,
  }));
}

/** A family withdrawing with their receipt code takes their kept quotes out of the register too. */
export async function withdrawKeptQuotes(db: DB, receiptHash: string): Promise<string[]> {
  const rows = await db.selectFrom("yswd_kept_quotes").select(["forum_id"]).where("receipt_hash", "=", receiptHash).execute();
  if (rows.length === 0) return [];
  await db.deleteFrom("yswd_kept_quotes").where("receipt_hash", "=", receiptHash).execute();
  return [...new Set(rows.map((r) => r.forum_id))];
}

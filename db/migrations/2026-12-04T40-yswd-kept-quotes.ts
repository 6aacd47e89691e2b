import type { Kysely } from "kysely";

// A quote published in a "you said, we did" item, kept when retention deletes the response it
// came from: the family agreed to its publication. Only the published text is kept, with the
// hash of the family's receipt code, so withdrawing with that code still removes it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("yswd_kept_quotes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().references("yswd_items.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("redacted", "integer", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("submitted_on", "text")
    .addColumn("receipt_hash", "text")
    .addColumn("kept_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("yswd_kept_quotes_item").on("yswd_kept_quotes").column("item_id").execute();
  await db.schema.createIndex("yswd_kept_quotes_receipt").on("yswd_kept_quotes").column("receipt_hash").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("yswd_kept_quotes").execute();
}

import type { Kysely } from "kysely";

// The "you said, we did" register: items with a public reference, their themes, their dated
// status history and the moderated answers quoted as evidence. A quote belongs to its answer:
// withdrawing the response deletes the moderation item, and the cascade removes the quote.
// A deleted item stays as an empty row (deleted_at set) so its reference is never given out again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("yswd_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("said_plain", "text", (c) => c.notNull())
    .addColumn("said_easy_read", "text")
    .addColumn("translations", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("survey_id", "text")
    .addColumn("period_type", "text")
    .addColumn("period", "text")
    .addColumn("segment_type", "text")
    .addColumn("segment_value", "text")
    .addColumn("kpi_id", "text")
    .addColumn("what_done", "text")
    .addColumn("not_possible_reason", "text")
    .addColumn("involvement", "text", (c) => c.notNull())
    .addColumn("owner_org", "text", (c) => c.notNull())
    .addColumn("owner_role", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("raised_on", "text", (c) => c.notNull())
    .addColumn("response_published_on", "text")
    .addColumn("target_on", "text")
    .addColumn("completed_on", "text")
    .addColumn("next_review_on", "text")
    .addColumn("published_at", "text")
    .addColumn("deleted_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("yswd_items_forum_reference", ["forum_id", "reference"])
    .execute();
  await db.schema.createIndex("yswd_items_forum_status").on("yswd_items").columns(["forum_id", "status"]).execute();

  await db.schema
    .createTable("yswd_item_themes")
    .addColumn("item_id", "text", (c) => c.notNull().references("yswd_items.id").onDelete("cascade"))
    .addColumn("theme_id", "text", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("yswd_item_themes_pk", ["item_id", "theme_id"])
    .execute();
  await db.schema.createIndex("yswd_item_themes_theme").on("yswd_item_themes").column("theme_id").execute();

  await db.schema
    .createTable("yswd_status_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull().references("yswd_items.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("changed_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("yswd_status_history_item").on("yswd_status_history").columns(["item_id", "recorded_at"]).execute();

  await db.schema
    .createTable("yswd_quotes")
    .addColumn("item_id", "text", (c) => c.notNull().references("yswd_items.id").onDelete("cascade"))
    .addColumn("moderation_item_id", "text", (c) => c.notNull().references("moderation_items.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("yswd_quotes_pk", ["item_id", "moderation_item_id"])
    .execute();
  await db.schema.createIndex("yswd_quotes_moderation_item").on("yswd_quotes").column("moderation_item_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["yswd_quotes", "yswd_status_history", "yswd_item_themes", "yswd_items"]) {
    await db.schema.dropTable(table).execute();
  }
}

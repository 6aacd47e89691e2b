import type { Kysely } from "kysely";

// Moderation of free-text answers: one item per submitted free-text answer, the forum's theme
// taxonomy and the names list that drives suggested redactions. Items belong to their response:
// withdrawing the response deletes them (explicitly in the code, and by cascade as a backstop).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("moderation_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("question_code", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("redacted_text", "text")
    .addColumn("safeguarding", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("safeguarding_note", "text")
    .addColumn("safeguarding_flagged_by", "text")
    .addColumn("safeguarding_flagged_at", "text")
    .addColumn("safeguarding_resolved_at", "text")
    .addColumn("safeguarding_resolved_by", "text")
    .addColumn("safeguarding_resolution", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("moderation_items_answer", ["response_id", "question_code"])
    .execute();
  await db.schema.createIndex("moderation_items_queue").on("moderation_items").columns(["forum_id", "state", "created_at"]).execute();

  await db.schema
    .createTable("themes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("themes_forum_code", ["forum_id", "code"])
    .execute();

  await db.schema
    .createTable("moderation_item_themes")
    .addColumn("item_id", "text", (c) => c.notNull().references("moderation_items.id").onDelete("cascade"))
    .addColumn("theme_id", "text", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("moderation_item_themes_pk", ["item_id", "theme_id"])
    .execute();
  await db.schema.createIndex("moderation_item_themes_theme").on("moderation_item_themes").column("theme_id").execute();

  await db.schema
    .createTable("redaction_terms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("redaction_terms_forum").on("redaction_terms").column("forum_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["redaction_terms", "moderation_item_themes", "themes", "moderation_items"]) {
    await db.schema.dropTable(table).execute();
  }
}

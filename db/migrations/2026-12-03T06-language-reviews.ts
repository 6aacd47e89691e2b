import type { Kysely } from "kysely";

// The interface's translations are drafted by the team: each forum records, per language, when a
// native speaker reviewed it and who says so. Until then admins see "draft, needs a native
// speaker's review" beside the language.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("language_reviews")
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text", (c) => c.notNull())
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("language_reviews_pk", ["forum_id", "language"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("language_reviews").execute();
}

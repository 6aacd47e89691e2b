import type { Kysely } from "kysely";

// Import jobs in the database, not one server's memory: the page that follows an import's
// progress may be answered by any of several app servers sharing one PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull())
    .addColumn("total", "integer")
    .addColumn("counting", "integer", (c) => c.notNull().defaultTo(0))
    // The problems of a refused file, as JSON (at most the import's listing limit).
    .addColumn("problems", "text")
    .addColumn("problem_count", "integer")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_jobs").execute();
}

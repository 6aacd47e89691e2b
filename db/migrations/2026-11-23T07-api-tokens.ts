import type { Kysely } from "kysely";

// Bearer tokens for the read-only KPI API, issued by a forum's admins. Only a hash of each token
// is stored (the token is shown once); a revoked token is kept, with revoked_at set, so the list
// shows who revoked it and when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .execute();
  await db.schema.createIndex("api_tokens_forum").on("api_tokens").column("forum_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_tokens").execute();
}

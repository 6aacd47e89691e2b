import type { Kysely } from "kysely";

// Installation operators: the few people who run the installation itself (creating forums,
// importing outside forums' counts files from the web pages). A permission of its own, apart from
// any forum's roles, so a forum admin is never one by being an admin.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("installation_operators")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("installation_operators").execute();
}

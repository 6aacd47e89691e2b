import type { Kysely } from "kysely";

// Guessing limits (sign-in, two-factor, resume and receipt codes, invitation links) kept in the
// database rather than one server's memory, so app servers sharing one PostgreSQL share one count.
// The key is a hash: it stands for an email or an address, which need not be stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key_hash", "text", (c) => c.primaryKey())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limits_window").on("rate_limits").column("window_start").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}

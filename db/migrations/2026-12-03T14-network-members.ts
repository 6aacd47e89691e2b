import type { Kysely } from "kysely";

// Network benchmarking (NB-1): which forums share their aggregate counts with the network. One row
// per forum code, hosted here (forum_id set) or on an installation of its own (forum_id null):
// joining sets joined_at and clears left_at, leaving sets left_at; the audit log keeps each change.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("network_members")
    .addColumn("forum_code", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.references("forums.id").onDelete("cascade").unique())
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("network_members").execute();
}

import type { Kysely } from "kysely";

// Contact requests: what the forum did about a parent's request to be contacted. Each column is
// added on its own (SQLite adds one column a statement); a request starts as `new`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("follow_up_contacts")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .execute();
  await db.schema.alterTable("follow_up_contacts").addColumn("note", "text").execute();
  await db.schema.alterTable("follow_up_contacts").addColumn("updated_by", "text").execute();
  await db.schema.alterTable("follow_up_contacts").addColumn("updated_at", "text").execute();
  await db.schema.createIndex("follow_up_contacts_forum_status").on("follow_up_contacts").columns(["forum_id", "status"]).execute();
  await db.schema.createIndex("follow_up_contacts_response").on("follow_up_contacts").column("response_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("follow_up_contacts_response").execute();
  await db.schema.dropIndex("follow_up_contacts_forum_status").execute();
  for (const column of ["updated_at", "updated_by", "note", "status"]) {
    await db.schema.alterTable("follow_up_contacts").dropColumn(column).execute();
  }
}

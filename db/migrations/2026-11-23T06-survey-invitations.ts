import type { Kysely } from "kysely";

// Single-use invitation links (for example one per SENCO setting per wave). Only a hash of each
// token is stored, and a response keeps no link to the invitation that let it in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("surveys")
    .addColumn("access", "text", (c) => c.notNull().defaultTo("public"))
    .execute();
  await db.schema
    .createTable("survey_invitation_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull().references("forums.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("survey_invitations")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("forum_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("batch_id", "text", (c) => c.notNull().references("survey_invitation_batches.id").onDelete("cascade"))
    .addColumn("spent_at", "text")
    .execute();
  await db.schema.createIndex("survey_invitations_batch").on("survey_invitations").column("batch_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_invitations").execute();
  await db.schema.dropTable("survey_invitation_batches").execute();
  await db.schema.alterTable("surveys").dropColumn("access").execute();
}

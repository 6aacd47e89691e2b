import type { Kysely } from "kysely";

// Recovering an account without help, and invitations that name the person invited.
//
// recovery_codes: one-time codes shown once when two-factor authentication is turned on; each
// lets its owner past the two-factor step once, for when the phone is lost. Only a hash of each
// code is stored, so a copy of the database lets no one past anyone's second factor.
//
// invitations.email: a join link is for one address, typed by the admin who invites. The join
// page then asks nothing about addresses, so it cannot be used to find out who has an account.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("recovery_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();
  await db.schema.alterTable("invitations").addColumn("email", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitations").dropColumn("email").execute();
  await db.schema.dropTable("recovery_codes").execute();
}

import type { Kysely } from "kysely";

// A moderator may dismiss a suggested redaction that identifies no one (a common first name, a
// national helpline's number) on purpose; approving then needs every other suggestion redacted.
// Stored as hashes of what was matched, so the column repeats no personal data.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("moderation_items").addColumn("dismissed_suggestions", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("moderation_items").dropColumn("dismissed_suggestions").execute();
}

import type { Kysely } from "kysely";

// Revoking single-use survey links: a whole batch, or one leaked link. A revoked link no longer
// opens the survey; what was already sent with it stays.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_invitation_batches").addColumn("revoked_at", "text").execute();
  await db.schema.alterTable("survey_invitations").addColumn("revoked_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_invitations").dropColumn("revoked_at").execute();
  await db.schema.alterTable("survey_invitation_batches").dropColumn("revoked_at").execute();
}

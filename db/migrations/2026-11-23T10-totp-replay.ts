import type { Kysely } from "kysely";

// The time step (30 s since the epoch) of the last two-factor code a user signed in with: a code
// is accepted only for a later step, so a code seen over a shoulder or in a proxy's log cannot
// be used again within its window.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("totp_last_step").execute();
}

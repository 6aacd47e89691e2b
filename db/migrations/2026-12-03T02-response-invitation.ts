import type { Kysely } from "kysely";

// A single-use invitation travels with the response it started, not only in a cookie of the
// first device: a SENCO who saves and finishes elsewhere with the resume code can still send.
// The hash is cleared when the response is sent, in the same transaction that spends the
// invitation, so a sent response keeps no link to the link it came from.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").addColumn("invitation_hash", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("responses").dropColumn("invitation_hash").execute();
}

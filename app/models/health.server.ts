import { sql } from "kysely";
import type { DB } from "~/db.server";

/** Resolves once the database answers a trivial query; rejects while it does not. */
export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}

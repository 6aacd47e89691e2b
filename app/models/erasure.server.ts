import { sql } from "kysely";
import type { DB } from "~/db.server";
import { isSqlite } from "./dialect.server";

/** Tables that hold what families wrote; PostgreSQL vacuums them after a retention batch. */
const FAMILY_TABLES = ["answers", "responses", "moderation_items", "consents", "follow_up_contacts", "yswd_kept_quotes"] as const;

/**
 * After a family's answers are deleted (a withdrawal, a retention batch), removes the copies the
 * database keeps beyond the rows. SQLite: secure_delete has zeroed the pages the deletion wrote,
 * but older versions of those pages still sit in the write-ahead log; a TRUNCATE checkpoint
 * copies the new pages over the file and empties the log. PostgreSQL (with `vacuum: true`):
 * VACUUM marks the dead rows' space for reuse (the README says what more a host must do).
 * Runs outside any transaction; when another process holds the log, SQLite checkpoints what it
 * can and the next deletion finishes the job.
 */
export async function eraseDeletedFromDisk(db: DB, options: { vacuum?: boolean } = {}): Promise<void> {
  if (db.isTransaction) return;
  if (isSqlite(db)) {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  } else if (options.vacuum) {
    for (const table of FAMILY_TABLES) await sql`vacuum ${sql.table(table)}`.execute(db);
  }
}

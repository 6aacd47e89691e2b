import { sql } from "kysely";
import type { DB } from "~/db.server";
import { isSqlite } from "./dialect.server";

/**
 * What `npm run backup` and `npm run restore` ask of a database: whether it is empty, whether a
 * SQLite copy is sound, and how many responses it holds.
 */

/** The tables in the database's own space (SQLite: the file; PostgreSQL: the current schema). None means empty. */
export async function listTables(db: DB): Promise<string[]> {
  const result = isSqlite(db)
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
        db,
      )
    : await sql<{ name: string }>`
        select c.relname as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
        order by c.relname`.execute(db);
  return result.rows.map((row) => row.name);
}

/** SQLite: what `PRAGMA integrity_check` finds wrong with the file; none means it is sound. */
export async function integrityProblems(db: DB): Promise<string[]> {
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const lines = result.rows.map((row) => row.integrity_check);
  return lines.length === 1 && lines[0] === "ok" ? [] : lines;
}

/**
 * SQLite: makes a copy one self-contained file. A copy of a live database inherits its
 * write-ahead-log flag, and every reader of such a file leaves -wal and -shm files beside it.
 */
export async function useRollbackJournal(db: DB): Promise<void> {
  await sql`pragma journal_mode = DELETE`.execute(db);
}

/**
 * SQLite: whether another connection, such as a running server's, has the file open. A
 * connection to a database in WAL mode keeps a shared lock on the file for as long as it is
 * open, so taking the file for this connection alone fails at once if any other has it. Once
 * taken, it stays this connection's alone until it closes.
 */
export async function openElsewhere(db: DB): Promise<boolean> {
  await sql`pragma locking_mode = EXCLUSIVE`.execute(db);
  try {
    await sql`begin exclusive`.execute(db);
    await sql`commit`.execute(db);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  }
}

export interface ResponseCounts {
  submitted: number;
  inProgress: number;
}

export async function countResponses(db: DB): Promise<ResponseCounts> {
  const rows = await db
    .selectFrom("responses")
    .select((eb) => ["status", eb.fn.countAll<number | string>().as("n")])
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { submitted: count("submitted"), inProgress: count("in_progress") };
}

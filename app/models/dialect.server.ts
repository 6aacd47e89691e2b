import { PostgresAdapter, SqliteAdapter, type DialectAdapter } from "kysely";

/**
 * What differs between SQLite and PostgreSQL, in one place: which database is behind a handle,
 * and how each reports a unique-constraint violation.
 */

/** Anything that runs queries: the database, a transaction or a single connection. */
interface QueryRunner {
  getExecutor(): { readonly adapter: DialectAdapter };
}

export function isPostgres(db: QueryRunner): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function isSqlite(db: QueryRunner): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type MigrationProvider } from "kysely";
import pg from "pg";
import type { Database } from "../db/schema";
import { migrations } from "../db/migrations/index";
import { env } from "./env.server";

export type Dialect = "sqlite" | "postgres";
export type DB = Kysely<Database>;

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each file its own). */
  searchPath?: string;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/**
 * Opens the store that `url` names: a SQLite file path, or a postgres:// URL.
 *
 * SQLite runs in WAL mode with synchronous=FULL: a parent who saw the confirmation page has a
 * response on disk even if the machine loses power straight after.
 */
export function openDatabase(url: string, options: OpenOptions = {}): DB {
  if (dialectOf(url) === "postgres") {
    // count(*) and sums come back as bigint strings; KPI counts fit easily in a JS number.
    pg.types.setTypeParser(20, (value) => Number(value));
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = url.replace(/^(sqlite|file):(\/\/)?/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query afresh; better-sqlite3 statements can be reused. The app sends a
 * small set of query shapes (values are bound parameters), so a bounded cache by SQL text saves
 * the parse on every request, the submission path included.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      if (cache.size >= 500) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `schema`: PostgreSQL only, the schema the migration bookkeeping lives in. Kysely looks for its
 * tables across every schema, so a database holding several schemas (tests) must name its own.
 */
export async function migrateToLatest(db: DB, options: { schema?: string } = {}): Promise<string[]> {
  let schema = options.schema;
  if (!schema && db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    schema = result.rows[0]?.schema;
  }
  // Migrations written on parallel branches may land out of name order on an existing database.
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// One instance per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { __forumDb?: DB };

export function getDb(): DB {
  globalForDb.__forumDb ??= openDatabase(env().DATABASE_URL);
  return globalForDb.__forumDb;
}

import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type MigrationProvider, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "../db/schema";
import { migrations } from "../db/migrations/index";
import { env } from "./env.server";
import { isPostgres, isSqlite } from "./models/dialect.server";

export type Dialect = "sqlite" | "postgres";
export type DB = Kysely<Database>;

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each file its own). */
  searchPath?: string;
  /** SQLite only: false gives every groupedTransaction a commit of its own. */
  groupCommit?: boolean;
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
  // Deleted rows are overwritten with zeros, not just unlinked: a withdrawn answer's text must
  // not stay readable in the file's free space.
  sqlite.pragma("secure_delete = ON");
  const db = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }) });
  if (options.groupCommit === false) ungrouped.add(db);
  return db;
}

/**
 * SQLite runs schema changes inside transactions, but Kysely's adapter says it cannot, so its
 * migrator ran each migration bare: a start killed half-way through one left a database that
 * never started again ("table already exists"). Saying so makes every pending migration, and
 * its bookkeeping row, one transaction: all of it happens, or none.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
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
      const oldest = cache.size >= 500 ? cache.keys().next() : null;
      if (oldest && !oldest.done) cache.delete(oldest.value);
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

interface GroupJob {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Kept on globalThis, like the connection itself: the server's start-up code and the bundled
// app are two copies of this module sharing one connection, and must share its groups too.
const groupState = globalThis as unknown as { __forumPendingGroups?: WeakMap<DB, GroupJob[]>; __forumUngrouped?: WeakSet<DB> };
const pendingGroups = (groupState.__forumPendingGroups ??= new WeakMap<DB, GroupJob[]>());
const ungrouped = (groupState.__forumUngrouped ??= new WeakSet<DB>());

/**
 * Runs `work` in a transaction; inside one already (a caller's, such as the demo seed's), the
 * work joins it, so a model's verb is all or nothing alone and part of a larger whole when
 * called from one.
 */
export function transaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

/**
 * Runs `work` in a transaction of its own, as `db.transaction().execute(work)` would, except
 * that on SQLite the transactions that arrive together share one commit (group commit).
 *
 * With synchronous=FULL every commit waits for the disk, and on SQLite that wait blocks the one
 * connection. Under load, requests arrive faster than the disk flushes: the calls made in the
 * same turn of the event loop are run one after another, each inside a savepoint, and committed
 * together. Each call still sees the effect of its own work only after the shared commit is on
 * disk, a failing call rolls back to its savepoint and leaves the others untouched, and a failed
 * commit fails every call in the group. Alone (a quiet server) a call is a group of one. On
 * PostgreSQL, which groups commits itself, this is a plain transaction.
 *
 * `work` must only use the database through `trx`, and wait for nothing else (no network, no
 * timers): the group's transaction is open while it runs.
 */
export function groupedTransaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // Inside a transaction already: the work joins it, as a nested call would expect.
  if (db.isTransaction) return work(db as Transaction<Database>);
  if (!isSqlite(db) || ungrouped.has(db)) return db.transaction().execute(work);
  return new Promise<T>((resolve, reject) => {
    let jobs = pendingGroups.get(db);
    if (!jobs) {
      jobs = [];
      pendingGroups.set(db, jobs);
      setImmediate(() => void runGroup(db));
    }
    jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

async function runGroup(db: DB): Promise<void> {
  const jobs = pendingGroups.get(db) ?? [];
  pendingGroups.delete(db);
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const job of jobs) {
        // A group of one fails as a plain transaction does: its error rolls everything back.
        if (jobs.length === 1) {
          outcomes.push({ ok: true, value: await job.work(trx) });
          continue;
        }
        await sql`savepoint grouped`.execute(trx);
        try {
          const value = await job.work(trx);
          await sql`release grouped`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          // If SQLite already rolled the whole transaction back (a full disk, say), there is no
          // savepoint left: the original error then fails the group, and nothing is committed.
          await sql`rollback to grouped`.execute(trx).catch(() => Promise.reject(error));
          await sql`release grouped`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * PostgreSQL: the advisory lock every migration run holds (and tests hold to drop a schema).
 * Kysely's migrator lists the tables of every schema before taking its own lock, so a schema
 * dropped meanwhile, or a second server migrating at the same moment, would fail the listing.
 */
export const MIGRATION_LOCK_KEY = 72_201;

/** PostgreSQL: the lock the demo seed holds, so servers starting together seed once. */
const SEED_LOCK_KEY = 72_202;

/**
 * Inside a transaction: waits until no other server is seeding (PostgreSQL; the lock ends with
 * the transaction). SQLite has one server, and its write lock serialises the rest.
 */
export async function holdSeedLock(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
}

/**
 * `schema`: PostgreSQL only, the schema the migration bookkeeping lives in. Kysely looks for its
 * tables across every schema, so a database holding several schemas (tests) must name its own.
 */
export async function migrateToLatest(db: DB, options: { schema?: string } = {}): Promise<string[]> {
  if (!isPostgres(db)) return runMigrator(db, undefined);
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      const schema =
        options.schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(connection)).rows[0]?.schema;
      return await runMigrator(connection, schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

async function runMigrator(db: DB, schema: string | undefined): Promise<string[]> {
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

/**
 * Closes this process's connection cleanly, once requests have finished: on SQLite the
 * write-ahead log is first copied into the file and emptied, so `forum.db` alone then holds
 * every acknowledged response.
 */
export async function closeDb(): Promise<void> {
  const db = globalForDb.__forumDb;
  if (!db) return;
  globalForDb.__forumDb = undefined;
  if (isSqlite(db)) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
}

export function getDb(): DB {
  const config = env();
  globalForDb.__forumDb ??= openDatabase(config.DATABASE_URL, { groupCommit: config.SQLITE_GROUP_COMMIT === "1" });
  return globalForDb.__forumDb;
}

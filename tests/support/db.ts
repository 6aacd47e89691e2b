import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATION_LOCK_KEY, migrateToLatest, openDatabase, type DB } from "~/db.server";

/**
 * Real databases for model and integration tests: a fresh SQLite file per test database, and a
 * fresh PostgreSQL schema per test database when PostgreSQL is available (`npm test` finds it).
 */
export type StoreKind = "sqlite" | "postgres";

export const postgresUrl = process.env.TEST_POSTGRES_URL || "";

/** The stores to run a suite against; `describe.each(STORES)` runs it once per store. */
export const STORES: { kind: StoreKind; skip: boolean }[] = [
  { kind: "sqlite", skip: false },
  { kind: "postgres", skip: !postgresUrl },
];

const tmp = path.resolve("tests/.tmp");

export interface TestDb {
  db: DB;
  kind: StoreKind;
  /** SQLite file path or PostgreSQL URL with its schema, for a second process to open. */
  url: string;
  schema?: string;
  destroy(): Promise<void>;
}

export async function createTestDb(kind: StoreKind): Promise<TestDb> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  if (kind === "sqlite") {
    fs.mkdirSync(tmp, { recursive: true });
    const file = path.join(tmp, `${name}.db`);
    const db = openDatabase(file);
    await migrateToLatest(db);
    return {
      db,
      kind,
      url: file,
      async destroy() {
        await db.destroy();
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  // Kysely's migrator lists the tables of every schema; a schema dropped by another test file
  // at that moment fails the listing. Every migration run (the app's own too, as in a command a
  // test starts) holds MIGRATION_LOCK_KEY, and every drop here holds it as well.
  const db = openDatabase(postgresUrl, { searchPath: name });
  await withSchemaLock((client) => client.query(`create schema ${name}`));
  await migrateToLatest(db, { schema: name });
  return {
    db,
    kind,
    url: postgresUrl,
    schema: name,
    async destroy() {
      await db.destroy();
      await withSchemaLock((client) => client.query(`drop schema ${name} cascade`));
    },
  };
}

async function withSchemaLock<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await work(client);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

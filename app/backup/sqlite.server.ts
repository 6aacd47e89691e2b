import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../../db/schema";
import type { DB } from "~/db.server";
import {
  countResponses,
  integrityProblems,
  listTables,
  openElsewhere,
  useRollbackJournal,
  type ResponseCounts,
} from "~/models/backups.server";
import { BackupError, partialFileFor, placeFile, removeFiles, sameFile } from "./files.server";

/**
 * Backups of a SQLite database through SQLite's online backup API, never a copy of the file: a
 * file copied while the server writes can catch half a transaction, and misses whatever is still
 * in the write-ahead log.
 */

/**
 * Pages per backup step: all of them. One step reads the whole database in one read
 * transaction, a single snapshot, while the server goes on writing (in WAL mode a reader and
 * the writer do not wait for each other). In smaller steps, any write by the server between two
 * steps would start the copy again, and under steady load it might never finish.
 */
const ALL_PAGES = 0x7fffffff;

/** The file a SQLite DATABASE_URL names, read as openDatabase reads it. */
export function sqliteFileOf(url: string): string {
  return path.resolve(url.replace(/^(sqlite|file):(\/\/)?/, ""));
}

const SIDE_FILES = ["-wal", "-shm", "-journal"];

/**
 * Opens a SQLite file as it is, without the server's settings: openDatabase would switch a
 * backup to write-ahead logging, which is a change to the file.
 */
async function withFile<T>(file: string, options: { readonly: boolean; timeout?: number }, work: (db: DB) => Promise<T>): Promise<T> {
  const database = new SQLite(file, { readonly: options.readonly, fileMustExist: true, timeout: options.timeout ?? 5000 });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  try {
    return await work(db);
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new BackupError(`${file} is not a SQLite database.`);
    throw error;
  } finally {
    await db.destroy();
  }
}

async function copyDatabase(from: string, to: string): Promise<void> {
  const source = new SQLite(from, { fileMustExist: true });
  try {
    await source.backup(to, { progress: () => ALL_PAGES });
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_NOTADB") throw new BackupError(`${from} is not a SQLite database.`);
    throw error;
  } finally {
    source.close();
  }
}

/** The first few of integrity_check's findings, one a line: enough to search for, not a flood. */
function listed(problems: string[]): string {
  return problems
    .slice(0, 10)
    .map((line) => `  ${line}`)
    .join("\n");
}

export interface SqliteBackup {
  bytes: number;
  responses: ResponseCounts;
}

/** Copies the live database at `source` to `target`, checked and complete before it takes its name. */
export async function backupSqlite(source: string, target: string): Promise<SqliteBackup> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}: check DATABASE_URL.`);
  if (sameFile(source, target) || SIDE_FILES.some((suffix) => sameFile(source + suffix, target))) {
    throw new BackupError(`${target} is the live database itself: choose another file for the backup.`);
  }
  const partial = partialFileFor(target);
  try {
    await copyDatabase(source, partial);
    const { problems, responses } = await withFile(partial, { readonly: false }, async (db) => {
      await useRollbackJournal(db);
      return { problems: await integrityProblems(db), responses: await countResponses(db) };
    });
    if (problems.length > 0) {
      throw new BackupError(
        `The copy fails SQLite's integrity check, so the live database itself may be damaged; no backup was written:\n${listed(problems)}`,
      );
    }
    placeFile(partial, target);
    return { bytes: fs.statSync(target).size, responses };
  } finally {
    removeFiles(partial, ...SIDE_FILES.map((suffix) => partial + suffix));
  }
}

/** The database file a restore would fill: the tables it has (none when there is no file), and whether something has it open. */
export async function inspectSqliteTarget(file: string): Promise<{ tables: string[]; openElsewhere: boolean }> {
  if (!fs.existsSync(file)) return { tables: [], openElsewhere: false };
  // No waiting: a running server holds the file for as long as it runs.
  return withFile(file, { readonly: false, timeout: 0 }, async (db) => {
    if (await openElsewhere(db)) return { tables: [], openElsewhere: true };
    return { tables: await listTables(db), openElsewhere: false };
  });
}

/**
 * Puts the backup at `backup` in place as the database file `target`: copied beside it, checked
 * with PRAGMA integrity_check, then renamed over it. The caller has made sure that `target` is
 * empty, or that replacing it is what was asked for.
 */
export async function restoreSqlite(backup: string, target: string): Promise<void> {
  if (sameFile(backup, target)) throw new BackupError(`${backup} is the database DATABASE_URL names: restore it into another.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = partialFileFor(target);
  try {
    await copyDatabase(backup, partial);
    const { problems, tables } = await withFile(partial, { readonly: false }, async (db) => ({
      problems: await integrityProblems(db),
      tables: await listTables(db),
    }));
    if (problems.length > 0) {
      throw new BackupError(`${backup} fails SQLite's integrity check; nothing was restored:\n${listed(problems)}`);
    }
    if (!tables.includes("responses")) {
      throw new BackupError(`${backup} is not a backup of this app's database (it has no responses table); nothing was restored.`);
    }
    // The log of the database being replaced must not be replayed onto the restored file.
    removeFiles(...SIDE_FILES.map((suffix) => target + suffix));
    placeFile(partial, target);
  } finally {
    removeFiles(partial, ...SIDE_FILES.map((suffix) => partial + suffix));
  }
}

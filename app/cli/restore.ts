/**
 * `npm run restore -- <file> [--replace]`: restores a backup made by `npm run backup` into the
 * database DATABASE_URL names, which must be empty (SQLite: no file, or one with no tables;
 * PostgreSQL: no tables in the schema) unless --replace is given. Then migrates it, so an older
 * backup comes up to date. Stop the server before replacing the database it is using.
 *
 * Exit codes: 0 restored; 1 refused or failed (a message says why; the database is left as it
 * was unless the restore itself succeeded and only the migration after it failed); 2 the
 * arguments were not right.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DB } from "~/db.server";
import { dialectOf, migrateToLatest, openDatabase } from "~/db.server";
import { env } from "~/env.server";
import { backupFormatOf, BackupError } from "~/backup/files.server";
import { describePostgres, restorePostgres } from "~/backup/postgres.server";
import { inspectSqliteTarget, restoreSqlite, sqliteFileOf } from "~/backup/sqlite.server";
import { countResponses, listTables } from "~/models/backups.server";

const USAGE = "Usage: npm run restore -- <file> [--replace]";

function parse(argv: string[]): { file: string; replace: boolean } | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { replace: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0].trim() === "") return null;
    return { file: positionals[0], replace: values.replace === true };
  } catch {
    return null;
  }
}

async function postgresTables(url: string): Promise<string[]> {
  const db = openDatabase(url);
  try {
    return await listTables(db);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const request = parse(argv);
  if (!request) {
    console.error(USAGE);
    return 2;
  }
  const backup = path.resolve(request.file);
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) {
    console.error(`There is no backup file ${backup}.\n${USAGE}`);
    return 2;
  }

  const url = env().DATABASE_URL;
  const dialect = dialectOf(url);
  const sqlite = dialect === "sqlite";
  const where = sqlite ? sqliteFileOf(url) : describePostgres(url);
  const format = backupFormatOf(backup);
  if (format !== dialect) {
    const kind = { sqlite: "a SQLite backup", postgres: "a PostgreSQL dump (pg_dump)" };
    console.error(
      format
        ? `${backup} is ${kind[format]}, and DATABASE_URL names ${sqlite ? "a SQLite file" : "a PostgreSQL database"}: ` +
            "a backup restores into the kind of database it came from. Nothing was changed."
        : `${backup} is neither a SQLite backup nor a PostgreSQL dump made by npm run backup. Nothing was changed.`,
    );
    return 1;
  }
  try {
    const target = sqlite ? await inspectSqliteTarget(where) : { tables: await postgresTables(url), openElsewhere: false };
    if (target.openElsewhere) {
      console.error(`The database at ${where} is open in another program, most likely the server: stop it first. Nothing was changed.`);
      return 1;
    }
    const { tables } = target;
    if (tables.length > 0 && !request.replace) {
      console.error(
        `The database at ${where} is not empty (it has ${tables.length} tables), and restore fills an empty database only: ` +
          "nothing was changed. Point DATABASE_URL at a new database, or add --replace to replace this one (stop the server first).",
      );
      return 1;
    }
    if (sqlite) await restoreSqlite(backup, where);
    else await restorePostgres(url, backup, { replace: request.replace });
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }

  let db: DB | undefined;
  try {
    db = openDatabase(url);
    const applied = await migrateToLatest(db);
    const responses = await countResponses(db);
    const total = responses.submitted + responses.inProgress;
    console.log(
      `Restored ${backup} into ${where}: ${total.toLocaleString("en-GB")} responses ` +
        `(${responses.submitted.toLocaleString("en-GB")} sent, ${responses.inProgress.toLocaleString("en-GB")} unfinished).`,
    );
    console.log(applied.length > 0 ? `Migrated: ${applied.join(", ")}` : "Its schema was already up to date.");
    return 0;
  } finally {
    await db?.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A message, never a stack trace: whoever runs this needs to know what to fix.
    console.error(`The restore could not finish: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

/**
 * `npm run backup -- <file> [--force]`: writes a backup of the database DATABASE_URL names to
 * <file> while the server goes on serving. SQLite: SQLite's online backup API, a checked
 * single-file copy. PostgreSQL: `pg_dump --format=custom`. `npm run restore` puts it back.
 *
 * Exit codes: 0 written; 1 refused or failed (a message says why; nothing was written);
 * 2 the arguments were not right.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { dialectOf } from "~/db.server";
import { env } from "~/env.server";
import { BackupError, describeSize } from "~/backup/files.server";
import { backupPostgres, describePostgres } from "~/backup/postgres.server";
import { backupSqlite, sqliteFileOf } from "~/backup/sqlite.server";

const USAGE = "Usage: npm run backup -- <file> [--force]";

function parse(argv: string[]): { file: string; force: boolean } | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { force: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0].trim() === "") return null;
    return { file: positionals[0], force: values.force === true };
  } catch {
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const request = parse(argv);
  if (!request) {
    console.error(USAGE);
    return 2;
  }
  const target = path.resolve(request.file);
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) {
      console.error(`${target} is a folder: name the backup file, such as ${path.join(target, "forum-backup.db")}.`);
      return 2;
    }
    if (!request.force) {
      console.error(`${target} already exists, and a backup never overwrites a file unless told to: choose a new name, or add --force.`);
      return 1;
    }
  }
  if (!fs.existsSync(path.dirname(target))) {
    console.error(`The folder ${path.dirname(target)} does not exist.`);
    return 2;
  }

  const url = env().DATABASE_URL;
  try {
    if (dialectOf(url) === "sqlite") {
      const source = sqliteFileOf(url);
      const { bytes, responses } = await backupSqlite(source, target);
      const total = responses.submitted + responses.inProgress;
      console.log(
        `Backed up ${source} to ${target}: ${describeSize(bytes)}, holding ${total.toLocaleString("en-GB")} responses ` +
          `(${responses.submitted.toLocaleString("en-GB")} sent, ${responses.inProgress.toLocaleString("en-GB")} unfinished).`,
      );
    } else {
      const { bytes } = await backupPostgres(url, target);
      console.log(`Backed up ${describePostgres(url)} to ${target}: ${describeSize(bytes)} (pg_dump custom format).`);
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
  console.log("It holds parents' answers: encrypt it, keep it off this machine, and delete it within the retention period.");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A message, never a stack trace: whoever runs this needs to know what to fix.
    console.error(`The backup could not be made: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

import { spawn } from "node:child_process";
import fs from "node:fs";
import { BackupError, partialFileFor, placeFile, removeFiles } from "./files.server";

/**
 * Backups of a PostgreSQL database with PostgreSQL's own tools: pg_dump reads one consistent
 * snapshot while the servers go on writing, and pg_restore loads its custom format.
 */

/**
 * The URL without its password, which goes to the tool in PGPASSWORD instead: a command line
 * is visible to every user of the machine.
 */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  if (!parsed.password) return { url, env: process.env };
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** Where a PostgreSQL URL points, to say so in messages without its password. */
export function describePostgres(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "****";
  return parsed.toString();
}

/** Runs pg_dump or pg_restore; a tool that is missing or fails is a BackupError that says what to do. */
function runClientTool(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "inherit", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new BackupError(
              `${tool} is not installed. It comes with PostgreSQL's client tools: on Debian or Ubuntu, ` +
                "apt-get install postgresql-client (its major version must be the server's or newer).",
            )
          : error,
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit code ${code}):\n${errors.trim()}`));
    });
  });
}

/** Dumps the database to `target` in pg_dump's custom format, complete before it takes its name. */
export async function backupPostgres(url: string, target: string): Promise<{ bytes: number }> {
  const { url: address, env } = connection(url);
  const partial = partialFileFor(target);
  try {
    await runClientTool("pg_dump", ["--format=custom", `--file=${partial}`, address], env);
    placeFile(partial, target);
    return { bytes: fs.statSync(target).size };
  } finally {
    removeFiles(partial);
  }
}

/**
 * Loads a dump into the database, all or nothing (one transaction). `replace` drops the dump's
 * objects first. Objects belong to whoever restores, since the roles of the machine the dump
 * came from may not exist here.
 */
export async function restorePostgres(url: string, dump: string, options: { replace: boolean }): Promise<void> {
  const { url: address, env } = connection(url);
  await runClientTool(
    "pg_restore",
    [
      "--single-transaction",
      "--no-owner",
      "--no-privileges",
      ...(options.replace ? ["--clean", "--if-exists"] : []),
      `--dbname=${address}`,
      dump,
    ],
    env,
  );
}

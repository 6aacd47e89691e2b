import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A problem the person running a backup or a restore can act on: shown as a message, never a stack trace. */
export class BackupError extends Error {}

/**
 * Where a file is written before it takes its name: beside it, so the rename that puts it in
 * place is atomic. A backup cut off half-way never looks like a finished one.
 */
export function partialFileFor(target: string): string {
  return `${target}.partial-${randomBytes(4).toString("hex")}`;
}

/** Puts a finished file under its name, on disk before it is reported as written. */
export function placeFile(partial: string, target: string): void {
  syncPath(partial);
  fs.renameSync(partial, target);
  syncPath(path.dirname(target));
}

function syncPath(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function removeFiles(...files: string[]): void {
  for (const file of files) fs.rmSync(file, { force: true });
}

/** Whether two paths name the same file (one of them may not exist yet). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [first, second] = [fs.statSync(a), fs.statSync(b)];
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

export function describeSize(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString("en-GB")} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

export type BackupFormat = "sqlite" | "postgres";

/** What a backup file holds, by its first bytes: a SQLite database, pg_dump's custom format, or neither. */
export function backupFormatOf(file: string): BackupFormat | null {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") === "SQLite format 3\u0000") return "sqlite";
  if (head.toString("latin1", 0, 5) === "PGDMP") return "postgres";
  return null;
}

import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index";
import { migrateToLatest, openDatabase, type DB } from "~/db.server";
import { countResponses, integrityProblems } from "~/models/backups.server";
import { findByReceipt, loadAnswers } from "~/models/responses.server";
import { minimalParentAnswers } from "../factories";
import { startApp, type RunningApp } from "../support/app";
import { postgresUrl } from "../support/db";

/**
 * `npm run backup` and `npm run restore` against the real server: a backup taken while parents
 * go on sending holds every response acknowledged before it began, and restores into an empty
 * database that passes SQLite's integrity check; restore refuses a database that is not empty
 * unless told to replace it; backup never overwrites a file unless told to.
 */

const SURVEY = "parent-carer-experience";
/** Parents sending at once while the backup runs. */
const PARENTS = 6;
/** Responses acknowledged before the backup starts. */
const BEFORE_BACKUP = 18;

interface Acknowledged {
  responseId: string;
  receiptCode: string;
}

/**
 * One parent's whole journey over HTTP, as a browser without JavaScript makes it: the start
 * form, every question, the check page and Send, then the page that shows the receipt code.
 * Resolves only once the receipt is shown: the response is then acknowledged.
 */
async function sendResponse(app: RunningApp, publicId: string): Promise<Acknowledged> {
  const cookies = new Map<string, string>();
  const visit = async (target: string, form?: Record<string, string>) => {
    const response = await fetch(new URL(target, app.url), {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (/max-age=0\b/i.test(header)) cookies.delete(name);
      else cookies.set(name, pair.slice(name.length + 1));
    }
    return { status: response.status, location: response.headers.get("location") ?? "", html: await response.text() };
  };
  const answers = minimalParentAnswers();
  let step = await visit(`/s/${publicId}`, { idempotency_key: randomUUID(), participate: "yes", special_category: "yes" });
  for (let i = 0; i < 40 && step.location.includes("/q/"); i++) {
    const answer = answers[step.location.split("/q/")[1]];
    step = await visit(step.location, { answer: answer?.kind === "options" ? answer.codes[0] : "" });
  }
  if (!step.location.endsWith("/check")) throw new Error(`The journey stopped at ${step.status} ${step.location}`);
  await visit(step.location);
  const sent = await visit(step.location, {});
  if (sent.status !== 302 || !sent.location.endsWith("/done")) throw new Error(`Send answered ${sent.status} ${sent.location}`);
  const done = await visit(sent.location);
  const receiptCode = done.html.match(/data-testid="receipt-code"[^>]*>([^<]+)</)?.[1];
  const responseId = cookies.get("response");
  if (!receiptCode || !responseId) throw new Error(`No receipt shown (${done.status})`);
  return { responseId, receiptCode };
}

/** Parents sending responses, a few at a time, until stopped; `acknowledged` in the order their receipts were shown. */
function parentsSending(app: RunningApp, publicId: string) {
  const acknowledged: Acknowledged[] = [];
  const failures: string[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let stopping = false;
  const loops = Array.from({ length: PARENTS }, async () => {
    while (!stopping) {
      try {
        acknowledged.push(await sendResponse(app, publicId));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        stopping = true;
      }
      for (const waiter of waiting.filter((w) => acknowledged.length >= w.count || stopping)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    acknowledged,
    failures,
    /** Resolves once `count` responses in all have been acknowledged (or a parent failed). */
    reached(count: number): Promise<void> {
      if (acknowledged.length >= count || stopping) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <script> -- <args>` as whoever runs the installation would, with DATABASE_URL and any other variables given. */
function runCommand(script: "backup" | "restore", args: string[], env: Record<string, string>): Promise<CommandResult> {
  return runProcess("npm", ["run", "-s", script, "--", ...args], env);
}

function runProcess(command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDb<T>(url: string, work: (db: DB) => Promise<T>): Promise<T> {
  const db = openDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The acknowledged responses the database at `url` does not hold, whole (submitted, with answers, found by receipt code). */
function missingFrom(url: string, acknowledged: Acknowledged[]): Promise<string[]> {
  return withDb(url, async (db) => {
    const missing: string[] = [];
    for (const { responseId, receiptCode } of acknowledged) {
      const found = await findByReceipt(db, receiptCode);
      const answers = found ? await loadAnswers(db, responseId) : {};
      if (found?.responseId !== responseId || Object.keys(answers).length === 0) missing.push(responseId);
    }
    return missing;
  });
}

/**
 * Parents send; once BEFORE_BACKUP responses are acknowledged, the backup command runs while
 * they go on; the parents stop only after more responses are acknowledged once it has finished.
 */
async function backupWhileParentsSend(app: RunningApp, databaseUrl: string, file: string) {
  const parents = parentsSending(app, app.publicIds[SURVEY]);
  try {
    await parents.reached(BEFORE_BACKUP);
    const beforeBackup = [...parents.acknowledged];
    const backup = await runCommand("backup", [file], { DATABASE_URL: databaseUrl });
    const whileBackingUp = parents.acknowledged.length - beforeBackup.length;
    // The server kept serving: parents are still being answered after the backup.
    await parents.reached(parents.acknowledged.length + PARENTS);
    console.log(
      `Backup under load: ${beforeBackup.length} responses acknowledged before it began, ${whileBackingUp} while it ran, ` +
        `${parents.acknowledged.length} in all.`,
    );
    return { beforeBackup, backup, failures: parents.failures };
  } finally {
    await parents.stop();
  }
}

/** A database at `url` with tables but none of the backup's rows (no forum): not empty, and told apart from the backup. */
async function migratedWithoutForums(url: string): Promise<void> {
  await withDb(url, (db) => migrateToLatest(db));
}

const forumCount = (url: string) =>
  withDb(url, async (db) =>
    Number(
      (
        await db
          .selectFrom("forums")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

/** Restore refuses the database at `url`, which holds data, and leaves it alone; with --replace it replaces it. */
async function expectRefusalThenReplace(backupFile: string, url: string): Promise<void> {
  await migratedWithoutForums(url);
  const refused = await runCommand("restore", [backupFile], { DATABASE_URL: url });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("is not empty");
  expect(refused.stderr).toContain("--replace");
  expect(refused.stderr).toContain("nothing was changed");
  expect(await forumCount(url)).toBe(0);

  const replaced = await runCommand("restore", [backupFile, "--replace"], { DATABASE_URL: url });
  expect(replaced.code, replaced.stderr).toBe(0);
  expect(await forumCount(url)).toBe(1);
}

describe("backup and restore on SQLite", () => {
  const dir = path.resolve("tests/.tmp", `backup-${randomBytes(5).toString("hex")}`);
  let app: RunningApp;

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up while parents send, and the restored copy holds every response acknowledged before the backup began", async () => {
    const file = path.join(dir, "under-load.db");
    const { beforeBackup, backup, failures } = await backupWhileParentsSend(app, app.databaseUrl, file);
    expect(failures).toEqual([]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(file);
    expect(backup.stdout).toMatch(/: \d[\d.,]* (bytes|KB|MB), holding [\d,]+ responses/);
    const heldInCopy = Number(backup.stdout.match(/holding ([\d,]+) responses/)![1].replace(/,/g, ""));
    expect(heldInCopy).toBeGreaterThanOrEqual(beforeBackup.length);

    const restoredUrl = path.join(dir, "restored", "forum.db");
    const restore = await runCommand("restore", [file], { DATABASE_URL: restoredUrl });
    expect(restore.code, restore.stderr).toBe(0);
    expect(await missingFrom(restoredUrl, beforeBackup)).toEqual([]);
    await withDb(restoredUrl, async (db) => {
      expect(await integrityProblems(db)).toEqual([]);
      const counts = await countResponses(db);
      expect(counts.submitted + counts.inProgress).toBe(heldInCopy);
    });
    // Each file was written beside its target and renamed into place: nothing half-written is left.
    expect(fs.readdirSync(dir).filter((name) => name.includes(".partial-"))).toEqual([]);
    expect(fs.readdirSync(path.dirname(restoredUrl)).filter((name) => name.includes(".partial-"))).toEqual([]);
  });

  it("refuses to restore over a database that holds data unless --replace is given, and never under a running server", async () => {
    const file = path.join(dir, "for-replace.db");
    expect((await runCommand("backup", [file], { DATABASE_URL: app.databaseUrl })).code).toBe(0);
    const target = path.join(dir, "holds-data.db");
    await expectRefusalThenReplace(file, target);
    await withDb(target, async (db) => expect(await integrityProblems(db)).toEqual([]));

    const underServer = await runCommand("restore", [file, "--replace"], { DATABASE_URL: app.databaseUrl });
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toContain("stop it first");
    expect((await fetch(`${app.url}/s/${app.publicIds[SURVEY]}`)).status).toBe(200);
  });

  it("never overwrites a backup file unless --force is given", async () => {
    const file = path.join(dir, "kept.db");
    const env = { DATABASE_URL: app.databaseUrl };
    expect((await runCommand("backup", [file], env)).code).toBe(0);
    const digest = () => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    const first = digest();
    const later = await sendResponse(app, app.publicIds[SURVEY]);

    const refused = await runCommand("backup", [file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already exists");
    expect(refused.stderr).toContain("--force");
    expect(digest()).toBe(first);

    const forced = await runCommand("backup", [file, "--force"], env);
    expect(forced.code, forced.stderr).toBe(0);
    const restoredUrl = path.join(dir, "forced.db");
    expect((await runCommand("restore", [file], { DATABASE_URL: restoredUrl })).code).toBe(0);
    expect(await missingFrom(restoredUrl, [later])).toEqual([]);
  });

  it("brings a backup made before later migrations up to date as it restores it", async () => {
    const names = Object.keys(migrations).sort();
    const oldUrl = path.join(dir, "old-live.db");
    await withDb(oldUrl, async (db) => {
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(names[0]);
      expect(error).toBeUndefined();
    });
    const file = path.join(dir, "old.db");
    expect((await runCommand("backup", [file], { DATABASE_URL: oldUrl })).code).toBe(0);
    const restoredUrl = path.join(dir, "old-restored.db");
    const restore = await runCommand("restore", [file], { DATABASE_URL: restoredUrl });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Migrated: ${names[1]}`);
    await withDb(restoredUrl, async (db) => {
      const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
      expect(Number(applied.rows[0].n)).toBe(names.length);
    });
  });

  it("refuses a backup of the other kind of database, and says which package provides pg_dump when it is missing", async () => {
    const wrongKind = await runCommand("restore", ["package.json"], { DATABASE_URL: path.join(dir, "unused.db") });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain("neither a SQLite backup nor a PostgreSQL dump");
    expect(fs.existsSync(path.join(dir, "unused.db"))).toBe(false);

    // No pg_dump on the PATH: the command itself is run directly, as the npm script runs it.
    const emptyPath = path.join(dir, "no-tools");
    fs.mkdirSync(emptyPath, { recursive: true });
    const missing = await runProcess(process.execPath, ["--import", "tsx", "app/cli/backup.ts", path.join(dir, "x.dump")], {
      PATH: emptyPath,
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/nowhere",
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("pg_dump is not installed");
    expect(missing.stderr).toContain("postgresql-client");
    expect(fs.existsSync(path.join(dir, "x.dump"))).toBe(false);
  });
});

const pgDumpInstalled = spawnSync("pg_dump", ["--version"]).status === 0;
// Under CI nothing is skipped: without pg_dump these tests fail with the command's own message.
const ci = process.env.CI === "true" || process.env.CI === "1";

describe.skipIf(!postgresUrl || (!pgDumpInstalled && !ci))("backup and restore on PostgreSQL", () => {
  const dir = path.resolve("tests/.tmp", `backup-pg-${randomBytes(5).toString("hex")}`);
  const suffix = randomBytes(5).toString("hex");
  const databases = { live: `backup_live_${suffix}`, restored: `backup_restored_${suffix}`, replaced: `backup_replaced_${suffix}` };
  const urlOf = (database: string) => {
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  let app: RunningApp;

  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    for (const database of Object.values(databases)) await admin(`create database ${database}`);
    app = await startApp({ DATABASE_URL: urlOf(databases.live) });
  });
  afterAll(async () => {
    await app?.stop();
    for (const database of Object.values(databases)) await admin(`drop database if exists ${database} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up with pg_dump while parents send, and the restored database holds every response acknowledged before it began", async () => {
    const file = path.join(dir, "under-load.dump");
    const { beforeBackup, backup, failures } = await backupWhileParentsSend(app, urlOf(databases.live), file);
    expect(failures).toEqual([]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(file);
    expect(backup.stdout).toContain("pg_dump custom format");

    const restore = await runCommand("restore", [file], { DATABASE_URL: urlOf(databases.restored) });
    expect(restore.code, restore.stderr).toBe(0);
    expect(await missingFrom(urlOf(databases.restored), beforeBackup)).toEqual([]);
  });

  it("refuses to restore over a database that holds data unless --replace is given, and names pg_restore's package when it is missing", async () => {
    const file = path.join(dir, "for-replace.dump");
    expect((await runCommand("backup", [file], { DATABASE_URL: urlOf(databases.live) })).code).toBe(0);
    await expectRefusalThenReplace(file, urlOf(databases.replaced));

    const emptyPath = path.join(dir, "no-tools");
    fs.mkdirSync(emptyPath, { recursive: true });
    const missing = await runProcess(process.execPath, ["--import", "tsx", "app/cli/restore.ts", file, "--replace"], {
      PATH: emptyPath,
      DATABASE_URL: urlOf(databases.replaced),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("pg_restore is not installed");
    expect(missing.stderr).toContain("postgresql-client");
  });
});

import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "~/db.server";
import { parentCarerExperience } from "~/templates";
import { minimalParentAnswers } from "../factories";
import { startApp, type RunningApp } from "../support/app";
import { signInCookie } from "../support/http";

/**
 * The built server killed (SIGKILL, no chance to tidy up) while an admin's import is storing its
 * rows: nothing of the file is ever visible, and once the server is back the job says it failed
 * and every row it stored is gone.
 */
describe("a server killed in the middle of an import", () => {
  const file = path.resolve("tests/.tmp", `import-restart-${randomBytes(6).toString("hex")}.db`);
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  async function withDb<T>(work: (db: DB) => Promise<T>): Promise<T> {
    const db = openDatabase(file);
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  }
  const countOf = (db: DB, table: "responses" | "answers" | "consents") =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  /** Waits for a condition of the database, looking every few milliseconds (never a timed assertion). */
  async function until<T>(look: (db: DB) => Promise<T | undefined>): Promise<T> {
    return withDb(async (db) => {
      for (let i = 0; i < 20_000; i++) {
        const seen = await look(db);
        if (seen !== undefined) return seen;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("The database never reached the state the test waits for");
    });
  }

  it("leaves nothing visible, and after the restart the job has failed and its rows are gone", { timeout: 300_000 }, async () => {
    app = await startApp({ DATABASE_URL: file, SEED_SAMPLE_RESPONSES: "0" });
    const publicId = app.publicIds["parent-carer-experience"];
    const surveyId = await withDb(
      async (db) => (await db.selectFrom("surveys").select("id").where("public_id", "=", publicId).executeTakeFirstOrThrow()).id,
    );
    const before = await withDb(async (db) => ({
      responses: await countOf(db, "responses"),
      answers: await countOf(db, "answers"),
      consents: await countOf(db, "consents"),
    }));

    // Enough rows that storing them takes many batches; undated, so dated the day the test runs.
    const header = ["submitted_at", ...parentCarerExperience.questions.map((q) => q.code)];
    const answers = minimalParentAnswers();
    const cells = header.slice(1).map((code) => {
      const answer = answers[code];
      return answer?.kind === "options" ? answer.codes[0] : "";
    });
    const csvText = [header.join(","), ...Array.from({ length: 20_000 }, () => ["", ...cells].join(","))].join("\r\n");
    const cookie = await signInCookie(app, "admin@example.org");
    const body = new FormData();
    body.append("file", new Blob([csvText], { type: "text/csv" }), "paper-forms.csv");
    const upload = await fetch(`${app.url}/admin/surveys/${surveyId}/import`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: app.url },
      body,
    });
    expect(upload.status).toBe(302);
    const jobPage = upload.headers.get("location")!;

    // Killed once it has stored its first batch, before it can have committed.
    const job = await until((db) =>
      db.selectFrom("import_jobs").select(["id", "done", "counting"]).where("done", ">", 0).where("counting", "=", 0).executeTakeFirst(),
    );
    process.kill(app.pid, "SIGKILL");
    await until(async () => {
      try {
        process.kill(app!.pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });

    await withDb(async (db) => {
      const rows = await db
        .selectFrom("responses")
        .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
        .where("import_job_id", "=", job.id)
        .groupBy("status")
        .execute();
      // Stored, but staged: not one of them was ever sent.
      expect(rows.map((r) => r.status)).toEqual(["in_progress"]);
      expect(Number(rows[0].n)).toBeGreaterThan(0);
      expect(await db.selectFrom("kpi_stale_months").select("month").execute()).toEqual([]);
    });

    // The same database, a new process: it finds the import its predecessor was running.
    app = await startApp({ DATABASE_URL: file, SEED_SAMPLE_RESPONSES: "0" });
    const status = await until((db) =>
      db
        .selectFrom("import_jobs")
        .select("status")
        .where("id", "=", job.id)
        .where("status", "<>", "running")
        .executeTakeFirst()
        .then((r) => r?.status),
    );
    expect(status).toBe("failed");
    await until(async (db) => ((await countOf(db, "responses")) === before.responses ? true : undefined));
    expect(
      await withDb(async (db) => ({
        responses: await countOf(db, "responses"),
        answers: await countOf(db, "answers"),
        consents: await countOf(db, "consents"),
      })),
    ).toEqual(before);
    const page = await (await fetch(`${app.url}${jobPage}`, { headers: { cookie } })).text();
    expect(page).toContain("The import failed: nothing was stored");
  });
});

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DB } from "~/db.server";
import { countForums } from "~/models/forums.server";
import { createUser } from "~/models/users.server";
import { seedDemoForum } from "~/seed.server";
import { SURVEY_TEMPLATES } from "~/templates";
import { DEMO_PASSWORD, startApp } from "../support/app";
import { createTestDb, postgresUrl, STORES } from "../support/db";
import { Device, receiptOn } from "../support/survey-client";

const tmp = path.resolve("tests/.tmp");
const made: string[] = [];
afterAll(() => {
  for (const file of made) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

function freshFile(): string {
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `start-${randomBytes(6).toString("hex")}.db`);
  made.push(file);
  return file;
}

/** What a healthy demo installation holds, read through the database itself. */
async function installation(db: DB) {
  const count = async (table: "forums" | "users" | "surveys" | "memberships") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    forums: await count("forums"),
    users: await count("users"),
    surveys: await count("surveys"),
    memberships: await count("memberships"),
  };
}
const WHOLE = { forums: 1, users: 3, surveys: SURVEY_TEMPLATES.length, memberships: 3 };

describe("a first start that cannot break the forum", () => {
  it("runs pending migrations as one transaction on SQLite: one that fails leaves no table behind", async () => {
    const file = freshFile();
    const db = openDatabase(file);
    try {
      const migrator = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            "0001-first": {
              up: async (k: Kysely<unknown>) => void (await k.schema.createTable("first_table").addColumn("id", "text").execute()),
            },
            "0002-broken": {
              up: async (k: Kysely<unknown>) => {
                await k.schema.createTable("second_table").addColumn("id", "text").execute();
                throw new Error("the machine stopped here");
              },
            },
          }),
        },
      });
      const { error } = await migrator.migrateToLatest();
      expect(String(error)).toContain("the machine stopped here");
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain("first_table");
      expect(tables.map((t) => t.name)).not.toContain("second_table");
      // Nothing is recorded as done, so the next start runs both again.
      const done = await db
        .selectFrom("kysely_migration" as never)
        .selectAll()
        .execute();
      expect(done).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  describe.each(STORES)("the demo seed on $kind", ({ kind, skip }) => {
    it.skipIf(skip)("is all or nothing: a seed that fails half-way leaves no forum, and the next one seeds it whole", async () => {
      const t = await createTestDb(kind);
      try {
        // An account with the third demo address makes the seed fail after the forum, its
        // themes, its KPIs and two accounts were written.
        const blocker = await createUser(t.db, { email: "board@example.org", password: DEMO_PASSWORD });
        await expect(
          seedDemoForum(t.db, { sampleResponses: false, demoPassword: DEMO_PASSWORD, now: new Date("2026-06-01T12:00:00Z") }),
        ).rejects.toThrow();
        expect(await countForums(t.db)).toBe(0);
        expect((await installation(t.db)).users).toBe(1);
        await t.db.deleteFrom("users").where("id", "=", blocker).execute();
        const seeded = await seedDemoForum(t.db, {
          sampleResponses: false,
          demoPassword: DEMO_PASSWORD,
          now: new Date("2026-06-01T12:00:00Z"),
        });
        expect(seeded.seeded).toBe(true);
        expect(await installation(t.db)).toEqual(WHOLE);
      } finally {
        await t.destroy();
      }
    });
  });

  // Several servers share one database only on PostgreSQL; a SQLite file has one server.
  it.skipIf(!postgresUrl)("seeds once when three servers start on one PostgreSQL at the same moment", async () => {
    const t = await createTestDb("postgres");
    const others = [
      openDatabase(t.url, t.schema ? { searchPath: t.schema } : {}),
      openDatabase(t.url, t.schema ? { searchPath: t.schema } : {}),
    ];
    try {
      const results = await Promise.all(
        [t.db, ...others].map((db) =>
          seedDemoForum(db, { sampleResponses: false, demoPassword: DEMO_PASSWORD, now: new Date("2026-06-01T12:00:00Z") }),
        ),
      );
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await installation(t.db)).toEqual(WHOLE);
    } finally {
      for (const db of others) await db.destroy();
      await t.destroy();
    }
  });

  it(
    "a first `npm start` killed at moments through its migrations and seed: the next start always finishes the job",
    { timeout: 240_000 },
    async () => {
      // How long a first start takes here, to spread the kills across it.
      const timed = freshFile();
      const began = Date.now();
      const first = await startApp({ DATABASE_URL: timed, SEED_SAMPLE_RESPONSES: "1" }, { seedClock: "server" });
      const startup = Date.now() - began;
      await first.stop();

      const outcomes: string[] = [];
      for (const fraction of [0.15, 0.35, 0.55, 0.75, 0.9]) {
        const file = freshFile();
        const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], {
          env: { ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_URL: file, SEED_SAMPLE_RESPONSES: "1", DEMO_PASSWORD },
          stdio: "ignore",
        });
        await new Promise((resolve) => setTimeout(resolve, Math.round(startup * fraction)));
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await exited;

        // The next start must come up with the whole demo forum, and a parent can answer.
        const app = await startApp({ DATABASE_URL: file, SEED_SAMPLE_RESPONSES: "1" }, { seedClock: "server" });
        try {
          const db = openDatabase(file);
          try {
            outcomes.push(JSON.stringify(await installation(db)));
            expect(await migrateToLatest(db)).toEqual([]);
          } finally {
            await db.destroy();
          }
          const phone = new Device(app);
          const publicId = app.publicIds["parent-carer-experience"] ?? (await publicIdOf(file, "parent-carer-experience"));
          await phone.answer(await phone.start(publicId));
          expect(receiptOn((await phone.visit(`/s/${publicId}/check`, {})).html)).toBeTruthy();
        } finally {
          await app.stop();
        }
      }
      expect(outcomes).toEqual(Array(5).fill(JSON.stringify(WHOLE)));
    },
  );

  it("SIGTERM closes the SQLite database cleanly: the file alone holds every acknowledged response", { timeout: 120_000 }, async () => {
    const file = freshFile();
    const app = await startApp({ DATABASE_URL: file });
    const receipts: string[] = [];
    const publicId = app.publicIds["parent-carer-experience"];
    for (let i = 0; i < 5; i++) {
      const phone = new Device(app);
      await phone.answer(await phone.start(publicId));
      const code = receiptOn((await phone.visit(`/s/${publicId}/check`, {})).html);
      if (code) receipts.push(code);
    }
    expect(receipts).toHaveLength(5);
    await app.stop();
    expect(app.output()).toContain("SIGTERM: answering the requests in flight, then closing the database.");
    // No write-ahead log is left behind: a copy of forum.db is the whole database.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const copy = freshFile();
    fs.copyFileSync(file, copy);
    const db = openDatabase(copy);
    try {
      const submitted = await db.selectFrom("responses").select("receipt_hash").where("status", "=", "submitted").execute();
      expect(submitted).toHaveLength(5);
      expect((await db.selectFrom("responses").select("id").execute()).length).toBe(5);
    } finally {
      await db.destroy();
    }
  });
});

async function publicIdOf(file: string, slug: string): Promise<string> {
  const db = openDatabase(file);
  try {
    const row = await db.selectFrom("surveys").select("public_id").where("slug", "=", slug).executeTakeFirstOrThrow();
    return row.public_id;
  } finally {
    await db.destroy();
  }
}

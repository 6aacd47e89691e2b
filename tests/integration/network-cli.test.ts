/**
 * The command lines of the network (NB-1), each run as its own process against a test database:
 * `forum`, `import --forum`, `network` and `kpis --network`. Bad input gives a message and a
 * non-zero exit code, never a stack trace.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toNetworkCsv } from "~/domain/network";
import { sortCounts } from "~/domain/network-counts";
import { readCountsFile } from "~/domain/network-counts-file";
import { computeNetworkRows, hostedForumCounts } from "~/models/network-counts.server";
import { findForumByCode } from "~/models/forum-setup.server";
import { createTestDb, STORES, type TestDb } from "../support/db";
import { hostedForum, parentAnswers, sampleMonth, submitMany, TEMPLATE } from "../support/network";

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The URL a second process opens: on PostgreSQL, the test's own schema named in it. */
function urlOf(t: TestDb): string {
  return t.schema ? `${t.url}?options=${encodeURIComponent(`-c search_path=${t.schema}`)}` : t.url;
}

async function cli(t: TestDb, script: string, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", `app/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATABASE_URL: urlOf(t) },
      encoding: "utf8",
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A refusal: the exit code, a message, and no stack trace anywhere. */
function expectRefused(outcome: Outcome, code: number, message: RegExp): void {
  expect(outcome.code, outcome.stderr).toBe(code);
  expect(`${outcome.stdout}\n${outcome.stderr}`).toMatch(message);
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
  expect(outcome.stdout).not.toMatch(/^\s+at /m);
}

const PARENT_HEADER = [
  "submitted_at",
  "overall_experience",
  "listened_to",
  "confidence_needs_met",
  "ehcp_stage",
  "finding_information",
  "feedback_leads_to_change",
];

// Each command is a process of its own, which takes seconds on a busy machine: the forum and
// import commands run on SQLite, the network's on both stores.
describe("the forum and import command lines", () => {
  let t: TestDb;
  const files: string[] = [];
  beforeEach(async () => {
    t = await createTestDb("sqlite");
  });
  afterEach(async () => {
    for (const file of files.splice(0)) fs.rmSync(file, { force: true });
    await t.destroy();
  });

  it("sets up forums with their surveys, lists them, and imports a file into the forum named", async () => {
    const created = await cli(t, "forum", "create", "ash-pcf", "Ash Parent Carer Forum");
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created Ash Parent Carer Forum (ash-pcf)");
    for (const slug of ["parent-carer-experience", "senco-experience", "young-people-easy-read"])
      expect(created.stdout).toContain(`${slug}: /s/`);
    const withAdmin = await cli(t, "forum", "create", "birch-pcf", "Birch Parent Carer Forum", "--admin", "chair@example.org");
    expect(withAdmin.stdout).toMatch(/\/join\/[\w-]{20,}/);
    expectRefused(await cli(t, "forum", "create", "ash-pcf", "Another"), 2, /already here/);
    const listed = await cli(t, "forum", "list");
    expect(listed.stdout.trim().split("\n")).toEqual([
      "ash-pcf\tAsh Parent Carer Forum\tnot in the network",
      "birch-pcf\tBirch Parent Carer Forum\tnot in the network",
    ]);

    // 12 paper forms for Ash: 9 good, 3 poor.
    const rows = Array.from({ length: 12 }, (_, i) => [
      `${sampleMonth(0)}-15`,
      i < 9 ? "good" : "poor",
      "agree",
      "fairly",
      "sen_support",
      "fairly_easy",
      "yes_some",
    ]);
    const file = path.resolve("tests/.tmp", `${path.basename(t.url)}-paper.csv`);
    fs.writeFileSync(file, [PARENT_HEADER, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n");
    files.push(file);
    expectRefused(
      await cli(t, "import", TEMPLATE, file),
      2,
      /2 forums are hosted here: say which one .* --forum <code>, one of ash-pcf, birch-pcf/,
    );
    const imported = await cli(t, "import", "--forum", "ash-pcf", TEMPLATE, file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.trim()).toBe("Imported 12 responses into parent-carer-experience (version 1)");
    const ash = (await findForumByCode(t.db, "ash-pcf"))!;
    const byForum = await t.db
      .selectFrom("responses")
      .select((eb) => ["forum_id", eb.fn.countAll<number>().as("n")])
      .groupBy("forum_id")
      .execute();
    expect(byForum.map((r) => [r.forum_id, Number(r.n)])).toEqual([[ash.id, 12]]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "subject"])
      .where("action", "=", "forum.created")
      .orderBy("subject")
      .execute();
    expect(audit).toEqual([
      { action: "forum.created", subject: "ash-pcf" },
      { action: "forum.created", subject: "birch-pcf" },
    ]);
  }, 600_000);
});

describe.each(STORES)("the network command lines on $kind", ({ kind, skip }) => {
  let t: TestDb;
  let second: TestDb;
  const files: string[] = [];
  beforeEach(async () => {
    if (skip) return;
    t = await createTestDb(kind);
    second = await createTestDb(kind);
  });
  afterEach(async () => {
    if (skip) return;
    for (const file of files.splice(0)) fs.rmSync(file, { force: true });
    await t.destroy();
    await second.destroy();
  });

  function writeFile(name: string, text: string): string {
    const file = path.resolve("tests/.tmp", `${path.basename(t.url)}-${t.schema ?? "sqlite"}-${name}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.push(file);
    return file;
  }

  it.skipIf(skip)(
    "joins and leaves, exports a counts file another installation imports, and prints the network CSV",
    async () => {
      const { forum: ash, survey } = await hostedForum(t.db, "ash-pcf", "Ash Parent Carer Forum");
      await submitMany(t.db, survey, 9, parentAnswers({ overall_experience: "good" }), 0);
      await submitMany(t.db, survey, 3, parentAnswers({ overall_experience: "poor" }), 0);

      expect((await cli(t, "network", "join", "ash-pcf")).stdout.trim()).toBe("Ash Parent Carer Forum (ash-pcf) has joined the network.");
      expectRefused(await cli(t, "network", "join", "no-such-forum"), 2, /No forum has the code no-such-forum/);

      // Ash's counts file: counts only, as the model gives them.
      const exported = await cli(t, "network", "export-counts", "ash-pcf");
      expect(exported.code, exported.stderr).toBe(0);
      const read = readCountsFile(exported.stdout);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.rows).toEqual(sortCounts((await hostedForumCounts(t.db, ash)).rows));
      expect(read.rows.find((r) => r.kpi_id === "K1")).toMatchObject({
        forum: "ash-pcf",
        month: sampleMonth(0),
        n: 12,
        numerator: 9,
        negative: 3,
      });
      const counts = writeFile("ash-counts.csv", exported.stdout);

      // On a second installation Ash is a forum with an installation of its own.
      const there = await cli(second, "network", "import-counts", counts);
      expect(there.code, there.stdout + there.stderr).toBe(0);
      expect(there.stdout).toContain(
        `Imported ${read.rows.length} rows of counts for Ash Parent Carer Forum (ash-pcf): 1 month, ${sampleMonth(0)}.`,
      );
      expect(there.stdout).toContain("Ash Parent Carer Forum (ash-pcf) has joined the network.");
      // Here, where Ash is hosted, its counts are shared directly and never from a file.
      const refused = await cli(t, "network", "import-counts", counts);
      expectRefused(refused, 1, /row 2, column forum: ash-pcf is a forum hosted in this installation/);
      expect(refused.stdout).toContain("Nothing was imported: the file has 1 problem to fix first.");

      // The network CSV: exactly the model's rows.
      const csv = await cli(second, "kpis", "--network", "--survey", TEMPLATE, "--period-type", "stocktake");
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toBe(toNetworkCsv(await computeNetworkRows(second.db, { template: TEMPLATE, periodType: "stocktake" })));
      expect(csv.stdout.split("\r\n")[0]).toMatch(/,rag,funnel95_lower,funnel95_upper,funnel998_lower,funnel998_upper,position$/);
      expect(csv.stdout).toMatch(/,forum,ash-pcf,12,9,75\.0,/);
      expectRefused(
        await cli(second, "kpis", "--network", "--survey", "my-own-survey", "--period-type", "quarter"),
        2,
        /"my-own-survey" is not a survey template the network compares: use parent-carer-experience/,
      );

      expect((await cli(second, "network", "leave", "ash-pcf")).stdout.trim()).toBe(
        "Ash Parent Carer Forum (ash-pcf) has left the network: none of its counts reach a network figure now.",
      );
      expect(await computeNetworkRows(second.db, { template: TEMPLATE, periodType: "stocktake" })).toEqual([]);
    },
    600_000,
  );
});

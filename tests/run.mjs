// `npm test`: every test, browser tests included. It finds PostgreSQL and Chromium first and
// says plainly what it must skip without them; with CI=true nothing may be skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const ci = process.env.CI === "true" || process.env.CI === "1";
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const missing = [];
const env = { ...process.env, NODE_ENV: "test" };
if (await postgresAnswers()) env.TEST_POSTGRES_URL = postgresUrl;
else {
  env.TEST_POSTGRES_URL = "";
  missing.push(
    `PostgreSQL at ${postgresUrl} did not answer: the PostgreSQL runs of the model and integration tests are skipped. ` +
      "Start PostgreSQL (or set TEST_POSTGRES_URL) to run them.",
  );
}
if (fs.existsSync(chromiumPath)) env.CHROMIUM_PATH = chromiumPath;
else {
  env.CHROMIUM_PATH = "";
  missing.push(
    `No Chromium at ${chromiumPath}: the browser tests are skipped. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}
for (const line of missing) console.log(`SKIPPED: ${line}`);
if (missing.length > 0 && ci) {
  console.log("CI=true: nothing may be skipped, so the run fails.");
  process.exit(1);
}

// Types first: a type error is a defect the tests may not reach.
const typecheck = spawnSync("npx", ["tsc", "--noEmit"], { stdio: "inherit", env });
if (typecheck.status !== 0) {
  console.log("TypeScript found errors (above): fix them before the tests run.");
  process.exit(typecheck.status ?? 1);
}

// Browser and route-access tests run the built server, as `npm start` does.
const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
if (build.status !== 0) process.exit(build.status ?? 1);

fs.mkdirSync("tests/.tmp", { recursive: true });
const report = "tests/.tmp/vitest-report.json";
fs.rmSync(report, { force: true });
const result = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env },
);
if (fs.existsSync(report)) {
  const summary = JSON.parse(fs.readFileSync(report, "utf8"));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
  for (const line of missing) console.log(`SKIPPED: ${line}`);
}
process.exit(result.status ?? 1);

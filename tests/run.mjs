// `npm test`: the full gate (types, lint, build, then every test, browser tests included). It finds PostgreSQL and Chromium first and
// says plainly what it must skip without them; with CI=true nothing may be skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ci, testEnvironment } from "./environment.mjs";

const { env, missing } = await testEnvironment();
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

// Lint next: the rules of hooks, import cycles and typescript-eslint's strict rules.
const lint = spawnSync("npx", ["eslint", "."], { stdio: "inherit", env });
if (lint.status !== 0) {
  console.log("ESLint found problems (above): fix them before the tests run (`npm run lint`).");
  process.exit(lint.status ?? 1);
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

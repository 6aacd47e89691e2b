// `npm run test:focus -- <file or folder> …`: the development loop. Runs only the tests named
// (all of them when none are), with PostgreSQL and Chromium found as `npm test` finds them, but
// without the type-check and lint of the full gate. Browser tests and several integration tests
// run the built server, so the app is built first unless only unit tests are named.
import { spawnSync } from "node:child_process";
import { testEnvironment } from "./environment.mjs";

const args = process.argv.slice(2);
const { env, missing } = await testEnvironment();
for (const line of missing) console.log(`SKIPPED: ${line}`);

const paths = args.filter((a) => !a.startsWith("-"));
const needsBuild = paths.length === 0 || paths.some((p) => !p.startsWith("tests/unit"));
if (needsBuild) {
  const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync("npx", ["vitest", "run", ...args], { stdio: "inherit", env });
process.exit(result.status ?? 1);

// `npm run test:calendar`: the whole suite at two awkward moments, the second day of each
// stocktake half-year, when a new period has almost no answers. Debian's `faketime` moves the
// clock of every process it starts (node, Chromium, SQLite); PostgreSQL's own clock stays, and
// nothing here reads it. Not part of `npm test`: it runs the suite twice.
import { spawnSync } from "node:child_process";

const DATES = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["2027-06-02 09:00:00", "2026-12-02 09:00:00"];

if (spawnSync("faketime", ["2000-01-01 00:00:00", "true"]).error) {
  console.log("faketime is not installed: apt-get install -y faketime");
  process.exit(1);
}
const outcomes = [];
for (const date of DATES) {
  console.log(`\n=== The whole suite with the clock at ${date} ===`);
  const run = spawnSync("faketime", [date, "node", "tests/run.mjs"], { stdio: "inherit", env: process.env });
  outcomes.push({ date, status: run.status });
}
console.log("");
for (const { date, status } of outcomes) console.log(`${date}: ${status === 0 ? "passed" : `failed (exit ${status})`}`);
process.exit(outcomes.every((o) => o.status === 0) ? 0 : 1);

/**
 * `npm run retention [-- --dry-run]`: deletes every forum's raw responses that are past its
 * retention period, keeping the KPI figures (app/models/retention.server.ts). The server does
 * the same on start and every few hours; this is for a first look, or a run on demand.
 */
import { getDb } from "~/db.server";
import { listForums } from "~/models/forums.server";
import { applyRetention, retentionStatus, type RetentionStatus } from "~/models/retention.server";

const dryRun = process.argv.includes("--dry-run");
const unknown = process.argv.slice(2).filter((a) => a !== "--dry-run");
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown[0]}. Usage: npm run retention [-- --dry-run]`);
  process.exit(2);
}

const describe = (s: RetentionStatus) =>
  `${s.submitted} submitted and ${s.inProgress} unfinished responses sent before ${s.cutoffMonth} (kept ${s.retentionMonths} months)` +
  (s.heldBack > 0 ? `; ${s.heldBack} held back by an unresolved safeguarding concern` : "");

const db = getDb();
try {
  const forums = await listForums(db);
  for (const forum of forums) {
    if (dryRun) {
      console.log(`${forum.name}: would delete ${describe(await retentionStatus(db, forum.id))}.`);
    } else {
      const result = await applyRetention(db, forum.id, "command line");
      console.log(`${forum.name}: deleted ${describe(result)}.`);
      if (result.skippedSurveys > 0) {
        console.log(`  ${result.skippedSurveys} survey(s) left for the next run: their KPI summary did not match their rows yet.`);
      }
    }
  }
  if (forums.length === 0) console.log("No forums yet.");
} finally {
  await db.destroy();
}

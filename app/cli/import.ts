/**
 * `npm run import -- <survey public id or slug> <file.csv>`: imports responses collected
 * elsewhere (an earlier wave, typed-up paper forms) into the survey's current published version,
 * in the database DATABASE_URL names.
 *
 * Exit codes: 0 imported; 1 the file was rejected (every problem listed, nothing stored);
 * 2 the import could not run (arguments, a missing file, an unknown survey, the database).
 */
import fs from "node:fs";
import type { DB } from "~/db.server";
import { getDb, migrateToLatest } from "~/db.server";
import { decodeImportFile, fileTooBig, IMPORT_LIMITS, type ImportProblem } from "~/domain/import";
import { findImportTarget, importResponses } from "~/models/import.server";
import { refreshKpiSummary } from "~/models/kpi-summary.server";

const USAGE = "Usage: npm run import -- <survey public id or slug> <file.csv>";

async function main(args: string[]): Promise<number> {
  if (args.length !== 2 || args.some((a) => a.trim() === "")) {
    console.error(USAGE);
    return 2;
  }
  const [reference, file] = args;
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      console.error(`${file} is not a file.\n${USAGE}`);
      return 2;
    }
    size = stat.size;
  } catch {
    console.error(`There is no file ${file}.\n${USAGE}`);
    return 2;
  }
  // Checked before reading, so a wrong multi-gigabyte file is not loaded into memory.
  const decoded = size > IMPORT_LIMITS.maxBytes ? fileTooBig() : decodeImportFile(fs.readFileSync(file));
  if (!decoded.ok) return rejected(decoded.problems, decoded.problemCount);

  let db: DB | undefined;
  try {
    db = getDb();
    await migrateToLatest(db);
    const target = await findImportTarget(db, reference);
    if (!target) {
      console.error(`No published survey has the public id or slug "${reference}".`);
      return 2;
    }
    if (target.otherForums > 0) {
      console.error(
        `Note: ${target.otherForums + 1} forums have a survey called ${target.slug}; importing into ${target.forumName}. ` +
          "Use the survey's public id to choose another.",
      );
    }
    const showProgress = Boolean(process.stderr.isTTY);
    const outcome = await importResponses(db, {
      forumId: target.forumId,
      surveyId: target.surveyId,
      csvText: decoded.text,
      actor: "system",
      onProgress: showProgress
        ? (done, total) => process.stderr.write(`\rStoring responses: ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}`)
        : undefined,
      onPublishing: showProgress ? () => process.stderr.write("\nAll stored; sending them into the survey…") : undefined,
    });
    if (showProgress) process.stderr.write("\n");
    if (!outcome.ok) return rejected(outcome.problems, outcome.problemCount);
    const noun = outcome.imported === 1 ? "response" : "responses";
    console.log(`Imported ${outcome.imported} ${noun} into ${outcome.surveySlug} (version ${outcome.versionNo})`);
    // Counted now rather than on the board's next visit, which would otherwise wait for it.
    if (showProgress) process.stderr.write("Updating the KPI figures…\n");
    await refreshKpiSummary(db, target.forumId, target.surveyId);
    return 0;
  } finally {
    await db?.destroy();
  }
}

/** The problems as lines a volunteer can work through, spreadsheet in hand. */
function rejected(problems: ImportProblem[], problemCount: number): number {
  for (const p of problems) {
    const where = p.row === null ? "file" : p.column === null ? `row ${p.row}` : `row ${p.row}, column ${p.column}`;
    console.log(`${where}: ${p.message}`);
  }
  const more = problemCount - problems.length;
  if (more > 0) console.log(`…and ${more.toLocaleString("en-GB")} more ${more === 1 ? "problem" : "problems"}.`);
  console.log(
    `Nothing was imported: the file has ${problemCount.toLocaleString("en-GB")} ${problemCount === 1 ? "problem" : "problems"} to fix first.`,
  );
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A message, never a stack trace: whoever runs this needs to know what to fix.
    console.error(`The import could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);

/**
 * `npm run import -- [--forum <code>] <survey public id or slug> <file.csv>`: imports responses
 * collected elsewhere (an earlier wave, typed-up paper forms) into the survey's current published
 * version, in the database DATABASE_URL names. The forum is the one --forum names; without it, the
 * installation's only forum, or the forum whose survey has that public id (a slug alone is
 * ambiguous where several forums are hosted, so it needs --forum).
 *
 * Exit codes: 0 imported; 1 the file was rejected (every problem listed, nothing stored);
 * 2 the import could not run (arguments, a missing file, an unknown survey, the database).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { DB } from "~/db.server";
import { getDb, migrateToLatest } from "~/db.server";
import { decodeImportFile, fileTooBig, IMPORT_LIMITS, type ImportProblem } from "~/domain/import";
import { findForumSurvey, forumOfPublicId, listForumCodes, type ForumListing } from "~/models/forum-setup.server";
import { importResponses } from "~/models/import.server";
import { refreshKpiSummary } from "~/models/kpi-summary.server";

const USAGE = "Usage: npm run import -- [--forum <forum code>] <survey public id or slug> <file.csv>";

function parse(argv: string[]): { forum?: string; reference: string; file: string } | undefined {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { forum: { type: "string" } }, allowPositionals: true });
    if (positionals.length !== 2 || positionals.some((a) => a.trim() === "")) return undefined;
    if (values.forum !== undefined && values.forum.trim() === "") return undefined;
    return { forum: values.forum?.trim(), reference: positionals[0], file: positionals[1] };
  } catch {
    return undefined;
  }
}

/** The forum the import is for, or a message saying why it cannot be chosen. */
async function chooseForum(db: DB, forumCode: string | undefined, reference: string): Promise<ForumListing | string> {
  const forums = await listForumCodes(db);
  const codes = forums.map((f) => f.code).join(", ");
  if (forumCode !== undefined) {
    return forums.find((f) => f.code === forumCode) ?? `No forum here has the code ${forumCode}. The forums here: ${codes || "none"}.`;
  }
  if (forums.length === 0) return "There is no forum here yet: npm run forum -- create makes one.";
  if (forums.length === 1) return forums[0];
  return (
    (await forumOfPublicId(db, reference)) ??
    `${forums.length} forums are hosted here: say which one the file is for with --forum <code>, one of ${codes}.`
  );
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const { reference, file } = args;
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
    const forum = await chooseForum(db, args.forum, reference);
    if (typeof forum === "string") {
      console.error(forum);
      return 2;
    }
    const survey = await findForumSurvey(db, forum.id, reference);
    if (!survey) {
      console.error(`No published survey has the public id or slug "${reference}" in ${forum.name} (${forum.code}).`);
      return 2;
    }
    const showProgress = Boolean(process.stderr.isTTY);
    const outcome = await importResponses(db, {
      forumId: forum.id,
      surveyId: survey.surveyId,
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
    await refreshKpiSummary(db, forum.id, survey.surveyId);
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

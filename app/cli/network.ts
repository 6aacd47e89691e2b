/**
 * The network of forums (NB-1), for whoever runs the installation:
 * - `npm run network -- join <code>` / `leave <code>`: a forum joins or leaves the network (an
 *   admin's choice, audited; leaving is undone by joining again);
 * - `npm run -s network -- export-counts <code> > counts.csv`: a hosted forum's counts file, for a
 *   network on another installation: counts per template, KPI and month, nothing else;
 * - `npm run network -- import-counts <file.csv>`: a counts file from a forum on an installation of
 *   its own; all or nothing, every problem by row and column. A later file from the same forum
 *   replaces its counts for the months it covers;
 * - `npm run network -- list`: the forums that have joined.
 *
 * Exit codes: 0 done; 1 the counts file was refused (every problem listed, nothing stored);
 * 2 the command could not run (the arguments, an unknown forum code, a missing file, the database).
 */
import fs from "node:fs";
import { once } from "node:events";
import type { DB } from "~/db.server";
import { getDb, migrateToLatest } from "~/db.server";
import { decodeImportFile, fileTooBig, type ImportProblem } from "~/domain/import";
import { toCountsFile } from "~/domain/network-counts";
import { COUNTS_FILE_LIMITS } from "~/domain/network-counts-file";
import { londonDate } from "~/domain/periods";
import { exportForumCounts, importOutsideCounts } from "~/models/network-counts.server";
import { joinNetwork, leaveNetwork, listNetworkMembers, NetworkError } from "~/models/network-members.server";

const USAGE = [
  "Usage: npm run network -- join <forum code>",
  "       npm run network -- leave <forum code>",
  "       npm run -s network -- export-counts <forum code> > counts.csv",
  "       npm run network -- import-counts <counts.csv>",
  "       npm run network -- list",
].join("\n");

const ACTOR = "command line";

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, "drain");
}

/** The file's text, or a message saying why it cannot be read (exit code 2), or its problems (1). */
function readFile(file: string): { text: string } | { message: string } | { problems: ImportProblem[]; problemCount: number } {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { message: `${file} is not a file.` };
    size = stat.size;
  } catch {
    return { message: `There is no file ${file}.` };
  }
  // Checked before reading, so a wrong multi-gigabyte file is not loaded into memory.
  const decoded = size > COUNTS_FILE_LIMITS.maxBytes ? fileTooBig(COUNTS_FILE_LIMITS.maxBytes) : decodeImportFile(fs.readFileSync(file));
  return decoded.ok ? { text: decoded.text } : decoded;
}

/** The problems as lines to work through, then what happened. */
function refused(problems: ImportProblem[], problemCount: number): number {
  for (const p of problems) {
    const where =
      p.row === null
        ? p.column === null
          ? "file"
          : `column ${p.column}`
        : p.column === null
          ? `row ${p.row}`
          : `row ${p.row}, column ${p.column}`;
    console.log(`${where}: ${p.message}`);
  }
  const more = problemCount - problems.length;
  if (more > 0) console.log(`…and ${more.toLocaleString("en-GB")} more ${more === 1 ? "problem" : "problems"}.`);
  console.log(
    `Nothing was imported: the file has ${problemCount.toLocaleString("en-GB")} ${problemCount === 1 ? "problem" : "problems"} to fix first.`,
  );
  return 1;
}

async function run(db: DB, command: string, argument: string | undefined): Promise<number> {
  switch (command) {
    case "join": {
      const outcome = await joinNetwork(db, { code: argument ?? "", actor: ACTOR });
      console.log(
        outcome.changed
          ? `${outcome.name} (${outcome.code}) has joined the network.`
          : `${outcome.name} (${outcome.code}) is already in the network.`,
      );
      return 0;
    }
    case "leave": {
      const outcome = await leaveNetwork(db, { code: argument ?? "", actor: ACTOR });
      console.log(
        outcome.changed
          ? `${outcome.name} (${outcome.code}) has left the network: none of its counts reach a network figure now.`
          : `${outcome.name} (${outcome.code}) is not in the network.`,
      );
      return 0;
    }
    case "export-counts": {
      const counts = await exportForumCounts(db, { code: argument ?? "", actor: ACTOR });
      await write(toCountsFile(counts.rows));
      for (const { template, kpiId } of counts.notShared) {
        console.error(`Note: ${kpiId} of ${template} is left out: this forum counts it differently from the standard register.`);
      }
      console.error(`${counts.rows.length} ${counts.rows.length === 1 ? "row" : "rows"} of counts for ${counts.name}.`);
      return 0;
    }
    case "import-counts": {
      const file = readFile(argument ?? "");
      if ("message" in file) {
        console.error(`${file.message}\n${USAGE}`);
        return 2;
      }
      if ("problems" in file) return refused(file.problems, file.problemCount);
      const outcome = await importOutsideCounts(db, { csvText: file.text, actor: ACTOR });
      if (!outcome.ok) return refused(outcome.problems, outcome.problemCount);
      for (const forum of outcome.forums) {
        const span = forum.months.length === 1 ? forum.months[0] : `${forum.months[0]} to ${forum.months[forum.months.length - 1]}`;
        const months = `${forum.months.length} ${forum.months.length === 1 ? "month" : "months"}`;
        console.log(
          `Imported ${forum.rows} ${forum.rows === 1 ? "row" : "rows"} of counts for ${forum.name} (${forum.code}): ${months}, ${span}.`,
        );
        if (forum.joined) console.log(`${forum.name} (${forum.code}) has joined the network.`);
        else if (!forum.member)
          console.log(`${forum.name} (${forum.code}) has left the network: its counts are kept but reach no network figure.`);
      }
      return 0;
    }
    case "list": {
      const members = await listNetworkMembers(db);
      if (members.length === 0) console.log("No forum has joined the network yet.");
      for (const m of members) {
        const state = m.leftAt ? `left on ${londonDate(m.leftAt)}` : `in since ${londonDate(m.joinedAt)}`;
        console.log(`${m.code}\t${m.name}\t${m.forumId ? "hosted here" : "own installation"}\t${state}`);
      }
      return 0;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

const COMMANDS = new Set(["join", "leave", "export-counts", "import-counts", "list"]);

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    console.log(USAGE);
    return 0;
  }
  const [command, argument, ...rest] = argv;
  const wantsArgument = command !== "list";
  if (!command || !COMMANDS.has(command) || rest.length > 0 || (wantsArgument ? !argument?.trim() : argument !== undefined)) {
    const what = !command
      ? "Say what to do."
      : !COMMANDS.has(command)
        ? `"${command}" is not a network command.`
        : `${command}: wrong arguments.`;
    console.error(`${what}\n${USAGE}`);
    return 2;
  }

  let db: DB | undefined;
  try {
    db = getDb();
    await migrateToLatest(db);
    return await run(db, command, argument?.trim());
  } catch (error) {
    if (error instanceof NetworkError) {
      console.error(error.message);
      return 2;
    }
    // A message, never a stack trace: the person running this needs to know what went wrong.
    console.error(`The network command could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await db?.destroy();
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));

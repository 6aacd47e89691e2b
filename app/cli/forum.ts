/**
 * For whoever runs the installation:
 * - `npm run forum -- create <code> "<name>" [--admin <email>]`: a new forum with what every forum
 *   starts with (the standard KPI register, the moderation themes and the default surveys,
 *   published and open; no responses), and with --admin a link for its first admin;
 * - `npm run forum -- invite <code> <email>`: a single-use link for someone to join a forum as an
 *   admin (a forum with no members yet has nobody else to invite them). Audited;
 * - `npm run forum -- list`: every forum here, by code, and whether it is in the network.
 *
 * Exit codes: 0 done; 2 the arguments, the code, the name or the address were not right (a message
 * says what); 1 anything else (the database).
 */
import { parseArgs } from "node:util";
import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";
import { getDb, migrateToLatest } from "~/db.server";
import { londonDate } from "~/domain/periods";
import { env } from "~/env.server";
import { recordAudit } from "~/models/audit.server";
import {
  createForumWithDefaultSurveys,
  findForumByCode,
  ForumSetupError,
  listForumCodes,
  type ForumListing,
} from "~/models/forum-setup.server";
import { listNetworkMembers } from "~/models/network-members.server";
import { createInvitation } from "~/models/user-invitations.server";
import { StaffEmail } from "~/schemas/staff-email";

const USAGE = [
  'Usage: npm run forum -- create <code> "<name>" [--admin <email>]',
  "       npm run forum -- invite <code> <email>",
  "       npm run forum -- list",
].join("\n");

class UsageError extends Error {}

type Command =
  | { kind: "create"; code: string; name: string; admin?: string }
  | { kind: "invite"; code: string; email: string }
  | { kind: "list" }
  | { kind: "help" };

function email(value: string, what: string): string {
  const parsed = StaffEmail.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what}: ${parsed.error.issues[0]?.message ?? "not an email address"}.`);
  return parsed.data;
}

function parse(argv: string[]): Command {
  let values: { admin?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { admin: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { kind: "help" };
  const [command, ...rest] = positionals;
  if (values.admin !== undefined && command !== "create") throw new UsageError("--admin goes with create.");
  switch (command) {
    case "list":
      if (rest.length > 0) throw new UsageError("list takes nothing more.");
      return { kind: "list" };
    case "create":
      if (rest.length !== 2)
        throw new UsageError('create needs the forum\'s code and its name, in quotes: create leeds-pcf "Leeds Parent Carer Forum"');
      return {
        kind: "create",
        code: rest[0],
        name: rest[1],
        admin: values.admin === undefined ? undefined : email(values.admin, "--admin"),
      };
    case "invite":
      if (rest.length !== 2) throw new UsageError("invite needs the forum's code and the new admin's email address.");
      return { kind: "invite", code: rest[0], email: email(rest[1], "The email address") };
    default:
      throw new UsageError(command ? `"${command}" is not a forum command.` : "Say what to do: create, invite or list.");
  }
}

/** A join link for a forum's admin, audited in the forum's log as an admin's invitation is. */
async function inviteAdmin(db: DB, forum: ForumListing, address: string): Promise<void> {
  const token = await createInvitation(db, { forumId: forum.id, kind: "join", role: "admin", email: address, createdBy: "command line" });
  await recordAudit(db, {
    forumId: forum.id,
    actor: "command line",
    action: "user.invited",
    detail: { role: "admin", email: address, invitation: hashToken(token).slice(0, 12), by: "forum command" },
  });
  const config = env();
  const base = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://localhost:${config.PORT}`;
  console.log(`A single-use link for ${address} to join ${forum.name} as an admin (it works once, for 7 days):`);
  console.log(`${base}/join/${token}`);
  console.log("Send it to them by a way you know is theirs.");
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (command.kind === "help") {
    console.log(USAGE);
    return 0;
  }

  let db: DB | undefined;
  try {
    db = getDb();
    await migrateToLatest(db);
    if (command.kind === "list") {
      const members = new Map((await listNetworkMembers(db)).map((m) => [m.code, m]));
      const forums = await listForumCodes(db);
      if (forums.length === 0) console.log("No forums yet.");
      for (const forum of forums) {
        const member = members.get(forum.code);
        const network = !member
          ? "not in the network"
          : member.leftAt
            ? `left the network on ${londonDate(member.leftAt)}`
            : `in the network since ${londonDate(member.joinedAt)}`;
        console.log(`${forum.code}\t${forum.name}\t${network}`);
      }
      return 0;
    }
    if (command.kind === "invite") {
      const forum = await findForumByCode(db, command.code);
      if (!forum) throw new ForumSetupError(`No forum here has the code ${command.code} (npm run forum -- list shows the codes).`);
      await inviteAdmin(db, forum, command.email);
      return 0;
    }
    const { forum, surveys } = await createForumWithDefaultSurveys(db, { code: command.code, name: command.name, actor: "command line" });
    console.log(`Created ${forum.name} (${forum.code}), with its surveys open:`);
    for (const survey of surveys) console.log(`  ${survey.slug}: /s/${survey.publicId}`);
    if (command.admin) await inviteAdmin(db, forum, command.admin);
    else console.log(`It has no members yet: npm run forum -- invite ${forum.code} <email> makes a link for its first admin.`);
    return 0;
  } catch (error) {
    if (error instanceof ForumSetupError) {
      console.error(error.message);
      return 2;
    }
    // A message, never a stack trace: the person running this needs to know what went wrong.
    console.error(`The forum command could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));

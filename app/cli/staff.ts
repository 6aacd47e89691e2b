/**
 * For whoever runs the installation:
 * - `npm run staff -- reset <email> [--two-factor]`: when a member cannot sign in and no admin can
 *   help (the forum's only admin, or someone who holds roles in several forums). Prints a
 *   single-use password reset link; with `--two-factor` it also turns off their two-factor
 *   authentication, to be set up again at their next sign-in. Audited in every forum the person
 *   belongs to.
 * - `npm run staff -- operator <email> [--remove]`: makes a member an installation operator (or no
 *   longer one): they may then create forums and import outside forums' counts files from the web
 *   pages too. Audited in the installation's log and in every forum the person belongs to.
 * - `npm run staff -- operators`: who the operators are.
 */
import { getDb, migrateToLatest } from "~/db.server";
import { env } from "~/env.server";
import { recordAudit } from "~/models/audit.server";
import { grantOperator, listOperators, withdrawOperator } from "~/models/operators.server";
import { createInvitation } from "~/models/user-invitations.server";
import { findUserByEmail, listMemberships, setTotp } from "~/models/users.server";

const USAGE = [
  "Usage: npm run staff -- reset <email> [--two-factor]",
  "       npm run staff -- operator <email> [--remove]",
  "       npm run staff -- operators",
].join("\n");
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const [command, email, ...rest] = args.filter((a) => !a.startsWith("--"));
const allowedFlags = command === "reset" ? ["--two-factor"] : command === "operator" ? ["--remove"] : [];
const wantsEmail = command === "reset" || command === "operator";
if (
  !["reset", "operator", "operators"].includes(command ?? "") ||
  (wantsEmail ? !email : email !== undefined) ||
  rest.length > 0 ||
  [...flags].some((f) => !allowedFlags.includes(f))
) {
  console.error(USAGE);
  process.exit(2);
}

const db = getDb();
try {
  await migrateToLatest(db);
  if (command === "operators") {
    const operators = await listOperators(db);
    if (operators.length === 0) console.log("Nobody is an installation operator yet: npm run staff -- operator <email> makes one.");
    for (const o of operators) console.log(`${o.email}\tsince ${o.grantedAt.slice(0, 10)}`);
    process.exit(0);
  }
  const user = await findUserByEmail(db, email);
  const memberships = user ? await listMemberships(db, user.id) : [];
  if (!user || memberships.length === 0) {
    console.error(`No staff member has the address ${email}.`);
    process.exit(1);
  }
  if (command === "operator") {
    if (flags.has("--remove")) {
      const { changed } = await withdrawOperator(db, { userId: user.id, actor: "command line" });
      console.log(changed ? `${user.email} is no longer an installation operator.` : `${user.email} was not an installation operator.`);
    } else {
      const { changed } = await grantOperator(db, { userId: user.id, actor: "command line" });
      console.log(
        changed
          ? `${user.email} is now an installation operator: they may create forums and import counts files at /admin/forums and /admin/network-counts.`
          : `${user.email} is already an installation operator.`,
      );
    }
    process.exit(0);
  }
  const twoFactor = flags.has("--two-factor");
  if (twoFactor) await setTotp(db, user.id, null, false);
  const token = await createInvitation(db, { forumId: memberships[0].forumId, kind: "reset", userId: user.id, createdBy: "command line" });
  for (const membership of memberships) {
    await recordAudit(db, {
      forumId: membership.forumId,
      actor: "command line",
      action: twoFactor ? "user.reset_issued_with_two_factor_off" : "user.reset_issued",
      subject: user.id,
      detail: { by: "staff command" },
    });
  }
  const config = env();
  const base = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://localhost:${config.PORT}`;
  console.log(`A single-use link for ${user.email} to choose a new password (it works once, for 7 days):`);
  console.log(`${base}/reset/${token}`);
  if (twoFactor) console.log("Their two-factor authentication is off; they will be asked to set it up again if their forum requires it.");
  console.log("Send it to them by a way you know is theirs.");
} finally {
  await db.destroy();
}

/**
 * `npm run staff -- reset <email> [--two-factor]`: for whoever runs the installation, when a
 * member cannot sign in and no admin can help (the forum's only admin, or someone who holds
 * roles in several forums). Prints a single-use password reset link; with `--two-factor` it also
 * turns off their two-factor authentication, to be set up again at their next sign-in. Audited
 * in every forum the person belongs to.
 */
import { getDb } from "~/db.server";
import { env } from "~/env.server";
import { recordAudit } from "~/models/audit.server";
import { createInvitation } from "~/models/user-invitations.server";
import { findUserByEmail, listMemberships, setTotp } from "~/models/users.server";

const USAGE = "Usage: npm run staff -- reset <email> [--two-factor]";
const args = process.argv.slice(2);
const twoFactor = args.includes("--two-factor");
const [command, email, ...rest] = args.filter((a) => a !== "--two-factor");
if (command !== "reset" || !email || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

const db = getDb();
try {
  const user = await findUserByEmail(db, email);
  const memberships = user ? await listMemberships(db, user.id) : [];
  if (!user || memberships.length === 0) {
    console.error(`No staff member has the address ${email}.`);
    process.exit(1);
  }
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

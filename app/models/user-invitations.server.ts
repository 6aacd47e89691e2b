import { randomBytes } from "node:crypto";
import { transaction, type DB } from "~/db.server";
import { hashToken } from "~/codes.server";
import type { Role } from "../../db/schema";
import { addMembership, createUser, findUserByEmail, normaliseEmail, setPassword } from "./users.server";
import { findForumMember } from "./forum-members.server";

// ---- Invitations and password resets: single-use links an admin copies; only hashes are stored.

const INVITATION_DAYS = 7;

export async function createInvitation(
  db: DB,
  input:
    | { forumId: string; kind: "join"; role: Role; email: string; createdBy: string }
    | { forumId: string; kind: "reset"; userId: string; createdBy: string },
): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = new Date();
  await db
    .insertInto("invitations")
    .values({
      token_hash: hashToken(token),
      forum_id: input.forumId,
      kind: input.kind,
      role: input.kind === "join" ? input.role : null,
      user_id: input.kind === "reset" ? input.userId : null,
      email: input.kind === "join" ? normaliseEmail(input.email) : null,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

export interface Invitation {
  tokenHash: string;
  forumId: string;
  kind: "join" | "reset";
  role: Role | null;
  userId: string | null;
  /** The address a join link was made for. */
  email: string | null;
}

export async function findUsableInvitation(db: DB, token: string): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom("invitations")
    .select(["token_hash", "forum_id", "kind", "role", "user_id", "email"])
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date().toISOString())
    .executeTakeFirst();
  return row
    ? { tokenHash: row.token_hash, forumId: row.forum_id, kind: row.kind, role: row.role, userId: row.user_id, email: row.email }
    : undefined;
}

/** Spends an invitation; false if another request spent it first. */
export async function spendInvitation(db: DB, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ used_at: new Date().toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type InvitationCheck = { state: "usable"; invitation: Invitation; forumName: string } | { state: "spent" } | { state: "unknown" };

/** Tells a used or expired link (410) from one that never existed or is for something else (404). */
export async function checkInvitation(db: DB, token: string, kind: "join" | "reset"): Promise<InvitationCheck> {
  const row = await db
    .selectFrom("invitations")
    .innerJoin("forums", "forums.id", "invitations.forum_id")
    .select([
      "invitations.token_hash",
      "invitations.forum_id",
      "invitations.kind",
      "invitations.role",
      "invitations.user_id",
      "invitations.email",
      "invitations.used_at",
      "invitations.expires_at",
      "forums.name as forum_name",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.kind !== kind) return { state: "unknown" };
  if (row.used_at !== null || row.expires_at <= new Date().toISOString()) return { state: "spent" };
  // A join link from before links named their address is treated as expired: the admin makes a new one.
  if (row.kind === "join" && row.email === null) return { state: "spent" };
  return {
    state: "usable",
    invitation: { tokenHash: row.token_hash, forumId: row.forum_id, kind: row.kind, role: row.role, userId: row.user_id, email: row.email },
    forumName: row.forum_name,
  };
}

type JoinOutcome = { ok: true; userId: string } | { ok: false; reason: "spent" | "email_taken" | "already_member" };

class Rollback extends Error {
  constructor(readonly reason: "spent") {
    super(reason);
  }
}

/**
 * Accepts a join invitation: the invitation is spent and the account and membership are
 * created in one transaction, so a link used twice at once makes one member, not two.
 * `password` creates a new account for the invited address; `userId` adds the existing
 * (already verified) account of that address.
 */
export async function joinWithInvitation(
  db: DB,
  invitation: Invitation,
  input: { password: string } | { userId: string },
): Promise<JoinOutcome> {
  if (invitation.kind !== "join" || !invitation.role || !invitation.email) throw new Error("Not a join invitation");
  const email = invitation.email;
  const role = invitation.role;
  try {
    return await transaction(db, async (trx) => {
      let userId: string;
      if ("userId" in input) {
        const member = await trx
          .selectFrom("memberships")
          .select("user_id")
          .where("forum_id", "=", invitation.forumId)
          .where("user_id", "=", input.userId)
          .executeTakeFirst();
        // An invitation never changes an existing member's role (it could demote the last admin).
        if (member) return { ok: false, reason: "already_member" } as const;
        if (!(await spendInvitation(trx, invitation.tokenHash))) throw new Rollback("spent");
        userId = input.userId;
      } else {
        if (await findUserByEmail(trx, email)) return { ok: false, reason: "email_taken" } as const;
        if (!(await spendInvitation(trx, invitation.tokenHash))) throw new Rollback("spent");
        userId = await createUser(trx, { email, password: input.password });
      }
      await addMembership(trx, { userId, forumId: invitation.forumId, role });
      return { ok: true, userId } as const;
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** Spends a reset link and sets the new password together; the member's sessions all end. */
export async function resetPasswordWithInvitation(
  db: DB,
  invitation: Invitation,
  password: string,
): Promise<{ ok: true; userId: string } | { ok: false; reason: "spent" | "not_member" }> {
  const userId = invitation.userId;
  if (invitation.kind !== "reset" || !userId) throw new Error("Not a reset invitation");
  try {
    return await transaction(db, async (trx) => {
      if (!(await findForumMember(trx, invitation.forumId, userId))) return { ok: false, reason: "not_member" } as const;
      if (!(await spendInvitation(trx, invitation.tokenHash))) throw new Rollback("spent");
      await setPassword(trx, userId, password);
      return { ok: true, userId } as const;
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}

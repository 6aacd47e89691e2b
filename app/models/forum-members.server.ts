import { transaction, type DB } from "~/db.server";
import type { Role } from "../../db/schema";
import type { ForumMember } from "./users.server";

// ---- A forum's members, managed by its admins. Every query is scoped by forum_id.

export async function findForumMember(db: DB, forumId: string, userId: string): Promise<ForumMember | undefined> {
  const row = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "memberships.role", "memberships.safeguarding_lead", "users.totp_enabled", "users.disabled_at"])
    .where("memberships.forum_id", "=", forumId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? {
        userId: row.id,
        email: row.email,
        role: row.role,
        safeguardingLead: Number(row.safeguarding_lead) === 1,
        totpEnabled: Number(row.totp_enabled) === 1,
        disabled: row.disabled_at !== null,
      }
    : undefined;
}

/**
 * How many other forums the person belongs to. An account is one person across forums, so a
 * password reset from one forum changes the password they use in the others too.
 */
export async function otherForumCount(db: DB, forumId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("forum_id", "<>", forumId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether `actorUserId` holds every role `targetUserId` has, i.e. is an admin of every forum the
 * person belongs to. A password reset changes the person's sign-in in all their forums, so an
 * admin of one forum may not reset someone who holds a role in a forum they do not run: that
 * would let them sign in as, say, another forum's admin and read its families' answers.
 */
export async function holdsEveryRoleOf(db: DB, actorUserId: string, targetUserId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships as target")
    .leftJoin("memberships as actor", (join) =>
      join.onRef("actor.forum_id", "=", "target.forum_id").on("actor.user_id", "=", actorUserId).on("actor.role", "=", "admin"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("target.user_id", "=", targetUserId)
    .where("actor.user_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Serialises changes to one forum's memberships: a no-op update takes the forum row's lock on
 * PostgreSQL (SQLite runs one transaction at a time anyway), so two admins demoting each other
 * at the same moment cannot leave the forum without an admin.
 */
async function lockForum(trx: DB, forumId: string): Promise<void> {
  await trx
    .updateTable("forums")
    .set((eb) => ({ require_mfa: eb.ref("require_mfa") }))
    .where("id", "=", forumId)
    .execute();
}

async function countAdmins(trx: DB, forumId: string): Promise<number> {
  const row = await trx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("forum_id", "=", forumId)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type MembershipChange = { ok: true; previousRole: Role } | { ok: false; reason: "not_found" | "last_admin" | "lead_needs_role" };

/** A forum always keeps an admin, and its safeguarding lead is always a moderator or admin. */
export async function changeRole(db: DB, forumId: string, userId: string, role: Role): Promise<MembershipChange> {
  return transaction(db, async (trx) => {
    await lockForum(trx, forumId);
    const member = await findForumMember(trx, forumId, userId);
    if (!member) return { ok: false, reason: "not_found" };
    if (member.role === "admin" && role !== "admin" && (await countAdmins(trx, forumId)) <= 1) return { ok: false, reason: "last_admin" };
    if (member.safeguardingLead && role === "board") return { ok: false, reason: "lead_needs_role" };
    await trx.updateTable("memberships").set({ role }).where("forum_id", "=", forumId).where("user_id", "=", userId).execute();
    return { ok: true, previousRole: member.role };
  });
}

/** Names the one safeguarding lead: whoever held the role before no longer does. */
export async function nameSafeguardingLead(
  db: DB,
  forumId: string,
  userId: string,
): Promise<{ ok: true; previousLead: string | null } | { ok: false; reason: "not_found" | "board_cannot_lead" }> {
  return transaction(db, async (trx) => {
    await lockForum(trx, forumId);
    const member = await findForumMember(trx, forumId, userId);
    if (!member) return { ok: false, reason: "not_found" } as const;
    if (member.role === "board") return { ok: false, reason: "board_cannot_lead" } as const;
    const previous = await trx
      .selectFrom("memberships")
      .select("user_id")
      .where("forum_id", "=", forumId)
      .where("safeguarding_lead", "=", 1)
      .executeTakeFirst();
    await trx.updateTable("memberships").set({ safeguarding_lead: 0 }).where("forum_id", "=", forumId).execute();
    await trx
      .updateTable("memberships")
      .set({ safeguarding_lead: 1 })
      .where("forum_id", "=", forumId)
      .where("user_id", "=", userId)
      .execute();
    return { ok: true, previousLead: previous?.user_id ?? null } as const;
  });
}

/**
 * Takes a member out of the forum (their account stays: it may belong to other forums). Their
 * sessions in this forum end and this forum's unused reset links for them stop working.
 */
export async function removeMember(
  db: DB,
  forumId: string,
  userId: string,
): Promise<{ ok: true; role: Role } | { ok: false; reason: "not_found" | "last_admin" | "lead" }> {
  return transaction(db, async (trx) => {
    await lockForum(trx, forumId);
    const member = await findForumMember(trx, forumId, userId);
    if (!member) return { ok: false, reason: "not_found" } as const;
    if (member.role === "admin" && (await countAdmins(trx, forumId)) <= 1) return { ok: false, reason: "last_admin" } as const;
    if (member.safeguardingLead) return { ok: false, reason: "lead" } as const;
    await trx.deleteFrom("memberships").where("forum_id", "=", forumId).where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("forum_id", "=", forumId).where("user_id", "=", userId).execute();
    await trx
      .updateTable("invitations")
      .set({ used_at: new Date().toISOString() })
      .where("forum_id", "=", forumId)
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
    return { ok: true, role: member.role } as const;
  });
}

export async function forumRequiresMfa(db: DB, forumId: string): Promise<boolean> {
  const row = await db.selectFrom("forums").select("require_mfa").where("id", "=", forumId).executeTakeFirst();
  return Number(row?.require_mfa) === 1;
}

export async function setForumRequiresMfa(db: DB, forumId: string, required: boolean): Promise<void> {
  await db
    .updateTable("forums")
    .set({ require_mfa: required ? 1 : 0 })
    .where("id", "=", forumId)
    .execute();
}

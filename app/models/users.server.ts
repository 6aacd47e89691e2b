import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { DB } from "~/db.server";
import { hashToken, newId } from "~/codes.server";
import type { Role } from "../../db/schema";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's scrypt recommendation: N=2^17 is their strongest, 2^15 with r=8 the common minimum;
// 2^15 keeps a login under about 100 ms on a small machine.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFC"), salt, KEY_LENGTH, SCRYPT);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash that no password matches, compared against when an account does not exist. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return decoyHash;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  disabled: boolean;
}

export async function findUserByEmail(db: DB, email: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "totp_secret", "totp_enabled", "disabled_at"])
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserById(db: DB, id: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "totp_secret", "totp_enabled", "disabled_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

function toUser(row: {
  id: string;
  email: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: number;
  disabled_at: string | null;
}): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnabled: Number(row.totp_enabled) === 1,
    disabled: row.disabled_at !== null,
  };
}

export async function createUser(db: DB, input: { email: string; password: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto("users")
    .values({
      id,
      email: normaliseEmail(input.email),
      password_hash: await hashPassword(input.password),
      totp_secret: null,
      totp_enabled: 0,
      created_at: new Date().toISOString(),
      disabled_at: null,
    })
    .execute();
  return id;
}

export async function setPassword(db: DB, userId: string, password: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("id", "=", userId)
    .execute();
  // A new password ends every session: whoever knew the old one is logged out.
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function addMembership(db: DB, input: { userId: string; forumId: string; role: Role; safeguardingLead?: boolean }) {
  await db
    .insertInto("memberships")
    .values({
      user_id: input.userId,
      forum_id: input.forumId,
      role: input.role,
      safeguarding_lead: input.safeguardingLead ? 1 : 0,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["user_id", "forum_id"]).doUpdateSet({ role: input.role }))
    .execute();
}

export interface Membership {
  forumId: string;
  forumSlug: string;
  forumName: string;
  forumColour: string;
  requireMfa: boolean;
  role: Role;
  safeguardingLead: boolean;
}

export async function listMemberships(db: DB, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("forums", "forums.id", "memberships.forum_id")
    .select([
      "forums.id",
      "forums.slug",
      "forums.name",
      "forums.colour",
      "forums.require_mfa",
      "memberships.role",
      "memberships.safeguarding_lead",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("forums.name")
    .execute();
  return rows.map((r) => ({
    forumId: r.id,
    forumSlug: r.slug,
    forumName: r.name,
    forumColour: r.colour,
    requireMfa: Number(r.require_mfa) === 1,
    role: r.role,
    safeguardingLead: Number(r.safeguarding_lead) === 1,
  }));
}

export interface ForumMember {
  userId: string;
  email: string;
  role: Role;
  safeguardingLead: boolean;
  totpEnabled: boolean;
  disabled: boolean;
}

export async function listForumMembers(db: DB, forumId: string): Promise<ForumMember[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "memberships.role", "memberships.safeguarding_lead", "users.totp_enabled", "users.disabled_at"])
    .where("memberships.forum_id", "=", forumId)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    role: r.role,
    safeguardingLead: Number(r.safeguarding_lead) === 1,
    totpEnabled: Number(r.totp_enabled) === 1,
    disabled: r.disabled_at !== null,
  }));
}

export async function setTotp(db: DB, userId: string, secret: string | null, enabled: boolean) {
  await db
    .updateTable("users")
    // A new secret starts a new sequence of codes.
    .set({ totp_secret: secret, totp_enabled: enabled ? 1 : 0, ...(secret === null ? { totp_last_step: null } : {}) })
    .where("id", "=", userId)
    .execute();
}

// ---- Invitations and password resets: single-use links an admin copies; only hashes are stored.

const INVITATION_DAYS = 7;

export async function createInvitation(
  db: DB,
  input: { forumId: string; kind: "join" | "reset"; role?: Role; userId?: string; createdBy: string },
): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = new Date();
  await db
    .insertInto("invitations")
    .values({
      token_hash: hashToken(token),
      forum_id: input.forumId,
      kind: input.kind,
      role: input.role ?? null,
      user_id: input.userId ?? null,
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
}

export async function findUsableInvitation(db: DB, token: string): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom("invitations")
    .select(["token_hash", "forum_id", "kind", "role", "user_id"])
    .where("token_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date().toISOString())
    .executeTakeFirst();
  return row ? { tokenHash: row.token_hash, forumId: row.forum_id, kind: row.kind, role: row.role, userId: row.user_id } : undefined;
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

export type MembershipChange = { ok: true; previousRole: Role } | { ok: false; reason: "not_found" | "last_admin" | "lead_needs_role" };

/** A forum always keeps an admin, and its safeguarding lead is always a moderator or admin. */
export async function changeRole(db: DB, forumId: string, userId: string, role: Role): Promise<MembershipChange> {
  return db.transaction().execute(async (trx) => {
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
  return db.transaction().execute(async (trx) => {
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
  return db.transaction().execute(async (trx) => {
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

export type InvitationCheck = { state: "usable"; invitation: Invitation; forumName: string } | { state: "spent" } | { state: "unknown" };

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
      "invitations.used_at",
      "invitations.expires_at",
      "forums.name as forum_name",
    ])
    .where("invitations.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.kind !== kind) return { state: "unknown" };
  if (row.used_at !== null || row.expires_at <= new Date().toISOString()) return { state: "spent" };
  return {
    state: "usable",
    invitation: { tokenHash: row.token_hash, forumId: row.forum_id, kind: row.kind, role: row.role, userId: row.user_id },
    forumName: row.forum_name,
  };
}

export type JoinOutcome = { ok: true; userId: string } | { ok: false; reason: "spent" | "email_taken" | "already_member" };

class Rollback extends Error {
  constructor(readonly reason: "spent") {
    super(reason);
  }
}

/**
 * Accepts a join invitation: the invitation is spent and the account and membership are
 * created in one transaction, so a link used twice at once makes one member, not two.
 * `password` creates a new account; `userId` adds an existing (already verified) account.
 */
export async function joinWithInvitation(
  db: DB,
  invitation: Invitation,
  input: { email: string; password: string } | { userId: string },
): Promise<JoinOutcome> {
  if (invitation.kind !== "join" || !invitation.role) throw new Error("Not a join invitation");
  const role = invitation.role;
  try {
    return await db.transaction().execute(async (trx) => {
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
        if (await findUserByEmail(trx, input.email)) return { ok: false, reason: "email_taken" } as const;
        if (!(await spendInvitation(trx, invitation.tokenHash))) throw new Rollback("spent");
        userId = await createUser(trx, input);
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
    return await db.transaction().execute(async (trx) => {
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

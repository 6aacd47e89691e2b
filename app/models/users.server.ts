import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { groupedTransaction, type DB } from "~/db.server";
import { deleteRecoveryCodes } from "./recovery-codes.server";
import { newId } from "~/codes.server";
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

/** Turning two-factor off (a null secret) also deletes the recovery codes that went with it. */
export async function setTotp(db: DB, userId: string, secret: string | null, enabled: boolean) {
  await groupedTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      // A new secret starts a new sequence of codes.
      .set({ totp_secret: secret, totp_enabled: enabled ? 1 : 0, ...(secret === null ? { totp_last_step: null } : {}) })
      .where("id", "=", userId)
      .execute();
    if (secret === null) await deleteRecoveryCodes(trx, userId);
  });
}

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticator } from "otplib";
import { createSession, destroySession, getSession, requireRole } from "~/auth/session.server";
import { hashToken } from "~/codes.server";
import type { DB } from "~/db.server";
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN } from "~/domain/passwords";
import {
  AUDIT_CSV_COLUMNS,
  auditCsv,
  listAudit,
  exportAudit,
  londonDayStart,
  readAuditQuery,
  recordAudit,
  type AuditListEntry,
} from "~/models/audit.server";
import { createForum } from "~/models/forums.server";
import { addMembership, createUser, findUserByEmail, hashPassword, listForumMembers, setTotp, verifyPassword } from "~/models/users.server";
import { changeRole, findForumMember, nameSafeguardingLead, otherForumCount, removeMember } from "~/models/forum-members.server";
import {
  checkInvitation,
  createInvitation,
  findUsableInvitation,
  joinWithInvitation,
  resetPasswordWithInvitation,
  spendInvitation,
} from "~/models/user-invitations.server";
import { acceptTotp, newTotpSecret } from "~/auth/totp.server";
import type { Role } from "../../db/schema";
import { createTestDb, STORES, type TestDb } from "../support/db";

const GOOD_PASSWORD = "kettle harbour violin";

describe("passwords", () => {
  it("a hash verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword(GOOD_PASSWORD);
    expect(stored.startsWith("scrypt$")).toBe(true);
    expect(stored).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("kettle harbour violins", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("the same password hashes differently each time (a fresh salt), and both verify", async () => {
    const first = await hashPassword(GOOD_PASSWORD);
    const second = await hashPassword(GOOD_PASSWORD);
    expect(first).not.toBe(second);
    expect(first.split("$")[4]).not.toBe(second.split("$")[4]);
    expect(await verifyPassword(GOOD_PASSWORD, first)).toBe(true);
    expect(await verifyPassword(GOOD_PASSWORD, second)).toBe(true);
  });

  it("the policy: long rather than complex, nothing common, nothing of the email", () => {
    expect(passwordProblem("short pass1")).toBe("too_short");
    expect(passwordProblem("tulip marbl".slice(0, PASSWORD_MIN - 1))).toBe("too_short");
    expect(passwordProblem("tulip marble")).toBeNull();
    expect(passwordProblem("tulip marble cobweb")).toBeNull();
    // Long passphrases are welcome, up to the limit.
    expect(passwordProblem("quiet otter ".repeat(6).slice(0, 64) + "z")).toBeNull();
    expect(passwordProblem("w".repeat(40) + "x".repeat(PASSWORD_MAX - 40))).toBeNull();
    expect(passwordProblem("w".repeat(40) + "x".repeat(PASSWORD_MAX - 39))).toBe("too_long");
    expect(passwordProblem("Password1234")).toBe("too_common");
    expect(passwordProblem("Parent Carer Forum")).toBe("too_common");
    expect(passwordProblem("abcabcabcabc")).toBe("too_common");
    expect(passwordProblem("zzzzzzzzzzzzzz")).toBe("too_common");
    expect(passwordProblem("my-jo.bloggs-secret", "jo.bloggs@example.org")).toBe("contains_email");
    expect(passwordProblem("my-jo.bloggs-secret", "someone@example.org")).toBeNull();
  });
});

/** What a browser would send back: the name=value part of the Set-Cookie header. */
function requestWith(setCookie: string, path = "/admin"): Request {
  return new Request(`http://localhost${path}`, { headers: { Cookie: setCookie.split(";")[0] } });
}

function sessionIdOf(setCookie: string): string {
  return setCookie.split(";")[0].split("=")[1];
}

describe.each(STORES)("accounts on $kind", ({ kind, skip }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await createTestDb(kind);
  });
  afterAll(async () => {
    if (!skip) await t.destroy();
  });

  async function newForum() {
    const slug = `forum-${randomUUID().slice(0, 8)}`;
    return createForum(t.db, { slug, name: `Forum ${slug}` });
  }

  async function member(forumId: string, role: Role, options: { lead?: boolean } = {}) {
    const userId = await createUser(t.db, { email: `${role}-${randomUUID().slice(0, 8)}@example.org`, password: GOOD_PASSWORD });
    await addMembership(t.db, { userId, forumId, role, safeguardingLead: options.lead });
    return userId;
  }

  it.skipIf(skip)("a two-factor code is accepted once: a replay inside its window is refused, a later code is not", async () => {
    const forum = await newForum();
    const userId = await member(forum.id, "moderator");
    const secret = newTotpSecret();
    await setTotp(t.db, userId, secret, true);
    const now = Date.parse("2026-11-23T12:00:10Z");
    const codeAt = (ms: number) => authenticator.clone({ epoch: ms }).generate(secret);
    expect(await acceptTotp(t.db, userId, secret, codeAt(now), now)).toBe(true);
    // The same code again, a second later: still inside its 30 s, and refused.
    expect(await acceptTotp(t.db, userId, secret, codeAt(now), now + 1000)).toBe(false);
    // The previous step's code (which drift would otherwise allow) is older than the one used.
    expect(await acceptTotp(t.db, userId, secret, codeAt(now - 30_000), now + 2000)).toBe(false);
    // The next step's code is accepted, once.
    expect(await acceptTotp(t.db, userId, secret, codeAt(now + 30_000), now + 31_000)).toBe(true);
    expect(await acceptTotp(t.db, userId, secret, codeAt(now + 30_000), now + 32_000)).toBe(false);
    // Wrong and malformed codes, and another user's use of the same secret's code, stand apart.
    expect(await acceptTotp(t.db, userId, secret, "12345", now + 61_000)).toBe(false);
    const other = await member(forum.id, "admin");
    await setTotp(t.db, other, secret, true);
    expect(await acceptTotp(t.db, other, secret, codeAt(now + 60_000), now + 61_000)).toBe(true);
    expect(await acceptTotp(t.db, userId, secret, codeAt(now + 60_000), now + 61_000)).toBe(true);
    // Turning two-factor off forgets the last step, so a new secret starts afresh.
    await setTotp(t.db, userId, null, false);
    const row = await t.db.selectFrom("users").select("totp_last_step").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(row.totp_last_step).toBeNull();
  });

  it.skipIf(skip)("counts the other forums a member belongs to, whose password a reset from here would change too", async () => {
    const a = await newForum();
    const b = await newForum();
    const both = await member(a.id, "moderator");
    await addMembership(t.db, { userId: both, forumId: b.id, role: "board" });
    const onlyA = await member(a.id, "board");
    expect(await otherForumCount(t.db, a.id, both)).toBe(1);
    expect(await otherForumCount(t.db, b.id, both)).toBe(1);
    expect(await otherForumCount(t.db, a.id, onlyA)).toBe(0);
  });

  async function sessionRows(userId: string) {
    return t.db.selectFrom("sessions").select(["id_hash", "forum_id"]).where("user_id", "=", userId).execute();
  }

  describe("sessions", () => {
    it.skipIf(skip)("a new session is found from its cookie; the database keeps only a hash of the id", async () => {
      const forum = await newForum();
      const userId = await member(forum.id, "moderator");
      const cookie = await createSession(t.db, new Request("http://localhost/login"), userId, { mfaPassed: true });
      expect(cookie).toMatch(/HttpOnly/);
      const session = await getSession(requestWith(cookie), t.db);
      expect(session?.user.id).toBe(userId);
      expect(session?.membership?.forumId).toBe(forum.id);
      const rows = await sessionRows(userId);
      expect(rows.map((r) => r.id_hash)).toEqual([hashToken(sessionIdOf(cookie))]);
    });

    it.skipIf(skip)("idle for 31 minutes: no session, and the row is deleted; 29 minutes is still fine", async () => {
      const forum = await newForum();
      const userId = await member(forum.id, "moderator");
      const cookie = await createSession(t.db, new Request("http://localhost/login"), userId, { mfaPassed: true });
      const idHash = hashToken(sessionIdOf(cookie));
      const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
      await t.db
        .updateTable("sessions")
        .set({ last_seen_at: minutesAgo(29) })
        .where("id_hash", "=", idHash)
        .execute();
      expect((await getSession(requestWith(cookie), t.db))?.user.id).toBe(userId);
      await t.db
        .updateTable("sessions")
        .set({ last_seen_at: minutesAgo(31) })
        .where("id_hash", "=", idHash)
        .execute();
      expect(await getSession(requestWith(cookie), t.db)).toBeUndefined();
      expect(await sessionRows(userId)).toEqual([]);
    });

    it.skipIf(skip)("past its absolute expiry a session ends however active it is", async () => {
      const forum = await newForum();
      const userId = await member(forum.id, "board");
      const cookie = await createSession(t.db, new Request("http://localhost/login"), userId, { mfaPassed: true });
      await t.db
        .updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString(), last_seen_at: new Date().toISOString() })
        .where("user_id", "=", userId)
        .execute();
      expect(await getSession(requestWith(cookie), t.db)).toBeUndefined();
      expect(await sessionRows(userId)).toEqual([]);
    });

    it.skipIf(skip)("a new login gets a new id, and the old cookie no longer works", async () => {
      const forum = await newForum();
      const userId = await member(forum.id, "admin");
      const first = await createSession(t.db, new Request("http://localhost/login"), userId, { mfaPassed: true });
      // Signing in again from the same browser, which still sends the old cookie.
      const second = await createSession(t.db, requestWith(first, "/login"), userId, { mfaPassed: true });
      expect(sessionIdOf(second)).not.toBe(sessionIdOf(first));
      expect(await getSession(requestWith(first), t.db)).toBeUndefined();
      expect((await getSession(requestWith(second), t.db))?.user.id).toBe(userId);
      expect(await sessionRows(userId)).toHaveLength(1);
    });

    it.skipIf(skip)("signing out deletes the session on the server and clears the cookie", async () => {
      const forum = await newForum();
      const userId = await member(forum.id, "admin");
      const cookie = await createSession(t.db, new Request("http://localhost/login"), userId, { mfaPassed: true });
      const cleared = await destroySession(requestWith(cookie, "/logout"), t.db);
      expect(cleared).toMatch(/Max-Age=0/);
      expect(await getSession(requestWith(cookie), t.db)).toBeUndefined();
      expect(await sessionRows(userId)).toEqual([]);
    });
  });

  describe("requireRole", () => {
    // requireRole reads the database through getDb(); the test database stands in for it.
    const holder = globalThis as unknown as { __forumDb?: DB };
    let previous: DB | undefined;
    beforeAll(() => {
      previous = holder.__forumDb;
      if (!skip) holder.__forumDb = t.db;
    });
    afterAll(() => {
      holder.__forumDb = previous;
    });

    it.skipIf(skip)("a forum B admin's session never yields forum A, even if the session row names forum A", async () => {
      const forumA = await newForum();
      const forumB = await newForum();
      await member(forumA.id, "admin");
      const userB = await member(forumB.id, "admin");
      const cookie = await createSession(t.db, new Request("http://localhost/login"), userB, { mfaPassed: true });
      const staff = await requireRole(requestWith(cookie), ["admin"]);
      expect(staff.forumId).toBe(forumB.id);
      // A tampered or stale session row pointing at forum A still gives no access to it.
      await t.db.updateTable("sessions").set({ forum_id: forumA.id }).where("user_id", "=", userB).execute();
      const again = await requireRole(requestWith(cookie), ["admin"]);
      expect(again.forumId).toBe(forumB.id);
      expect(again.forumId).not.toBe(forumA.id);
    });

    it.skipIf(skip)("anonymous goes to the sign-in page; the wrong role gets 403; admin passes every check", async () => {
      const forum = await newForum();
      const board = await member(forum.id, "board");
      const admin = await member(forum.id, "admin");
      const anonymous = await requireRole(new Request("http://localhost/admin/users"), ["admin"]).catch((e: unknown) => e);
      expect(anonymous).toBeInstanceOf(Response);
      expect((anonymous as Response).status).toBe(302);
      expect((anonymous as Response).headers.get("Location")).toBe("/login?next=%2Fadmin%2Fusers");
      const boardCookie = await createSession(t.db, new Request("http://localhost/login"), board, { mfaPassed: true });
      const refused = await requireRole(requestWith(boardCookie, "/admin/users"), ["admin"]).catch((e: unknown) => e);
      expect((refused as Response).status).toBe(403);
      expect((await requireRole(requestWith(boardCookie, "/board"), ["board"])).role).toBe("board");
      const adminCookie = await createSession(t.db, new Request("http://localhost/login"), admin, { mfaPassed: true });
      expect((await requireRole(requestWith(adminCookie, "/admin/moderation"), ["moderator"])).role).toBe("admin");
    });
  });

  describe("invitations", () => {
    it.skipIf(skip)("an invitation is single-use: spending it twice, the second time is refused", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const token = await createInvitation(t.db, {
        forumId: forum.id,
        kind: "join",
        role: "moderator",
        email: "someone@example.org",
        createdBy: admin,
      });
      const invitation = await findUsableInvitation(t.db, token);
      expect(invitation?.role).toBe("moderator");
      expect(await spendInvitation(t.db, invitation!.tokenHash)).toBe(true);
      expect(await spendInvitation(t.db, invitation!.tokenHash)).toBe(false);
      expect(await findUsableInvitation(t.db, token)).toBeUndefined();
      expect((await checkInvitation(t.db, token, "join")).state).toBe("spent");
    });

    it.skipIf(skip)("an expired invitation is not usable; an unknown one, or a reset link at /join, is unknown", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const token = await createInvitation(t.db, {
        forumId: forum.id,
        kind: "join",
        role: "board",
        email: "someone@example.org",
        createdBy: admin,
      });
      expect((await checkInvitation(t.db, token, "join")).state).toBe("usable");
      await t.db
        .updateTable("invitations")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("token_hash", "=", hashToken(token))
        .execute();
      expect(await findUsableInvitation(t.db, token)).toBeUndefined();
      expect((await checkInvitation(t.db, token, "join")).state).toBe("spent");
      expect((await checkInvitation(t.db, "not-a-real-token", "join")).state).toBe("unknown");
      const reset = await createInvitation(t.db, { forumId: forum.id, kind: "reset", userId: admin, createdBy: admin });
      expect((await checkInvitation(t.db, reset, "join")).state).toBe("unknown");
      expect((await checkInvitation(t.db, reset, "reset")).state).toBe("usable");
    });

    it.skipIf(skip)("joining spends the invitation and creates the account and membership; the link then works no more", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const email = `New.Moderator-${randomUUID().slice(0, 6)}@Example.org`;
      const token = await createInvitation(t.db, { forumId: forum.id, kind: "join", role: "moderator", email, createdBy: admin });
      const check = await checkInvitation(t.db, token, "join");
      if (check.state !== "usable") throw new Error("expected a usable invitation");
      expect(check.forumName).toBe(forum.name);
      expect(check.invitation.email).toBe(email.toLowerCase());
      const joined = await joinWithInvitation(t.db, check.invitation, { password: GOOD_PASSWORD });
      if (!joined.ok) throw new Error(joined.reason);
      const user = await findUserByEmail(t.db, email);
      expect(user?.id).toBe(joined.userId);
      expect(user?.email).toBe(email.toLowerCase());
      expect(await verifyPassword(GOOD_PASSWORD, user!.passwordHash)).toBe(true);
      expect((await findForumMember(t.db, forum.id, joined.userId))?.role).toBe("moderator");
      const again = await joinWithInvitation(t.db, check.invitation, { password: `another ${GOOD_PASSWORD}` });
      expect(again.ok).toBe(false);
      expect(await verifyPassword(GOOD_PASSWORD, (await findUserByEmail(t.db, email))!.passwordHash)).toBe(true);
    });

    it.skipIf(skip)("if storing the membership fails, the invitation is not spent and no account is left behind", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const email = `rollback-${randomUUID().slice(0, 6)}@example.org`;
      const token = await createInvitation(t.db, { forumId: forum.id, kind: "join", role: "board", email, createdBy: admin });
      const check = await checkInvitation(t.db, token, "join");
      if (check.state !== "usable") throw new Error("expected a usable invitation");
      // A forum id that does not exist makes the membership insert fail after the spend and the new account.
      const broken = { ...check.invitation, forumId: "no-such-forum" };
      await expect(joinWithInvitation(t.db, broken, { password: GOOD_PASSWORD })).rejects.toThrow();
      expect(await findUserByEmail(t.db, email)).toBeUndefined();
      expect((await checkInvitation(t.db, token, "join")).state).toBe("usable");
    });

    it.skipIf(skip)("two people opening the same link at once: exactly one joins", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const tag = randomUUID().slice(0, 6);
      const token = await createInvitation(t.db, {
        forumId: forum.id,
        kind: "join",
        role: "board",
        email: `one-${tag}@example.org`,
        createdBy: admin,
      });
      const check = await checkInvitation(t.db, token, "join");
      if (check.state !== "usable") throw new Error("expected a usable invitation");
      const results = await Promise.all(
        [GOOD_PASSWORD, `another ${GOOD_PASSWORD}`].map((password) => joinWithInvitation(t.db, check.invitation, { password })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The second finds the link spent, or (on one connection, one after the other) the address taken.
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.reason))).toEqual([expect.stringMatching(/^(spent|email_taken)$/)]);
      expect((await listForumMembers(t.db, forum.id)).filter((m) => m.email.endsWith(`-${tag}@example.org`))).toHaveLength(1);
    });

    it.skipIf(skip)("an existing account joins a second forum; an existing member is refused and the link stays usable", async () => {
      const forumA = await newForum();
      const forumB = await newForum();
      const adminB = await member(forumB.id, "admin");
      const person = await member(forumA.id, "moderator");
      const token = await createInvitation(t.db, {
        forumId: forumB.id,
        kind: "join",
        role: "board",
        email: "person@example.org",
        createdBy: adminB,
      });
      const check = await checkInvitation(t.db, token, "join");
      if (check.state !== "usable") throw new Error("expected a usable invitation");
      expect(await joinWithInvitation(t.db, check.invitation, { userId: person })).toEqual({ ok: true, userId: person });
      expect((await findForumMember(t.db, forumB.id, person))?.role).toBe("board");
      expect((await findForumMember(t.db, forumA.id, person))?.role).toBe("moderator");

      // An invitation never changes the role of someone already in the forum (it could demote its only admin).
      const second = await createInvitation(t.db, {
        forumId: forumB.id,
        kind: "join",
        role: "board",
        email: "admin-b@example.org",
        createdBy: adminB,
      });
      const secondCheck = await checkInvitation(t.db, second, "join");
      if (secondCheck.state !== "usable") throw new Error("expected a usable invitation");
      expect(await joinWithInvitation(t.db, secondCheck.invitation, { userId: adminB })).toEqual({ ok: false, reason: "already_member" });
      expect((await findForumMember(t.db, forumB.id, adminB))?.role).toBe("admin");
      expect((await checkInvitation(t.db, second, "join")).state).toBe("usable");
    });

    it.skipIf(skip)("a reset link sets the password once and ends every session of that person", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      const person = await member(forum.id, "moderator");
      await createSession(t.db, new Request("http://localhost/login"), person, { mfaPassed: true });
      await createSession(t.db, new Request("http://localhost/login"), person, { mfaPassed: true });
      expect(await sessionRows(person)).toHaveLength(2);
      const token = await createInvitation(t.db, { forumId: forum.id, kind: "reset", userId: person, createdBy: admin });
      const check = await checkInvitation(t.db, token, "reset");
      if (check.state !== "usable") throw new Error("expected a usable reset link");
      const newPassword = "lantern pebble orchard";
      expect(await resetPasswordWithInvitation(t.db, check.invitation, newPassword)).toEqual({ ok: true, userId: person });
      const hash = (await t.db.selectFrom("users").select("password_hash").where("id", "=", person).executeTakeFirstOrThrow())
        .password_hash;
      expect(await verifyPassword(newPassword, hash)).toBe(true);
      expect(await verifyPassword(GOOD_PASSWORD, hash)).toBe(false);
      expect(await sessionRows(person)).toEqual([]);
      expect(await resetPasswordWithInvitation(t.db, check.invitation, "another fine passphrase")).toEqual({ ok: false, reason: "spent" });
      expect(
        await verifyPassword(
          newPassword,
          (await t.db.selectFrom("users").select("password_hash").where("id", "=", person).executeTakeFirstOrThrow()).password_hash,
        ),
      ).toBe(true);
    });
  });

  describe("managing members", () => {
    it.skipIf(skip)("the forum always keeps an admin", async () => {
      const forum = await newForum();
      const only = await member(forum.id, "admin");
      expect(await changeRole(t.db, forum.id, only, "moderator")).toEqual({ ok: false, reason: "last_admin" });
      expect(await removeMember(t.db, forum.id, only)).toEqual({ ok: false, reason: "last_admin" });
      const second = await member(forum.id, "admin");
      expect(await changeRole(t.db, forum.id, only, "moderator")).toEqual({ ok: true, previousRole: "admin" });
      expect(await changeRole(t.db, forum.id, second, "board")).toEqual({ ok: false, reason: "last_admin" });
      expect((await listForumMembers(t.db, forum.id)).filter((m) => m.role === "admin").map((m) => m.userId)).toEqual([second]);
    });

    it.skipIf(skip)("exactly one safeguarding lead, always a moderator or admin", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin", { lead: true });
      const moderator = await member(forum.id, "moderator");
      const board = await member(forum.id, "board");
      expect(await nameSafeguardingLead(t.db, forum.id, board)).toEqual({ ok: false, reason: "board_cannot_lead" });
      expect(await nameSafeguardingLead(t.db, forum.id, moderator)).toEqual({ ok: true, previousLead: admin });
      const leads = (await listForumMembers(t.db, forum.id)).filter((m) => m.safeguardingLead).map((m) => m.userId);
      expect(leads).toEqual([moderator]);
      expect(await changeRole(t.db, forum.id, moderator, "board")).toEqual({ ok: false, reason: "lead_needs_role" });
      expect(await removeMember(t.db, forum.id, moderator)).toEqual({ ok: false, reason: "lead" });
    });

    it.skipIf(skip)("removing a member ends their sessions in this forum and their unused reset links, not their account", async () => {
      const forumA = await newForum();
      const forumB = await newForum();
      const admin = await member(forumA.id, "admin");
      const person = await member(forumA.id, "board");
      await addMembership(t.db, { userId: person, forumId: forumB.id, role: "moderator" });
      await createSession(t.db, new Request("http://localhost/login"), person, { mfaPassed: true, forumId: forumA.id });
      await createSession(t.db, new Request("http://localhost/login"), person, { mfaPassed: true, forumId: forumB.id });
      const reset = await createInvitation(t.db, { forumId: forumA.id, kind: "reset", userId: person, createdBy: admin });
      expect(await removeMember(t.db, forumA.id, person)).toEqual({ ok: true, role: "board" });
      expect(await findForumMember(t.db, forumA.id, person)).toBeUndefined();
      expect((await findForumMember(t.db, forumB.id, person))?.role).toBe("moderator");
      expect((await sessionRows(person)).map((s) => s.forum_id)).toEqual([forumB.id]);
      expect((await checkInvitation(t.db, reset, "reset")).state).toBe("spent");
      // Another forum cannot touch this forum's members.
      expect(await removeMember(t.db, forumB.id, admin)).toEqual({ ok: false, reason: "not_found" });
      expect(await changeRole(t.db, forumB.id, admin, "board")).toEqual({ ok: false, reason: "not_found" });
    });
  });

  describe("audit log", () => {
    async function entry(forumId: string | null, actor: string, action: string, at: string, subject: string | null = null) {
      await t.db
        .insertInto("audit_log")
        .values({ id: randomUUID(), forum_id: forumId, at, actor, action, subject, detail: null })
        .execute();
    }

    it.skipIf(skip)("a forum sees its own entries and its members' sign-ins, never another forum's", async () => {
      const forumA = await newForum();
      const forumB = await newForum();
      const adminA = await member(forumA.id, "admin");
      const adminB = await member(forumB.id, "admin");
      await recordAudit(t.db, { forumId: forumA.id, actor: adminA, action: "user.invited", detail: { role: "moderator" } });
      await recordAudit(t.db, { forumId: forumB.id, actor: adminB, action: "user.invited" });
      await recordAudit(t.db, { forumId: null, actor: adminA, action: "login.succeeded" });
      await recordAudit(t.db, { forumId: null, actor: adminB, action: "login.succeeded" });
      await recordAudit(t.db, { forumId: null, actor: "anonymous", action: "login.failed", subject: "someone@example.org" });
      const { entries, total } = await listAudit(t.db, forumA.id, {}, 1);
      expect(total).toBe(2);
      expect(entries.map((e) => [e.action, e.actor]).sort()).toEqual([
        ["login.succeeded", adminA],
        ["user.invited", adminA],
      ]);
      expect(entries.every((e) => e.actorEmail?.startsWith("admin-"))).toBe(true);
    });

    it.skipIf(skip)("filters by the start of the action and by London dates; newest first; 50 a page", async () => {
      const forum = await newForum();
      const admin = await member(forum.id, "admin");
      // 30 June 2026, 23:30 UTC is already 1 July in London (BST).
      await entry(forum.id, admin, "user.role_changed", "2026-06-30T23:30:00.000Z");
      await entry(forum.id, admin, "user.invited", "2026-06-30T22:30:00.000Z");
      await entry(forum.id, admin, "userx.other", "2026-07-02T10:00:00.000Z");
      await entry(forum.id, admin, "forum.mfa_required", "2026-07-03T10:00:00.000Z");
      const july = await listAudit(t.db, forum.id, { from: "2026-07-01", to: "2026-07-01" }, 1);
      expect(july.entries.map((e) => e.action)).toEqual(["user.role_changed"]);
      const june = await listAudit(t.db, forum.id, { to: "2026-06-30" }, 1);
      expect(june.entries.map((e) => e.action)).toEqual(["user.invited"]);
      const users = await listAudit(t.db, forum.id, { actionPrefix: "user." }, 1);
      expect(users.entries.map((e) => e.action)).toEqual(["user.role_changed", "user.invited"]);
      // `_` is an ordinary character in a prefix, not a wildcard.
      expect((await listAudit(t.db, forum.id, { actionPrefix: "forum.mfa_" }, 1)).total).toBe(1);
      expect((await listAudit(t.db, forum.id, { actionPrefix: "forum_mfa" }, 1)).total).toBe(0);
      expect((await listAudit(t.db, forum.id, {}, 1)).entries.map((e) => e.action)).toEqual([
        "forum.mfa_required",
        "userx.other",
        "user.role_changed",
        "user.invited",
      ]);

      const busy = await newForum();
      const busyAdmin = await member(busy.id, "admin");
      for (let i = 0; i < 55; i++) await entry(busy.id, busyAdmin, "survey.published", new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString());
      const page1 = await listAudit(t.db, busy.id, {}, 1);
      const page2 = await listAudit(t.db, busy.id, {}, 2);
      expect(page1.total).toBe(55);
      expect(page1.entries).toHaveLength(50);
      expect(page2.entries).toHaveLength(5);
      expect(page1.entries[0].at).toBe(new Date(Date.UTC(2026, 0, 1, 0, 54)).toISOString());
      expect(page2.entries[4].at).toBe(new Date(Date.UTC(2026, 0, 1, 0, 0)).toISOString());
      expect((await exportAudit(t.db, busy.id, {})).length).toBe(55);
    });
  });
});

describe("audit CSV and filter", () => {
  const row = (overrides: Partial<AuditListEntry>): AuditListEntry => ({
    id: randomUUID(),
    at: "2026-11-23T10:00:00.000Z",
    actor: "u1",
    actorEmail: "admin@example.org",
    action: "user.invited",
    subject: null,
    subjectEmail: null,
    detail: null,
    ...overrides,
  });

  it("starts with a byte order mark, names who by email, and defuses formulas in every cell", () => {
    const csv = auditCsv([
      row({ detail: JSON.stringify({ role: "moderator" }) }),
      row({ actor: "anonymous", actorEmail: null, action: "login.failed", subject: '=HYPERLINK("http://x","click")' }),
      row({ subject: "+44 121", detail: "@SUM(A1)" }),
      row({ subject: "-1", detail: "\tTAB" }),
      row({ subject: "\rCR", subjectEmail: null }),
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines[1]).toBe('admin@example.org,2026-11-23T10:00:00.000Z,user.invited,,"{""role"":""moderator""}"');
    expect(lines[2]).toBe(`anonymous,2026-11-23T10:00:00.000Z,login.failed,"'=HYPERLINK(""http://x"",""click"")",`);
    expect(lines[3]).toBe("admin@example.org,2026-11-23T10:00:00.000Z,user.invited,'+44 121,'@SUM(A1)");
    expect(lines[4]).toBe("admin@example.org,2026-11-23T10:00:00.000Z,user.invited,'-1,'\tTAB");
    expect(lines[5]).toBe('admin@example.org,2026-11-23T10:00:00.000Z,user.invited,"\'\rCR",');
  });

  it("a London day starts at midnight GMT in winter and 23:00 UTC the day before in summer", () => {
    expect(londonDayStart("2026-01-15")).toBe("2026-01-15T00:00:00.000Z");
    expect(londonDayStart("2026-07-01")).toBe("2026-06-30T23:00:00.000Z");
    // The clocks go forward at 01:00 on 29 March 2026 and back at 02:00 on 25 October 2026.
    expect(londonDayStart("2026-03-29")).toBe("2026-03-29T00:00:00.000Z");
    expect(londonDayStart("2026-10-25")).toBe("2026-10-24T23:00:00.000Z");
  });

  it("the filter refuses impossible dates, a backwards range and odd characters, keeping what was typed", () => {
    const bad = readAuditQuery(new URLSearchParams({ action: "user;drop", from: "2026-02-30", to: "" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(["action", "from"]);
    expect(bad.values).toEqual({ action: "user;drop", from: "2026-02-30", to: "" });
    const backwards = readAuditQuery(new URLSearchParams({ from: "2026-05-02", to: "2026-05-01" }));
    expect(backwards.ok ? null : Object.keys(backwards.errors)).toEqual(["to"]);
    const good = readAuditQuery(new URLSearchParams({ action: " User. ", from: "2026-05-01", to: "2026-05-01", page: "3" }));
    expect(good).toEqual({
      ok: true,
      filter: { actionPrefix: "user.", from: "2026-05-01", to: "2026-05-01" },
      page: 3,
      values: { action: "user.", from: "2026-05-01", to: "2026-05-01" },
    });
    const oddPage = readAuditQuery(new URLSearchParams({ page: "-2" }));
    expect(oddPage.ok && oddPage.page).toBe(1);
  });
});

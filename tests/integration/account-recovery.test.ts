import { authenticator } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "~/codes.server";
import { openDatabase } from "~/db.server";
import { createForum } from "~/models/forums.server";
import { issueRecoveryCodes, spendRecoveryCode, unusedRecoveryCodeCount } from "~/models/recovery-codes.server";
import { createInvitation } from "~/models/user-invitations.server";
import { addMembership, createUser, findUserByEmail, setTotp } from "~/models/users.server";
import { DEMO_FORUM } from "~/seed.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { postForm, signInCookie } from "../support/http";

const NEW_PASSWORD = "amber kettle lighthouse";

/**
 * A lost phone must not lock a person out for good, and the join form must not tell anyone
 * which addresses have accounts.
 */
describe("recovering an account, and join links that name their address", () => {
  let app: RunningApp;
  let demoForumId: string;
  let adminId: string;

  function withDb<T>(work: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
    const db = openDatabase(app.databaseUrl);
    return work(db).finally(() => db.destroy());
  }

  beforeAll(async () => {
    app = await startApp();
    await withDb(async (db) => {
      demoForumId = (await db.selectFrom("forums").select("id").where("slug", "=", DEMO_FORUM.slug).executeTakeFirstOrThrow()).id;
      adminId = (await db.selectFrom("users").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow()).id;
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A page with what differs by design (the address, the link, the per-request nonce) blanked out. */
  async function joinPage(token: string, email: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${app.url}/join/${token}`);
    const html = (await response.text())
      .replaceAll(email, "ADDRESS")
      .replaceAll(token, "TOKEN")
      .replace(/nonce="[^"]*"/g, 'nonce=""');
    return { status: response.status, html };
  }

  it("shows the same join page whether or not the invited address already has an account", async () => {
    const [existing, fresh] = await withDb(async (db) => {
      const other = await createForum(db, { slug: "recovery-other", name: "Recovery other forum" });
      const userId = await createUser(db, { email: "has.account@example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId, forumId: other.id, role: "moderator" });
      return Promise.all(
        ["has.account@example.org", "no.account@example.org"].map((email) =>
          createInvitation(db, { forumId: demoForumId, kind: "join", role: "board", email, createdBy: adminId }),
        ),
      );
    });
    const a = await joinPage(existing, "has.account@example.org");
    const b = await joinPage(fresh, "no.account@example.org");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.html).toBe(b.html);
    // No address field: the visitor cannot choose an address to ask about.
    expect(a.html).not.toMatch(/name="email"/);

    // The existing account joins with its own password, and only with it.
    const wrong = await postForm(app, `/join/${existing}`, { password: "not the password at all", confirm: "" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("this is not its password");
    const right = await postForm(app, `/join/${existing}`, { password: DEMO_PASSWORD, confirm: "" });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/admin");

    // A new account is made for the invited address, whatever else is posted.
    const made = await postForm(app, `/join/${fresh}`, {
      email: "someone.else@example.org",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(made.status).toBe(302);
    await withDb(async (db) => {
      expect(await findUserByEmail(db, "no.account@example.org")).toBeDefined();
      expect(await findUserByEmail(db, "someone.else@example.org")).toBeUndefined();
      const memberships = await db
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select(["users.email", "memberships.role"])
        .where("memberships.forum_id", "=", demoForumId)
        .where("users.email", "in", ["has.account@example.org", "no.account@example.org"])
        .orderBy("users.email")
        .execute();
      expect(memberships).toEqual([
        { email: "has.account@example.org", role: "board" },
        { email: "no.account@example.org", role: "board" },
      ]);
    });
  });

  it("an admin must give the address when inviting; what they chose is kept when it is missing", async () => {
    const cookie = await signInCookie(app, "admin@example.org");
    const missing = await postForm(app, "/admin/users", { intent: "invite", role: "moderator" }, cookie);
    expect(missing.status).toBe(400);
    const page = await missing.text();
    expect(page).toContain("Enter their email address");
    expect(page).toMatch(/<input[^>]*name="role"[^>]*checked=""[^>]*value="moderator"/);
    const invited = await postForm(app, "/admin/users", { intent: "invite", role: "moderator", email: " Volunteer@Example.org " }, cookie);
    expect(invited.status).toBe(302);
    await withDb(async (db) => {
      const row = await db.selectFrom("invitations").select("email").where("email", "=", "volunteer@example.org").executeTakeFirst();
      expect(row?.email).toBe("volunteer@example.org");
    });
  });

  it("a join link made before links named an address is treated as expired", async () => {
    const token = await withDb(async (db) => {
      const made = await createInvitation(db, {
        forumId: demoForumId,
        kind: "join",
        role: "board",
        email: "old@example.org",
        createdBy: adminId,
      });
      await db.updateTable("invitations").set({ email: null }).where("token_hash", "=", hashToken(made)).execute();
      return made;
    });
    const response = await fetch(`${app.url}/join/${token}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Ask a forum admin for a new one");
  });

  it("recovery codes each work once, survive capitals and spaces, and die with a new set or with two-factor", async () => {
    await withDb(async (db) => {
      const userId = await createUser(db, { email: "codes@example.org", password: DEMO_PASSWORD });
      const otherId = await createUser(db, { email: "codes.other@example.org", password: DEMO_PASSWORD });
      await setTotp(db, userId, authenticator.generateSecret(), true);
      const now = new Date("2026-12-03T10:00:00Z");
      const codes = await issueRecoveryCodes(db, userId, now);
      const others = await issueRecoveryCodes(db, otherId, now);
      expect(codes).toHaveLength(10);
      expect(await unusedRecoveryCodeCount(db, userId)).toBe(10);

      expect(await spendRecoveryCode(db, userId, ` ${codes[0].toUpperCase().replace("-", " ")} `, now)).toBe(true);
      expect(await spendRecoveryCode(db, userId, codes[0], now)).toBe(false);
      // Someone else's code is no use on this account.
      expect(await spendRecoveryCode(db, userId, others[0], now)).toBe(false);
      expect(await unusedRecoveryCodeCount(db, userId)).toBe(9);
      // Nothing readable is stored.
      const stored = await db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", userId).execute();
      for (const row of stored) for (const code of codes) expect(row.code_hash).not.toContain(code.replace("-", ""));

      const renewed = await issueRecoveryCodes(db, userId, now);
      expect(await spendRecoveryCode(db, userId, codes[1], now)).toBe(false);
      expect(await unusedRecoveryCodeCount(db, userId)).toBe(10);

      await setTotp(db, userId, null, false);
      expect(await unusedRecoveryCodeCount(db, userId)).toBe(0);
      expect(await spendRecoveryCode(db, userId, renewed[0], now)).toBe(false);
    });
  });

  it("signs in past two-factor with a recovery code over the real form, once, and says so", async () => {
    const secret = authenticator.generateSecret();
    const codes = await withDb(async (db) => {
      const userId = await createUser(db, { email: "lost.phone@example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId, forumId: demoForumId, role: "moderator" });
      await setTotp(db, userId, secret, true);
      return issueRecoveryCodes(db, userId, new Date());
    });
    const cookie = await signInCookie(app, "lost.phone@example.org");
    const used = await postForm(app, "/login/two-factor", { code: codes[5], next: "/admin" }, cookie);
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/account/two-factor?recovered=1");
    const page = await (await fetch(`${app.url}/account/two-factor?recovered=1`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain("You signed in with a recovery code");
    expect(page).toContain("You have 9 of 10 recovery codes unused");
    // Opening that page leaves two-factor as it was: on, with the same secret.
    await withDb(async (db) => {
      const user = await findUserByEmail(db, "lost.phone@example.org");
      expect(user?.totpEnabled).toBe(true);
      expect(user?.totpSecret).toBe(secret);
    });

    const again = await signInCookie(app, "lost.phone@example.org");
    const refused = await postForm(app, "/login/two-factor", { code: codes[5], next: "/admin" }, again);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("That recovery code is not right, or it has been used already");
    await withDb(async (db) => {
      const actions = await db
        .selectFrom("audit_log")
        .select("action")
        .where("actor", "=", (await findUserByEmail(db, "lost.phone@example.org"))!.id)
        .execute();
      expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["login.recovery_code_used", "login.recovery_code_failed"]));
    });
  });
});

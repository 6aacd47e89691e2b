import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { createForum } from "~/models/forums.server";
import { holdsEveryRoleOf } from "~/models/forum-members.server";
import { addMembership, createUser, findUserByEmail, setTotp } from "~/models/users.server";
import { DEMO_FORUM } from "~/seed.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";

/**
 * Accounts are shared between forums, so a password reset changes someone's sign-in everywhere.
 * An admin of one forum must not be able to reset, and so take over, someone who is an admin of
 * another forum: they may reset only a person over whom they hold every role that person has.
 */
describe("a password reset cannot take over another forum's account", () => {
  let app: RunningApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp();
    const db = openDatabase(app.databaseUrl);
    try {
      const demo = await db.selectFrom("forums").select("id").where("slug", "=", DEMO_FORUM.slug).executeTakeFirstOrThrow();
      const other = await createForum(db, { slug: "another-forum", name: "Another forum" });
      const shared = await createForum(db, { slug: "shared-forum", name: "Zeta: a forum the demo admin also runs" });
      const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
      // Board here, admin in the other forum.
      ids.twoHats = await createUser(db, { email: "two.hats@example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId: ids.twoHats, forumId: demo.id, role: "board" });
      await addMembership(db, { userId: ids.twoHats, forumId: other.id, role: "admin" });
      // Moderator here and board in the other forum, where the demo admin is an admin too.
      ids.bothMine = await createUser(db, { email: "both.mine@example.org", password: DEMO_PASSWORD });
      await addMembership(db, { userId: ids.bothMine, forumId: demo.id, role: "moderator" });
      await addMembership(db, { userId: ids.bothMine, forumId: shared.id, role: "board" });
      await addMembership(db, { userId: admin.id, forumId: shared.id, role: "admin" });
      ids.admin = admin.id;
      ids.board = (await db.selectFrom("users").select("id").where("email", "=", "board@example.org").executeTakeFirstOrThrow()).id;
    } finally {
      await db.destroy();
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function resetsFor(userId: string): Promise<number> {
    const db = openDatabase(app.databaseUrl);
    try {
      return (await db.selectFrom("invitations").select("token_hash").where("kind", "=", "reset").where("user_id", "=", userId).execute())
        .length;
    } finally {
      await db.destroy();
    }
  }

  it("knows whose credentials an admin may reset", async () => {
    const db = openDatabase(app.databaseUrl);
    try {
      expect(await holdsEveryRoleOf(db, ids.admin, ids.board)).toBe(true);
      expect(await holdsEveryRoleOf(db, ids.admin, ids.bothMine)).toBe(true);
      expect(await holdsEveryRoleOf(db, ids.admin, ids.twoHats)).toBe(false);
    } finally {
      await db.destroy();
    }
  });

  it("refuses the reset link, says why on the member's page, and records the attempt", async () => {
    const login = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const reset = (userId: string) =>
      fetch(`${app.url}/admin/users`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
        body: new URLSearchParams({ intent: "reset", userId }),
      });

    const page = await (await fetch(`${app.url}/admin/users/${ids.twoHats}`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain("also has a role in another forum that you are not an admin of");
    expect(page).not.toContain("Create a password reset link");

    const refused = await reset(ids.twoHats);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe(`/admin/users/${ids.twoHats}?refused=reset`);
    expect(await resetsFor(ids.twoHats)).toBe(0);

    const allowed = await reset(ids.bothMine);
    expect(allowed.headers.get("location")).toMatch(/done=reset/);
    expect(await resetsFor(ids.bothMine)).toBe(1);

    const db = openDatabase(app.databaseUrl);
    try {
      const audit = await db.selectFrom("audit_log").select("action").where("subject", "=", ids.twoHats).execute();
      expect(audit.map((a) => a.action)).toContain("user.reset_refused");
    } finally {
      await db.destroy();
    }
  });

  it("an admin turns off a member's two-factor (a lost phone) under the same rule, audited", async () => {
    const db = openDatabase(app.databaseUrl);
    try {
      for (const id of [ids.twoHats, ids.bothMine]) await setTotp(db, id, "JBSWY3DPEHPK3PXP", true);
    } finally {
      await db.destroy();
    }
    const login = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ email: "admin@example.org", password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const turnOff = (userId: string) =>
      fetch(`${app.url}/admin/users/${userId}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url, Cookie: cookie },
        body: new URLSearchParams({ intent: "two_factor" }),
      });
    const refused = await turnOff(ids.twoHats);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("you cannot turn this off");
    const allowed = await turnOff(ids.bothMine);
    expect(allowed.headers.get("location")).toMatch(/done=two_factor_reset/);
    const check = openDatabase(app.databaseUrl);
    try {
      expect((await findUserByEmail(check, "two.hats@example.org"))?.totpEnabled).toBe(true);
      expect((await findUserByEmail(check, "both.mine@example.org"))?.totpEnabled).toBe(false);
      const actions = (
        await check.selectFrom("audit_log").select("action").where("subject", "in", [ids.twoHats, ids.bothMine]).execute()
      ).map((a) => a.action);
      expect(actions).toContain("user.two_factor_reset");
      expect(actions).toContain("user.two_factor_reset_refused");
    } finally {
      await check.destroy();
    }
  });

  it("whoever runs the installation can give a locked-out member a single-use link, and turn off their two-factor", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: app.databaseUrl, PUBLIC_URL: "https://voice.example.org" };
    const db = openDatabase(app.databaseUrl);
    try {
      await setTotp(db, ids.twoHats, "JBSWY3DPEHPK3PXP", true);
    } finally {
      await db.destroy();
    }
    const unknown = await run(process.execPath, ["--import", "tsx", "app/cli/staff.ts", "reset", "nobody@example.org"], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect("code" in unknown && unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No staff member has the address nobody@example.org");

    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "app/cli/staff.ts", "reset", "Two.Hats@example.org", "--two-factor"],
      {
        env,
      },
    );
    const link = stdout.match(/https:\/\/voice\.example\.org(\/reset\/\S+)/)?.[1];
    expect(link, stdout).toBeTruthy();
    const form = await fetch(`${app.url}${link}`);
    expect(form.status).toBe(200);
    const password = "a brand new long password";
    const reset = await fetch(`${app.url}${link}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ password, confirm: password }),
    });
    expect(reset.headers.get("location")).toBe("/login?done=password_reset");
    const again = await fetch(`${app.url}${link}`);
    expect(again.status, "the link works once").toBe(410);

    const check = openDatabase(app.databaseUrl);
    try {
      const user = await findUserByEmail(check, "two.hats@example.org");
      expect(user?.totpEnabled).toBe(false);
      const audit = await check.selectFrom("audit_log").select(["action", "forum_id"]).where("subject", "=", ids.twoHats).execute();
      // Audited in both forums the person belongs to.
      expect(audit.filter((a) => a.action === "user.reset_issued_with_two_factor_off").length).toBe(2);
    } finally {
      await check.destroy();
    }
  });
});

import { authenticator } from "otplib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { createForum } from "~/models/forums.server";
import { addMembership } from "~/models/users.server";
import { DEMO_PASSWORD, startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext } from "../support/browser";

const LAPTOP = { viewport: { width: 1280, height: 800 } };
const FAILED = "Enter a correct email address and password";
const GONE = "This invitation link has been used or has expired";

async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/login`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function oneTimeLink(page: Page): Promise<string> {
  const text = (await page.getByTestId("one-time-link").textContent()) ?? "";
  return new URL(text.trim()).pathname;
}

/** Rows of the users table as "email | role | lead". */
async function memberRows(page: Page): Promise<string[]> {
  return page.locator("table.table tbody tr").evaluateAll((rows) =>
    rows.map((row) =>
      [...row.querySelectorAll("td")]
        .slice(0, 3)
        .map((cell) => cell.textContent?.trim())
        .join(" | ")
        .trim(),
    ),
  );
}

describe.skipIf(!chromiumPath)("accounts, roles and the audit log", () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
  });

  async function laptop(): Promise<Page> {
    const context = await browser.newContext({ ...LAPTOP, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }
  async function phone(): Promise<Page> {
    const context = await phoneContext(browser);
    contexts.push(context);
    return context.newPage();
  }

  it("an admin invites a moderator, who joins, resets their password, and it is all in the audit log", { timeout: 180_000 }, async () => {
    const admin = await laptop();
    await admin.goto(`${app.url}/login`);
    await expectAccessible(admin);

    // A wrong password and an unknown account look exactly the same.
    await signIn(admin, app.url, "admin@example.org", "not the right password");
    const wrongPassword = await admin.locator(".error-summary").textContent();
    await signIn(admin, app.url, "nobody-here@example.org", "not the right password");
    const unknownAccount = await admin.locator(".error-summary").textContent();
    expect(wrongPassword).toContain(FAILED);
    expect(unknownAccount).toBe(wrongPassword);

    await signIn(admin, app.url, "admin@example.org", DEMO_PASSWORD);
    expect(new URL(admin.url()).pathname).toBe("/admin");
    await pageLoaded(admin);
    await expectAccessible(admin);

    await admin.goto(`${app.url}/admin/users`);
    expect(await memberRows(admin)).toContain("admin@example.org (you) | Admin | Lead");
    const email = "new.moderator@example.org";
    // A volunteer in a hurry forgets the address: told so, and the role chosen is kept.
    await admin.locator("#role-moderator").check();
    await admin.getByRole("button", { name: "Create invitation link" }).click();
    expect(await admin.locator(".error-summary").textContent()).toContain("Enter their email address");
    expect(await admin.locator("#role-moderator").isChecked()).toBe(true);
    await pageLoaded(admin);
    await expectAccessible(admin);
    await admin.locator("#email").fill(email);
    await admin.getByRole("button", { name: "Create invitation link" }).click();
    expect(await admin.locator(".notification").textContent()).toContain(`Invitation created for a new moderator, ${email}`);
    const joinPath = await oneTimeLink(admin);
    expect(joinPath).toMatch(/^\/join\/[A-Za-z0-9_-]{20,}$/);
    await pageLoaded(admin);
    await expectAccessible(admin);
    // Shown once: a reload does not show the link again.
    await admin.reload();
    expect(await admin.getByTestId("one-time-link").count()).toBe(0);
    expect(await admin.locator(".notification").textContent()).toContain("shown only once");

    // The new moderator, on their phone.
    const moderator = await phone();
    await moderator.goto(app.url + joinPath);
    expect(await moderator.locator("h1").textContent()).toContain("Join");
    // The link is for the address the admin typed: the page asks for none.
    expect(await moderator.locator("main").textContent()).toContain(`You will sign in as ${email}`);
    expect(await moderator.locator("#email").count()).toBe(0);
    await moderator.locator("#password").fill("too short");
    await moderator.locator("#confirm").fill("too short");
    const refused = moderator.waitForResponse((r) => r.request().method() === "POST");
    await moderator.getByRole("button", { name: "Join" }).click();
    expect((await refused).status()).toBe(400);
    expect(await moderator.locator(".error-summary").textContent()).toContain("Password must be at least 12 characters");
    await pageLoaded(moderator);
    await expectAccessible(moderator);
    const firstPassword = "violet canal umbrella";
    await moderator.locator("#password").fill(firstPassword);
    await moderator.locator("#confirm").fill(firstPassword);
    await moderator.getByRole("button", { name: "Join" }).click();
    expect(new URL(moderator.url()).pathname).toBe("/admin");
    expect(await moderator.locator(".staff-bar__who").textContent()).toContain(`${email} (moderator)`);
    await pageLoaded(moderator);
    expect(await moderator.getByRole("link", { name: "Moderation", exact: true }).count()).toBeGreaterThan(0);
    expect(await moderator.getByRole("link", { name: "Users", exact: true }).count()).toBe(0);
    expect(await moderator.getByRole("link", { name: "Audit log", exact: true }).count()).toBe(0);
    expect((await moderator.goto(`${app.url}/admin/users`))?.status()).toBe(403);
    expect((await moderator.goto(`${app.url}/admin/audit`))?.status()).toBe(403);
    expect((await moderator.goto(`${app.url}/admin/audit.csv`))?.status()).toBe(403);

    // The invitation cannot be used twice; a made-up link gets the same explanation.
    const reused = await moderator.goto(app.url + joinPath);
    expect(reused?.status()).toBe(410);
    expect(await moderator.locator("h1").textContent()).toBe(GONE);
    const unknown = await moderator.goto(`${app.url}/join/not-a-real-invitation-link`);
    expect(unknown?.status()).toBe(404);
    expect(await moderator.locator("h1").textContent()).toBe(GONE);

    // The admin creates a password reset link from the member's page.
    await admin.goto(`${app.url}/admin/users`);
    expect(await memberRows(admin)).toContain(`${email} | Moderator |`);
    await admin.getByRole("link", { name: email }).click();
    await admin.getByRole("button", { name: "Create a password reset link" }).click();
    expect(await admin.locator(".notification").textContent()).toContain(`Password reset link created for ${email}`);
    const resetPath = await oneTimeLink(admin);
    expect(resetPath).toMatch(/^\/reset\/[A-Za-z0-9_-]{20,}$/);

    await moderator.goto(app.url + resetPath);
    expect(await moderator.locator(".body").first().textContent()).toContain(email);
    const newPassword = "saffron ladder meadow";
    await moderator.locator("#password").fill(newPassword);
    await moderator.locator("#confirm").fill("saffron ladder meadows");
    await moderator.getByRole("button", { name: "Save new password" }).click();
    expect(await moderator.locator(".error-summary").textContent()).toContain("do not match");
    await moderator.locator("#password").fill(newPassword);
    await moderator.locator("#confirm").fill(newPassword);
    await moderator.getByRole("button", { name: "Save new password" }).click();
    expect(new URL(moderator.url()).pathname).toBe("/login");
    expect(await moderator.locator(".notification").textContent()).toContain("Your password has been changed");
    // The reset ended the session the moderator had from joining.
    await moderator.goto(`${app.url}/admin`);
    expect(new URL(moderator.url()).pathname).toBe("/login");
    await signIn(moderator, app.url, email, firstPassword);
    expect(await moderator.locator(".error-summary").textContent()).toContain(FAILED);
    await signIn(moderator, app.url, email, newPassword);
    expect(new URL(moderator.url()).pathname).toBe("/admin");
    expect((await moderator.goto(app.url + resetPath))?.status()).toBe(410);

    // The audit log, and its export.
    await admin.goto(`${app.url}/admin/audit`);
    await expectAccessible(admin);
    const actions = await admin.locator("table.table tbody td code").allTextContents();
    for (const action of ["user.invited", "user.joined", "user.reset_issued", "user.password_reset", "login.succeeded"]) {
      expect(actions).toContain(action);
    }
    // Newest first: the password reset came after the invitation.
    expect(actions.indexOf("user.password_reset")).toBeLessThan(actions.indexOf("user.invited"));
    await admin.locator("#action").fill("user.");
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.waitForURL(/[?&]action=user\./);
    const filtered = await admin.locator("table.table tbody td code").allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((a) => a.startsWith("user."))).toBe(true);
    await admin.locator("#action").fill("");
    await admin.getByRole("button", { name: "Filter" }).click();

    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("link", { name: "Download these entries as CSV" }).click(),
    ]);
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("who,when,action,subject,detail");
    const invited = lines.find((l) => l.split(",")[2] === "user.invited");
    expect(invited?.startsWith("admin@example.org,")).toBe(true);
    const joined = lines.find((l) => l.split(",")[2] === "user.joined");
    expect(joined?.startsWith(`${email},`)).toBe(true);
    await admin.reload();
    expect(await admin.locator("table.table tbody td code").first().textContent()).toBe("audit.exported");

    await admin.goto(`${app.url}/account`);
    await expectAccessible(admin);
    await admin.goto(`${app.url}/account/two-factor`);
    await expectAccessible(admin);
  });

  it("a moderator turns on two-factor; signing in then needs the code, and a wrong one is refused", { timeout: 120_000 }, async () => {
    const page = await laptop();
    await signIn(page, app.url, "moderator@example.org", DEMO_PASSWORD);
    await page.goto(`${app.url}/account/two-factor`);
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const enablingCode = authenticator.generate(secret);
    await page.locator("#code").fill(enablingCode);
    await page.getByRole("button", { name: "Turn on" }).click();
    // Ten one-time recovery codes, shown this once, for the day the phone is lost.
    await page.getByTestId("recovery-codes").waitFor();
    await pageLoaded(page);
    const recoveryCodes = (await page.getByTestId("recovery-codes").locator("code").allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
    await expectAccessible(page);
    await page.getByRole("link", { name: "I have saved them" }).click();
    expect(new URL(page.url()).pathname).toBe("/account");
    await pageLoaded(page);
    expect(await page.locator("main").textContent()).toContain("On: you enter a code");

    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.url, "moderator@example.org", DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    // Until the code is given, staff pages send them back to it.
    await page.goto(`${app.url}/admin`);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");

    // A code the app would not show in the accepted window around now.
    const accepted = new Set(
      [-60_000, -30_000, 0, 30_000, 60_000].map((shift) => authenticator.clone({ epoch: Date.now() + shift }).generate(secret)),
    );
    let wrong = 123456;
    while (accepted.has(String(wrong).padStart(6, "0"))) wrong += 1;
    await page.locator("#code").fill(String(wrong).padStart(6, "0"));
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Enter the 6-digit code");
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");

    // The code that turned two-factor on, replayed: refused, though it may still be in its window.
    await page.locator("#code").fill(enablingCode);
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("Enter the 6-digit code");

    // The next step's code, which the accepted drift allows and which no one has used yet.
    await page.locator("#code").fill(authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(await page.locator(".staff-bar__who").textContent()).toContain("moderator@example.org (moderator)");

    // The phone is lost: a recovery code, typed from paper in capitals, signs them in once.
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.url, "moderator@example.org", DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await page.locator("#code").fill(recoveryCodes[3].toUpperCase().replace("-", " "));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/account/two-factor");
    await pageLoaded(page);
    expect(await page.locator(".notification").first().textContent()).toContain("You signed in with a recovery code");
    expect(await page.getByTestId("unused-codes").textContent()).toContain("9 of 10 recovery codes unused");
    await expectAccessible(page);
    // The same code a second time is refused.
    await page.goto(`${app.url}/account`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, app.url, "moderator@example.org", DEMO_PASSWORD);
    await page.locator("#code").fill(recoveryCodes[3]);
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator(".error-summary").textContent()).toContain("That recovery code is not right, or it has been used already");
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
  });

  it(
    "a member who is also in another forum: no reset unless the admin runs that forum too, and then a warning",
    { timeout: 120_000 },
    async () => {
      // Named to sort after the demo forum, so the demo admin still signs in to the demo forum.
      const db = openDatabase(app.databaseUrl);
      const otherId = await (async () => {
        try {
          const other = await createForum(db, { slug: "zeta-forum", name: "Zeta Parent Carer Forum" });
          const user = await db.selectFrom("users").select("id").where("email", "=", "moderator@example.org").executeTakeFirstOrThrow();
          await addMembership(db, { userId: user.id, forumId: other.id, role: "moderator" });
          return other.id;
        } finally {
          await db.destroy();
        }
      })();
      const admin = await laptop();
      await signIn(admin, app.url, "admin@example.org", DEMO_PASSWORD);
      await admin.goto(`${app.url}/admin/users`);
      await admin.getByRole("link", { name: "moderator@example.org", exact: true }).click();
      const memberPage = admin.url();
      // A role in a forum this admin does not run: a reset would hand them that forum too.
      expect(await admin.getByTestId("reset-not-yours").textContent()).toContain(
        "also has a role in another forum that you are not an admin of",
      );
      expect(await admin.getByRole("button", { name: "Create a password reset link" }).count()).toBe(0);
      await pageLoaded(admin);
      await expectAccessible(admin);

      // Once the admin runs that forum too, the reset is theirs to give, with a warning.
      const db2 = openDatabase(app.databaseUrl);
      try {
        const me = await db2.selectFrom("users").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
        await addMembership(db2, { userId: me.id, forumId: otherId, role: "admin" });
      } finally {
        await db2.destroy();
      }
      await admin.goto(memberPage);
      expect(await admin.getByTestId("other-forums").textContent()).toContain(
        "moderator@example.org is also a member of another forum. The new password will work there too",
      );
      await pageLoaded(admin);
      await expectAccessible(admin);
      // A member of this forum only is told nothing of the kind.
      await admin.goto(`${app.url}/admin/users`);
      await admin.getByRole("link", { name: "board@example.org" }).click();
      await admin.locator("h1").waitFor();
      await pageLoaded(admin);
      expect(await admin.getByTestId("other-forums").count()).toBe(0);
      expect(await admin.getByTestId("reset-not-yours").count()).toBe(0);
    },
  );

  it("an admin changes a role, moves the safeguarding lead, removes a member, and requires two-factor", { timeout: 120_000 }, async () => {
    const admin = await laptop();
    await signIn(admin, app.url, "admin@example.org", DEMO_PASSWORD);
    await admin.goto(`${app.url}/admin/users`);

    await admin.getByRole("link", { name: "board@example.org" }).click();
    const boardPage = admin.url();
    await admin.locator("#role-moderator").check();
    await admin.getByRole("button", { name: "Save role" }).click();
    expect(await admin.locator(".notification").textContent()).toContain("Role changed. (board@example.org)");
    await pageLoaded(admin);
    expect(await memberRows(admin)).toContain("board@example.org | Moderator |");

    await admin.goto(boardPage);
    await admin.getByRole("button", { name: "Name as safeguarding lead" }).click();
    await admin.waitForURL(/[?&]done=lead/);
    const rows = await memberRows(admin);
    expect(rows).toContain("board@example.org | Moderator | Lead");
    expect(rows).toContain("admin@example.org (you) | Admin |");

    // The lead cannot be removed until someone else is named.
    await admin.goto(boardPage);
    await admin.getByRole("link", { name: "Remove board@example.org from the forum" }).click();
    const refused = admin.waitForResponse((r) => r.request().method() === "POST");
    await admin.getByRole("button", { name: "Yes, remove from the forum" }).click();
    expect((await refused).status()).toBe(400);
    // The refusal's page may still be arriving: wait for all of it before reading the summary.
    await admin.locator(".error-summary").waitFor();
    await pageLoaded(admin);
    expect(await admin.locator(".error-summary").textContent()).toContain("safeguarding lead");

    // An admin cannot change their own role or remove themselves.
    await admin.goto(`${app.url}/admin/users`);
    await admin.getByRole("link", { name: "admin@example.org" }).click();
    await admin.waitForURL(/\/admin\/users\/[^/?]+$/);
    expect(await admin.locator("main").textContent()).toContain("You cannot change your own role");
    expect(await admin.getByRole("link", { name: /^Remove / }).count()).toBe(0);
    await admin.getByRole("button", { name: "Name as safeguarding lead" }).click();

    await admin.goto(`${boardPage}?confirm=remove`);
    await admin.getByRole("button", { name: "Yes, remove from the forum" }).click();
    expect(await admin.locator(".notification").textContent()).toContain("Member removed");
    await pageLoaded(admin);
    expect((await memberRows(admin)).some((r) => r.startsWith("board@example.org"))).toBe(false);
    // Their old page is now not found, as for someone in another forum.
    expect((await admin.goto(boardPage))?.status()).toBe(404);

    await admin.goto(`${app.url}/admin/audit?action=user.`);
    const actions = await admin.locator("table.table tbody td code").allTextContents();
    for (const action of ["user.role_changed", "user.safeguarding_lead_named", "user.removed"]) expect(actions).toContain(action);

    // Requiring two-factor sends this admin, who has not set it up, to do so.
    await admin.goto(`${app.url}/admin/users`);
    await admin.locator("#require").check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    expect(admin.url()).toContain("/account/two-factor?required=1");
    expect(await admin.locator(".notification").textContent()).toContain("requires two-factor authentication");
  });
});

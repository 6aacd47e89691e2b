import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startApp, type RunningApp } from "../support/app";
import { postForm, signInCookie } from "../support/http";

/** Each drafted translation says so to admins until one of them records a native speaker's review. */
describe("review status of each language", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  function rowOf(html: string, language: string): string {
    return new RegExp(`data-testid="language-${language}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
  }

  it("shows every language as a draft, records a review and its withdrawal, and audits both", async () => {
    const admin = await signInCookie(app, "admin@example.org");
    const page = async () => (await fetch(`${app.url}/admin/languages`, { headers: { Cookie: admin } })).text();
    const before = await page();
    for (const language of ["ur", "pa", "bn", "ar", "pl", "ro", "so", "ps"]) {
      expect(rowOf(before, language)).toContain("Draft, needs a native speaker&#x27;s review");
    }

    const reviewed = await postForm(app, "/admin/languages", { intent: "reviewed", language: "pl" }, admin);
    expect(reviewed.status).toBe(302);
    const after = await page();
    expect(rowOf(after, "pl")).toContain("Reviewed");
    expect(rowOf(after, "pl")).toContain("admin@example.org");
    expect(rowOf(after, "ro")).toContain("Draft");

    expect((await postForm(app, "/admin/languages", { intent: "draft", language: "pl" }, admin)).status).toBe(302);
    expect(rowOf(await page(), "pl")).toContain("Draft");

    // Only the languages the site is translated into; a made-up one is refused with a message.
    const refused = await postForm(app, "/admin/languages", { intent: "reviewed", language: "fr" }, admin);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose a language this site is translated into.");

    // A moderator may not change it.
    const moderator = await signInCookie(app, "moderator@example.org");
    expect((await postForm(app, "/admin/languages", { intent: "reviewed", language: "pl" }, moderator)).status).toBe(403);

    const db = openDatabase(app.databaseUrl);
    try {
      const actions = await db.selectFrom("audit_log").select(["action", "subject"]).where("action", "like", "language.%").execute();
      expect(actions).toEqual([
        { action: "language.reviewed", subject: "pl" },
        { action: "language.review_withdrawn", subject: "pl" },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
